namespace Switchyard.Hosting.Bus;

/// <summary>
/// An exception that knows how long to wait before the next attempt, typically from an HTTP <c>Retry-After</c>.
/// The shared retry conventions wait at least that long (see <see cref="RetryAfterPolicy"/>).
/// </summary>
public interface IRetryAfter
{
    /// <summary>How long the failing service asked to wait, when it said.</summary>
    TimeSpan? RetryAfter { get; }
}
