namespace Switchyard.Hosting.ErrorQueues;

/// <summary>MassTransit's names for the queues beside a consumer's queue.</summary>
public static class ErrorQueueNames
{
    /// <summary>What MassTransit appends for the error queue.</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>What MassTransit appends for the queue of messages no consumer took.</summary>
    public const string SkippedSuffix = "_skipped";

    /// <summary>The error queue of <paramref name="queue"/>.</summary>
    public static string ErrorQueueOf(string queue) => queue + ErrorSuffix;

    /// <summary>True when <paramref name="queue"/> is an error queue.</summary>
    public static bool IsErrorQueue(string queue) => queue.EndsWith(ErrorSuffix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="queue"/> is a skipped queue.</summary>
    public static bool IsSkippedQueue(string queue) => queue.EndsWith(SkippedSuffix, StringComparison.Ordinal);

    /// <summary>The consumer queue an error or skipped queue belongs to; the name itself for any other queue.</summary>
    public static string ConsumerQueueOf(string queue) =>
        IsErrorQueue(queue) ? queue[..^ErrorSuffix.Length]
        : IsSkippedQueue(queue) ? queue[..^SkippedSuffix.Length]
        : queue;

    /// <summary>
    /// The queue name in a MassTransit address or a plain name: <c>rabbitmq://host/vhost/processor?singleactiveconsumer=true</c>,
    /// <c>loopback://localhost/processor</c>, <c>amazonsqs://region/scope/processor</c>, <c>queue:processor</c> and
    /// <c>processor</c> all give <c>processor</c>. Null when there is no name in it.
    /// </summary>
    public static string? QueueNameOf(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var text = address.Trim();
        if (text.StartsWith("queue:", StringComparison.OrdinalIgnoreCase))
            text = text["queue:".Length..];
        else if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme != "file")
            text = uri.AbsolutePath;
        var end = text.IndexOfAny(['?', '#']);
        if (end >= 0)
            text = text[..end];
        var name = text.TrimEnd('/').Split('/')[^1];
        return name.Length == 0 ? null : Uri.UnescapeDataString(name);
    }
}
