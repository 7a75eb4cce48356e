using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>Finds subscriptions and keeps their delivery health.</summary>
public sealed class SubscriptionStore(DispatcherDbContext db, SubscriptionCache cache, TimeProvider clock)
{
    /// <summary>
    /// The subscriptions an event of <paramref name="eventType"/> goes to: active and disabled ones (a disabled one's
    /// deliveries wait in the error queue for it to be re-enabled), not deactivated ones.
    /// </summary>
    public async Task<IReadOnlyList<Subscription>> FindReceivingAsync(string eventType, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var records = await cache.GetAsync(db, cancellationToken);
        return records.Values.Where(r => r.Status != SubscriptionStatuses.Deactivated && r.Matches(eventType))
            .Select(r => Subscription.From(r, now)).ToList();
    }

    /// <summary>The subscription with this id, or null when it no longer exists.</summary>
    public async Task<Subscription?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await cache.GetAsync(db, cancellationToken)).TryGetValue(id, out var record)
            ? Subscription.From(record, clock.GetUtcNow().UtcDateTime)
            : null;

    /// <summary>A delivery succeeded: the subscription is healthy again.</summary>
    public async Task RecordSuccessAsync(string id, CancellationToken cancellationToken)
    {
        await db.Subscriptions
            .Where(s => s.Id == id && (s.FailingSince != null || s.ConsecutiveFailures != 0))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailingSince, (DateTime?)null).SetProperty(s => s.ConsecutiveFailures, 0), cancellationToken);
        cache.Invalidate();
    }

    /// <summary>An attempt failed; returns since when the subscription has been failing.</summary>
    public async Task<DateTime?> RecordFailedAttemptAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Subscriptions.Where(s => s.Id == id && s.FailingSince == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.FailingSince, now), cancellationToken);
        cache.Invalidate();
        return await db.Subscriptions.Where(s => s.Id == id).Select(s => s.FailingSince).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A delivery failed for good; returns how many have in a row.</summary>
    public async Task<int> RecordFailedDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Subscriptions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.ConsecutiveFailures, s => s.ConsecutiveFailures + 1)
                .SetProperty(s => s.FailingSince, s => s.FailingSince ?? now), cancellationToken);
        cache.Invalidate();
        return await db.Subscriptions.Where(s => s.Id == id).Select(s => s.ConsecutiveFailures).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Moves an active subscription to <paramref name="status"/>; false when it was not active (someone else did).</summary>
    public async Task<bool> LeaveActiveAsync(string id, string status, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Subscriptions.Where(s => s.Id == id && s.Status == SubscriptionStatuses.Active)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, status)
                .SetProperty(s => s.StatusReason, reason)
                .SetProperty(s => s.StatusChangedAt, now), cancellationToken) == 1;
        cache.Invalidate();
        return changed;
    }

    /// <summary>Makes a subscription active again with a clean record; false when there is none with this id.</summary>
    public async Task<bool> EnableAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Subscriptions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, SubscriptionStatuses.Active)
                .SetProperty(s => s.StatusReason, (string?)null)
                .SetProperty(s => s.StatusChangedAt, now)
                .SetProperty(s => s.FailingSince, (DateTime?)null)
                .SetProperty(s => s.ConsecutiveFailures, 0), cancellationToken) == 1;
        cache.Invalidate();
        return changed;
    }
}
