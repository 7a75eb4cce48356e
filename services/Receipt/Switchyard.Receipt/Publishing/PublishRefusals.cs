using Microsoft.Extensions.Logging;

namespace Switchyard.Receipt.Publishing;

/// <summary>
/// Says once that the receipt answers 503 because the broker does not confirm, and once that it confirms again, instead
/// of an error per refused request: an outage is two lines here, however many requests it refused. Each refusal is
/// still logged at Debug with its correlation id, and counted in <c>switchyard.receipt.requests</c>.
/// </summary>
public sealed partial class PublishRefusals(ILogger<PublishRefusals> logger)
{
    long _refused;

    /// <summary>A request's publish was not confirmed.</summary>
    public void Refused(int count, string messageType, Guid correlationId, string reason)
    {
        if (Interlocked.Increment(ref _refused) == 1)
            LogRefusing(logger, reason);
        LogNotConfirmed(logger, count, messageType, correlationId, reason);
    }

    /// <summary>A request's publish was confirmed.</summary>
    public void Confirmed()
    {
        if (Volatile.Read(ref _refused) == 0)
            return;
        var refused = Interlocked.Exchange(ref _refused, 0);
        if (refused > 0)
            LogConfirmingAgain(logger, refused);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The broker does not confirm publishes ({Reason}): refusing requests with 503 until it does; each refusal is logged at Debug.")]
    static partial void LogRefusing(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "The broker did not confirm {Count} {MessageType} message(s) of correlation {CorrelationId}: {Reason}")]
    static partial void LogNotConfirmed(ILogger logger, int count, string messageType, Guid correlationId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The broker confirms publishes again; {Refused} request(s) were refused with 503 meanwhile.")]
    static partial void LogConfirmingAgain(ILogger logger, long refused);
}
