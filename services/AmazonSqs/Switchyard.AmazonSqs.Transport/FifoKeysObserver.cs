using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs.Transport;

/// <summary>
/// Gives every message bound for a FIFO queue or topic its group and deduplication ids (<see cref="FifoKeys"/>), which
/// SQS and SNS require there. Observers run after the sender's own callback, which is where the receipt sets the
/// ordering key; a send filter would run before it.
/// </summary>
/// <param name="topology">Which message types are published to FIFO topics.</param>
public sealed class FifoKeysObserver(AmazonSqsTopology topology) : ISendObserver, IPublishObserver
{
    /// <inheritdoc />
    public Task PreSend<T>(SendContext<T> context)
        where T : class
    {
        if (FifoKeys.IsFifoDestination(context.DestinationAddress))
            Apply(context);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PrePublish<T>(PublishContext<T> context)
        where T : class
    {
        if (topology.IsFifoMessageType(typeof(T).FullName ?? typeof(T).Name))
            Apply(context);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PostSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task PostPublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;

    static void Apply(SendContext context)
    {
        // False only off SQS, where there is nothing to set.
        _ = context.TrySetGroupId(FifoKeys.GroupId(context));
        if (FifoKeys.DeduplicationId(context) is { } deduplicationId)
            _ = context.TrySetDeduplicationId(deduplicationId);
    }
}
