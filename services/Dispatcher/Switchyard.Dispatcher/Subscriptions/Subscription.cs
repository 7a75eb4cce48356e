namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>A subscriber's webhook and the event types it wants.</summary>
public sealed record Subscription(string Id, Uri Url, IReadOnlyList<string> Events)
{
    /// <summary>The event type that matches every event.</summary>
    public const string AllEvents = "*";

    /// <summary>Whether this subscription receives events of <paramref name="eventType"/>.</summary>
    public bool Matches(string eventType) =>
        Events.Any(e => e == AllEvents || string.Equals(e, eventType, StringComparison.Ordinal));
}
