using MassTransit;
using MassTransit.Serialization;

namespace Switchyard.Hosting.ErrorQueues.InMemory;

/// <summary>
/// The error transport of an in-memory receive endpoint: keeps a message whose consumer failed in
/// <see cref="InMemoryErrorQueues"/>, under <c>&lt;queue&gt;_error</c>, as MassTransit's RabbitMQ error transport
/// would move it: same id, content type, headers and body, plus the <c>MT-Host-*</c> and the <c>MT-Reason</c> and
/// <c>MT-Fault-*</c> headers MassTransit made for the exception.
/// </summary>
public sealed class KeepFaultedMessageFilter(InMemoryErrorQueues store, string queue) : IFilter<ExceptionReceiveContext>
{
    readonly string _errorQueue = ErrorQueueNames.ErrorQueueOf(queue);

    /// <inheritdoc />
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        store.TryAdd(_errorQueue, MovedMessage.From(context, headers => headers.CopyFrom(context.ExceptionHeaders)));
        await next.Send(context);
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context?.CreateFilterScope("keepFaultedInMemory");
}

/// <summary>
/// The dead-letter transport of an in-memory receive endpoint: keeps a message no consumer took under
/// <c>&lt;queue&gt;_skipped</c>, with the <c>MT-Reason</c> MassTransit gives it (<c>dead-letter</c>).
/// </summary>
public sealed class KeepSkippedMessageFilter(InMemoryErrorQueues store, string queue) : IFilter<ReceiveContext>
{
    /// <summary>The reason MassTransit's dead-letter filter records.</summary>
    public const string Reason = "dead-letter";

    readonly string _skippedQueue = queue + ErrorQueueNames.SkippedSuffix;

    /// <inheritdoc />
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        store.TryAdd(_skippedQueue, MovedMessage.From(context, headers => headers.Set(MessageHeaders.Reason, Reason)));
        await next.Send(context);
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context?.CreateFilterScope("keepSkippedInMemory");
}

/// <summary>A received message as a broker's move to another queue leaves it.</summary>
static class MovedMessage
{
    /// <summary>
    /// The message with its transport headers, then MassTransit's host headers, then <paramref name="addHeaders"/>,
    /// in the order MassTransit's RabbitMQ move applies them. The in-memory transport keeps the message id and the
    /// content type as headers; a broker keeps them as properties, so here they become the message's fields.
    /// </summary>
    public static TransportMessage From(ReceiveContext context, Action<SendHeaders> addHeaders)
    {
        var headers = new DictionarySendHeaders();
        foreach (var (key, value) in context.TransportHeaders.GetAll())
        {
            if (!IsProperty(key))
                headers.Set(key, value);
        }

        headers.SetHostHeaders();
        addHeaders(headers);

        return new TransportMessage
        {
            MessageId = context.GetMessageId(NewId.NextGuid()).ToString(),
            ContentType = context.TransportHeaders.Get<string>(MessageHeaders.ContentType) ?? context.ContentType?.ToString(),
            CorrelationId = context.GetCorrelationId()?.ToString(),
            Headers = HeaderValues.From(headers.GetAll()),
            Body = context.GetBody().ToArray(),
        };
    }

    /// <summary>Whether a header of the in-memory transport stands for a broker's message property.</summary>
    public static bool IsProperty(string header) =>
        string.Equals(header, MessageHeaders.MessageId, StringComparison.OrdinalIgnoreCase)
        || string.Equals(header, MessageHeaders.ContentType, StringComparison.OrdinalIgnoreCase);
}
