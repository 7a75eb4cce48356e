namespace Switchyard.Dispatcher.Delivery;

/// <summary>One attempt to deliver one event to one subscription, as <c>GET /deliveries</c> shows it.</summary>
public sealed class DeliveryAttemptRecord
{
    /// <summary>Store-assigned, increasing.</summary>
    public long Id { get; set; }

    /// <summary>The receivers' idempotency key, the same on every attempt.</summary>
    public required string WebhookId { get; set; }

    /// <summary>The event delivered.</summary>
    public Guid EventId { get; set; }

    /// <summary>The event's type.</summary>
    public required string EventType { get; set; }

    /// <summary>The subscription delivered to.</summary>
    public required string SubscriptionId { get; set; }

    /// <summary>1 for the first attempt, counting immediate retries and redeliveries.</summary>
    public int Attempt { get; set; }

    /// <summary>When the attempt started (UTC).</summary>
    public DateTime AttemptedAt { get; set; }

    /// <summary>See <see cref="DeliveryOutcomes"/>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The subscriber's status code, when it answered.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why it failed, when it did: a timeout, a connection error, a refused address, a status.</summary>
    public string? Error { get; set; }

    /// <summary>How long the attempt took, in milliseconds.</summary>
    public double LatencyMs { get; set; }

    /// <summary>When the next attempt is due (UTC), when there will be one.</summary>
    public DateTime? NextAttemptAt { get; set; }

    /// <summary>
    /// The headers sent, as a JSON object (content type and the Standard Webhooks headers; nothing secret: a signature
    /// does not reveal its key); null when the attempt sent nothing.
    /// </summary>
    public string? RequestHeaders { get; set; }

    /// <summary>The body sent, the event as the subscriber receives it; null when the attempt sent nothing.</summary>
    public string? RequestBody { get; set; }

    /// <summary>The start of the subscriber's answer (at most <see cref="WebhookClient.ResponseExcerptBytes"/> bytes), when it answered.</summary>
    public string? ResponseExcerpt { get; set; }
}

/// <summary>What became of one attempt.</summary>
public static class DeliveryOutcomes
{
    /// <summary>The subscriber answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>A transient failure; another attempt follows.</summary>
    public const string Retrying = "retrying";

    /// <summary>Failed for good: retries spent or a permanent refusal. The command is in the delivery error queue.</summary>
    public const string Failed = "failed";

    /// <summary>The subscriber answered 410 Gone; the subscription is deactivated.</summary>
    public const string Gone = "gone";

    /// <summary>Not attempted: the subscription was removed or deactivated.</summary>
    public const string Dropped = "dropped";
}
