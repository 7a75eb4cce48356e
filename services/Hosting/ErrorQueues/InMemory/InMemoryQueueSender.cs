using System.Net.Mime;
using MassTransit;
using MassTransit.Serialization;

namespace Switchyard.Hosting.ErrorQueues.InMemory;

/// <summary>
/// Puts a <see cref="TransportMessage"/> into a queue of the in-memory bus as it is (message id, headers, body byte
/// for byte), so that the queue's consumer gets the original message; or, for an error or skipped queue, into
/// <see cref="InMemoryErrorQueues"/> (an import).
/// </summary>
public sealed class InMemoryQueueSender(InMemoryErrorQueues store, IBus bus)
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="queue"/>; returns once the queue holds it.</summary>
    /// <exception cref="QueueNotFoundException">The queue is not a receive endpoint of this host, nor one's error or skipped queue.</exception>
    /// <exception cref="ErrorQueueFullException">The error or skipped queue is full.</exception>
    /// <exception cref="UnsendableMessageException">The message cannot travel on the in-memory transport.</exception>
    public async Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(message);

        if (ErrorQueueNames.IsErrorQueue(queue) || ErrorQueueNames.IsSkippedQueue(queue))
        {
            store.Import(queue, message);
            return;
        }

        if (!store.IsReceiveEndpoint(queue))
            throw new QueueNotFoundException(queue);

        var raw = RawBody.Check(message);
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(new RawBody(), Pipe.Execute<SendContext<RawBody>>(raw.Apply), cancellationToken);
    }
}

/// <summary>
/// The stand-in MassTransit sends: the body it puts on the transport is the stored one, given by
/// <see cref="MassTransit.Serialization.CopyBodySerializer"/> (what MassTransit uses to forward a message it cannot
/// deserialise), so this type never reaches the wire.
/// </summary>
sealed class RawBody
{
    /// <summary>The message as it will be sent, once checked.</summary>
    public sealed record Checked(TransportMessage Message, Guid MessageId, ContentType ContentType, Guid? CorrelationId)
    {
        /// <summary>Replaces what MassTransit would have sent with the stored message.</summary>
        public void Apply(SendContext<RawBody> context)
        {
            context.MessageId = MessageId;
            if (CorrelationId is { } correlationId)
                context.CorrelationId = correlationId;
            foreach (var (name, value) in Message.Headers)
            {
                if (MovedMessage.IsProperty(name))
                    continue;
                // The in-memory transport drops a false boolean header; as text it survives, as a broker would keep it.
                context.Headers.Set(name, value is bool flag ? (flag ? bool.TrueString : bool.FalseString) : value);
            }

            context.Serializer = new CopyBodySerializer(ContentType, new BytesMessageBody(Message.Body));
        }
    }

    /// <summary>The message, or why the in-memory transport cannot carry it.</summary>
    /// <exception cref="UnsendableMessageException">No body, a message id that is not a GUID, or no or a malformed content type.</exception>
    public static Checked Check(TransportMessage message)
    {
        if (message.Body is null)
            throw new UnsendableMessageException("The message has no body.");
        if (!Guid.TryParse(message.MessageId, out var messageId))
            throw new UnsendableMessageException($"The message id '{message.MessageId}' is not a GUID; the in-memory transport's message ids are GUIDs.");
        if (string.IsNullOrWhiteSpace(message.ContentType))
            throw new UnsendableMessageException("The message has no content type: the consumer would not know how to read its body.");

        ContentType contentType;
        try
        {
            contentType = new ContentType(message.ContentType);
        }
        catch (FormatException)
        {
            throw new UnsendableMessageException($"The content type '{message.ContentType}' is not a media type.");
        }

        Guid? correlationId = Guid.TryParse(message.CorrelationId, out var correlation) ? correlation : null;
        return new Checked(message, messageId, contentType, correlationId);
    }
}

/// <summary>A message the in-memory transport cannot carry; the message says why. Nothing was sent.</summary>
public sealed class UnsendableMessageException(string reason) : Exception(reason);
