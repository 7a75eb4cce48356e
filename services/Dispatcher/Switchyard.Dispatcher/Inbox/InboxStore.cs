using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Inbox;

/// <summary>The events waiting for clients that poll instead of receiving webhooks.</summary>
public sealed class InboxStore(DispatcherDbContext db, TimeProvider clock)
{
    /// <summary>Puts an event in an inbox, once however often it is redelivered.</summary>
    public async Task AddAsync(string messageId, string subscriptionId, string owner, string eventType, string body, CancellationToken cancellationToken)
    {
        if (await db.Inbox.AnyAsync(i => i.MessageId == messageId, cancellationToken))
            return;

        db.Inbox.Add(new InboxRecord
        {
            MessageId = messageId,
            SubscriptionId = subscriptionId,
            Owner = owner,
            EventType = eventType,
            Body = body,
            EnqueuedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Up to <paramref name="limit"/> of the owner's pending events after the cursor, oldest first.</summary>
    public async Task<IReadOnlyList<InboxRecord>> PendingAsync(string owner, long after, int limit, CancellationToken cancellationToken) =>
        await db.Inbox.AsNoTracking()
            .Where(i => i.Owner == owner && i.AcknowledgedAt == null && i.Sequence > after)
            .OrderBy(i => i.Sequence).Take(limit).ToListAsync(cancellationToken);

    /// <summary>Marks one of the owner's events delivered; false when the owner has no such event.</summary>
    public async Task<bool> AcknowledgeAsync(string owner, string messageId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.Inbox.Where(i => i.Owner == owner && i.MessageId == messageId && i.AcknowledgedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcknowledgedAt, now), cancellationToken);
        return updated == 1 || await db.Inbox.AnyAsync(i => i.Owner == owner && i.MessageId == messageId, cancellationToken);
    }
}
