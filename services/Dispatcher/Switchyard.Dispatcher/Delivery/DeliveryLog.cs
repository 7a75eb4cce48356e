using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>Records every delivery attempt, and forgets them after <c>Dispatcher:DeliveryLogRetention</c>.</summary>
public sealed class DeliveryLog(DispatcherDbContext db)
{
    /// <summary>Adds one attempt.</summary>
    public async Task RecordAsync(DeliveryAttemptRecord attempt, CancellationToken cancellationToken)
    {
        db.DeliveryAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(attempt).State = EntityState.Detached;
    }

    /// <summary>Deletes attempts made before <paramref name="cutoff"/>; returns how many.</summary>
    public Task<int> PruneAsync(DateTime cutoff, CancellationToken cancellationToken) =>
        db.DeliveryAttempts.Where(a => a.AttemptedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
}
