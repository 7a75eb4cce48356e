using System.Net.Http.Headers;

namespace Switchyard.Processor.Http;

/// <summary>Reads an HTTP <c>Retry-After</c> (RFC 9110, section 10.2.3): seconds, or a date.</summary>
public static class RetryAfterHeader
{
    /// <summary>How long the header asks to wait from now: its seconds, or the time left until its date (none once passed); null without the header.</summary>
    public static TimeSpan? Delay(RetryConditionHeaderValue? header, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };
    }
}
