using Microsoft.EntityFrameworkCore;
using Switchyard.Processor.Storage;

namespace Switchyard.Processor.Quotas;

/// <summary>Leases in the shared store: work one instance at a time does, taken over when its holder stops renewing it.</summary>
public sealed class Leases(ProcessorDbContext db, TimeProvider clock)
{
    /// <summary>Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/>; false while another holds it.</summary>
    public async Task<bool> TryHoldAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        // One statement: PostgreSQL re-checks the condition of a row another transaction just changed, and SQLite
        // writes one at a time, so two instances cannot both take an expired lease.
        return await db.Leases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, holder).SetProperty(x => x.ExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>Gives the lease back, so another instance takes it at once rather than when it would have expired.</summary>
    public Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken) =>
        db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, (string?)null).SetProperty(x => x.ExpiresAt, Lease.LongAgo), cancellationToken);
}
