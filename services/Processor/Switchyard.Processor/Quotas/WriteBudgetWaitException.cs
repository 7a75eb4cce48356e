using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// A write may be made in a moment, not now: thrown so that MassTransit's retry, which waits at least
/// <see cref="RetryAfter"/> (see <see cref="RetryAfterPolicy"/>), holds the message that long. Only for short waits;
/// longer ones park the message.
/// </summary>
public sealed class WriteBudgetWaitException(PartnerCentralWrite write, string reason, TimeSpan wait, Exception? innerException = null)
    : Exception($"{write.Operation} of {write.Subject} waits {Math.Ceiling(wait.TotalMilliseconds):0} ms for Partner Central's {reason} quota.", innerException), IRetryAfter
{
    /// <summary>The quota it waits for (see <see cref="BudgetReasons"/>).</summary>
    public string Reason { get; } = reason;

    /// <inheritdoc />
    public TimeSpan? RetryAfter { get; } = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}
