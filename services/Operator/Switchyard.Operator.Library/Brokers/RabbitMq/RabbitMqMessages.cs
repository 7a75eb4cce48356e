using RabbitMQ.Client;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>Converts between AMQP messages and <see cref="TransportMessage"/>.</summary>
internal static class RabbitMqMessages
{
    /// <summary>
    /// The message as the broker handed it out. A message without an AMQP message id gets an empty one, which
    /// <see cref="ToProperties"/> leaves unset again, so a move does not invent an id.
    /// </summary>
    public static TransportMessage ToTransportMessage(BasicGetResult result) => new()
    {
        MessageId = result.BasicProperties.MessageId ?? "",
        ContentType = result.BasicProperties.ContentType,
        CorrelationId = result.BasicProperties.CorrelationId,
        Headers = HeaderValues.From(result.BasicProperties.Headers),
        // Copied: the client may reuse the buffer behind the memory it hands out.
        Body = result.Body.ToArray(),
    };

    /// <summary>
    /// The properties to publish <paramref name="message"/> with: persistent, since it is going to a durable queue where
    /// it must survive a broker restart like the original did. Header values go as the kinds the client writes natively
    /// (strings as long strings, whole numbers as 64-bit integers, doubles, booleans).
    /// </summary>
    public static BasicProperties ToProperties(TransportMessage message)
    {
        var properties = new BasicProperties
        {
            MessageId = string.IsNullOrEmpty(message.MessageId) ? null : message.MessageId,
            ContentType = message.ContentType,
            CorrelationId = message.CorrelationId,
            DeliveryMode = DeliveryModes.Persistent,
        };
        if (message.Headers.Count > 0)
        {
            var headers = new Dictionary<string, object?>(message.Headers.Count, StringComparer.Ordinal);
            foreach (var (name, value) in message.Headers)
            {
                if (HeaderValues.Normalise(value) is { } normalised)
                    headers[name] = normalised;
            }
            properties.Headers = headers;
        }
        return properties;
    }
}
