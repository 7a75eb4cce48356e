namespace Switchyard.Contracts.Delivery;

/// <summary>
/// The dispatcher stopped delivering to a subscription: its subscriber answered 410 Gone (deactivated for good), or its
/// deliveries kept failing (disabled until re-enabled through the API). Forwarded to subscribers as
/// <c>subscription.disabled</c>.
/// </summary>
public record SubscriptionDisabled
{
    /// <summary>The event type subscribers receive it as.</summary>
    public const string EventType = "subscription.disabled";

    /// <summary>The subscription.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary><c>gone</c> (the subscriber answered 410) or <c>failing</c> (too long or too many failures).</summary>
    public required string Reason { get; init; }

    /// <summary>What happened, for people.</summary>
    public required string Detail { get; init; }

    /// <summary>When it was disabled.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
