namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>What a delivery needs of a subscription: where, how to sign, and whether it may receive.</summary>
public sealed record Subscription(string Id, Uri? Url, IReadOnlyList<string> Events, IReadOnlyList<string> Secrets, string Status, string? Owner,
    bool Healthy = true)
{
    /// <summary>The event type that matches every event.</summary>
    public const string AllEvents = "*";

    /// <summary>An inbox subscription is polled instead of called.</summary>
    public bool IsInbox => Url is null;

    /// <summary>The subscription as a delivery sees it at <paramref name="now"/>: expired rotation secrets left out.</summary>
    public static Subscription From(SubscriptionRecord record, DateTime now)
    {
        var secrets = record.Secrets.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (record.PreviousSecretsExpireAt is { } expiry && expiry <= now)
            secrets = secrets[..1];
        return new Subscription(record.Id, record.Url is null ? null : new Uri(record.Url, UriKind.Absolute),
            record.EventList, secrets, record.Status, record.Owner, record.FailingSince is null && record.ConsecutiveFailures == 0);
    }
}
