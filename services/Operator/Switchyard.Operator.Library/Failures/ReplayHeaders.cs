using MassTransit;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Failures;

/// <summary>What a replayed message leaves behind: the marks of its failure.</summary>
internal static class ReplayHeaders
{
    /// <summary>
    /// True for the headers MassTransit adds when it moves a message to an error queue (reason, fault details, the
    /// failing host) and for the redelivery count, so a replayed message starts with its retries and redeliveries fresh.
    /// </summary>
    public static bool IsFailureHeader(string name) =>
        name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MT-Host-", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, MessageHeaders.Reason, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, MessageHeaders.RedeliveryCount, StringComparison.OrdinalIgnoreCase);

    /// <summary>The message as it was before it failed: same id and body, without the failure headers.</summary>
    public static TransportMessage ForReplay(TransportMessage message) => message.WithoutHeaders(IsFailureHeader);
}
