using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>
/// The subscriptions as last read, for at most <see cref="MaxAge"/>: every event and every delivery looks them up, and
/// they change rarely. Changes made by this instance clear it at once; another instance's show within <see cref="MaxAge"/>.
/// </summary>
public sealed class SubscriptionCache(TimeProvider clock)
{
    /// <summary>How long a read serves.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    volatile Snapshot? _snapshot;

    /// <summary>All subscriptions, from the cache when it is fresh.</summary>
    public async Task<IReadOnlyDictionary<string, SubscriptionRecord>> GetAsync(DispatcherDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        if (_snapshot is { } snapshot && clock.GetElapsedTime(snapshot.ReadAt, now) < MaxAge)
            return snapshot.Subscriptions;

        var records = await db.Subscriptions.AsNoTracking().ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken);
        _snapshot = new Snapshot(now, records);
        return records;
    }

    /// <summary>Forgets the last read, after a change.</summary>
    public void Invalidate() => _snapshot = null;

    sealed record Snapshot(long ReadAt, IReadOnlyDictionary<string, SubscriptionRecord> Subscriptions);
}
