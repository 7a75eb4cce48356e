using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.AmazonSqs.Faults;

/// <summary>
/// What MassTransit knew when it moved a message to an error queue: the <c>MT-Fault-*</c>, <c>MT-Reason</c> and
/// <c>MT-Host-*</c> headers it would have put on the message, of which SQS keeps only three.
/// </summary>
/// <param name="MessageId">The message's MassTransit id.</param>
/// <param name="ErrorQueue">The error queue as the services name it, e.g. <c>processor_error</c> (no scope, no <c>.fifo</c>).</param>
/// <param name="Headers">The headers, as text.</param>
/// <param name="RecordedAt">When the record was made.</param>
public sealed record FaultRecord(string MessageId, string ErrorQueue, IReadOnlyDictionary<string, string> Headers, DateTimeOffset RecordedAt)
{
    /// <summary>The details these headers give, for <see cref="FaultDetails.Complete"/>.</summary>
    public FaultDetails ToFaultDetails() => FaultDetails.FromHeaders(new TransportMessage
    {
        MessageId = MessageId,
        Headers = Headers.ToDictionary(h => h.Key, h => (object)h.Value, StringComparer.OrdinalIgnoreCase),
        Body = [],
    });
}

/// <summary>Keeps <see cref="FaultRecord"/>s by message and error queue.</summary>
public interface IFaultStore
{
    /// <summary>Records the details of a message's fault, replacing an earlier record for the same message and queue.</summary>
    Task RecordAsync(FaultRecord record, CancellationToken cancellationToken);

    /// <summary>The details recorded for <paramref name="messageId"/> in <paramref name="errorQueue"/>, or null.</summary>
    Task<FaultRecord?> FindAsync(string messageId, string errorQueue, CancellationToken cancellationToken);
}
