using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Messaging;

namespace Switchyard.AmazonSqs;

/// <summary>
/// The FIFO group and deduplication ids of an outgoing message: its ordering key (the HubSpot object id the receipt
/// sets), so one object's messages keep their order while other objects' proceed; and its message id, which Switchyard
/// derives from the event, so a message sent twice within SQS's five minutes is delivered once.
/// </summary>
public static class FifoKeys
{
    /// <summary>The group of <paramref name="context"/>'s message: its ordering key, or its id when it has none.</summary>
    public static string GroupId(SendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Headers.Get<string>(OrderingKey.Header, null) is { Length: > 0 } key
            ? key
            : context.MessageId?.ToString() ?? "switchyard";
    }

    /// <summary>The deduplication id of <paramref name="context"/>'s message: its id, or null.</summary>
    public static string? DeduplicationId(SendContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.MessageId?.ToString();
    }

    /// <summary>Whether a send to <paramref name="destination"/> goes to a FIFO queue.</summary>
    public static bool IsFifoDestination(Uri? destination) => AmazonSqsTopology.IsFifoAddress(destination);
}
