namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>Where the dispatcher finds subscriptions.</summary>
public interface ISubscriptionStore
{
    /// <summary>The active subscriptions that receive events of <paramref name="eventType"/>.</summary>
    ValueTask<IReadOnlyList<Subscription>> FindMatchingAsync(string eventType, CancellationToken cancellationToken);

    /// <summary>The subscription with this id, or null when it no longer exists.</summary>
    ValueTask<Subscription?> FindAsync(string id, CancellationToken cancellationToken);
}
