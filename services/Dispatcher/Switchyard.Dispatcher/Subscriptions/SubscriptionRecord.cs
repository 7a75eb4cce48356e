namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>A subscription as stored: from configuration or from <c>POST /hooks</c>, with its delivery health.</summary>
public sealed class SubscriptionRecord
{
    /// <summary>The subscription's id; part of every <c>webhook-id</c>.</summary>
    public required string Id { get; set; }

    /// <summary><see cref="SubscriptionSources.Configuration"/> or <see cref="SubscriptionSources.Api"/>.</summary>
    public required string Source { get; set; }

    /// <summary>The API client that made it (API subscriptions), or that polls it (inbox subscriptions).</summary>
    public string? Owner { get; set; }

    /// <summary>The webhook URL; null for an inbox subscription.</summary>
    public string? Url { get; set; }

    /// <summary>The event types it receives, space-separated; <c>*</c> receives all.</summary>
    public required string Events { get; set; }

    /// <summary>The signing secrets, current first, space-separated.</summary>
    public required string Secrets { get; set; }

    /// <summary>When the secrets after the first stop signing (a rotation's grace period); null: never.</summary>
    public DateTime? PreviousSecretsExpireAt { get; set; }

    /// <summary>See <see cref="SubscriptionStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>Why the status is what it is, when it is not active.</summary>
    public string? StatusReason { get; set; }

    /// <summary>When the status last changed (UTC).</summary>
    public DateTime? StatusChangedAt { get; set; }

    /// <summary>When the current run of failures began (UTC); null after a success.</summary>
    public DateTime? FailingSince { get; set; }

    /// <summary>Deliveries failed for good (retries spent) since the last success.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>When it was made (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Its event types.</summary>
    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether it receives events of <paramref name="eventType"/>.</summary>
    public bool Matches(string eventType) =>
        EventList.Any(e => e == Subscription.AllEvents || string.Equals(e, eventType, StringComparison.Ordinal));
}

/// <summary>Where a subscription came from.</summary>
public static class SubscriptionSources
{
    /// <summary><c>Dispatcher:Subscriptions</c>: updated from configuration at every start, removed with it.</summary>
    public const string Configuration = "configuration";

    /// <summary><c>POST /hooks</c>.</summary>
    public const string Api = "api";
}

/// <summary>A subscription's state.</summary>
public static class SubscriptionStatuses
{
    /// <summary>Receives events.</summary>
    public const string Active = "active";

    /// <summary>
    /// Failed for too long: its deliveries go to the error queue, to be replayed once it is re-enabled
    /// (<c>POST /subscriptions/{id}/enable</c>).
    /// </summary>
    public const string Disabled = "disabled";

    /// <summary>The subscriber answered 410 Gone: it asked for no more deliveries, which are dropped.</summary>
    public const string Deactivated = "deactivated";
}
