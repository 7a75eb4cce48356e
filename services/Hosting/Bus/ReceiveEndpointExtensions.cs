using MassTransit;

namespace Switchyard.Hosting.Bus;

/// <summary>Endpoint settings that depend on what the transport can do.</summary>
public static class ReceiveEndpointExtensions
{
    /// <summary>
    /// Lets one instance at a time consume the endpoint's queue, the others standing by to take over, where the
    /// transport can (RabbitMQ's single active consumer). A limit or an ordering kept within one process then holds
    /// for the whole deployment. In memory there is only one process; on SQS, FIFO message groups do this job.
    /// </summary>
    public static void ConsumeFromOneInstanceAtATime(this IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq)
            rabbitMq.SingleActiveConsumer = true;
    }

    /// <summary>
    /// Whether the endpoint's queue is a FIFO one (SQS, named <c>.fifo</c>): such a queue keeps each message group in
    /// order, and takes no delayed redelivery.
    /// </summary>
    public static bool IsFifo(this IReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return AmazonSqsTopology.IsFifoAddress(endpoint.InputAddress);
    }

    /// <summary>
    /// The address to send to a queue configured with <see cref="ConsumeFromOneInstanceAtATime"/>. A RabbitMQ sender
    /// declares the queue it sends to, and the broker refuses a declaration whose arguments differ from the queue's,
    /// so the address carries the same setting; transports without it ignore it.
    /// </summary>
    public static Uri QueueConsumedFromOneInstanceAtATime(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        return new Uri($"queue:{queueName}?singleactiveconsumer=true");
    }
}
