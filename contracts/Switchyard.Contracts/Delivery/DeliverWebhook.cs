using System.Text.Json;

namespace Switchyard.Contracts.Delivery;

/// <summary>
/// Deliver one event to one subscription. The dispatcher sends one such command per matching subscription, so that each
/// (event, subscription) pair is retried and failed on its own.
/// </summary>
/// <remarks>
/// Carries no URL and no secret: the dispatcher looks the subscription up when it delivers, so a secret never sits in a
/// queue and a changed URL applies to pending deliveries.
/// </remarks>
public record DeliverWebhook
{
    /// <summary>The receivers' idempotency key (<c>webhook-id</c>): the same for every attempt of this event to this subscription.</summary>
    public required string WebhookId { get; init; }

    /// <summary>The subscription to deliver to.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>The id of the event being delivered.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The event's type name, e.g. <c>opportunity.created</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>When the event happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The event itself, as the subscriber receives it in <c>data</c>.</summary>
    public required JsonElement Data { get; init; }
}
