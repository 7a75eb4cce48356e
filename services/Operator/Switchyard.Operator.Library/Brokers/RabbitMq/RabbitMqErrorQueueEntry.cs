using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>A message a <see cref="RabbitMqErrorQueueReader"/> holds unacknowledged.</summary>
internal sealed class RabbitMqErrorQueueEntry : ErrorQueueEntry
{
    readonly RabbitMqErrorQueueReader _reader;

    public RabbitMqErrorQueueEntry(RabbitMqErrorQueueReader reader, ulong deliveryTag, string queue, TransportMessage message)
        : base(queue, message, FaultDetails.FromHeaders(message))
    {
        _reader = reader;
        DeliveryTag = deliveryTag;
    }

    /// <summary>The delivery tag on the reader's channel.</summary>
    public ulong DeliveryTag { get; }

    /// <summary>Acknowledges the delivery, which removes the message from the queue for good.</summary>
    /// <exception cref="InvalidOperationException">The read has ended: the message is back in the queue.</exception>
    public override Task RemoveAsync(CancellationToken cancellationToken) => _reader.RemoveAsync(DeliveryTag, cancellationToken);
}
