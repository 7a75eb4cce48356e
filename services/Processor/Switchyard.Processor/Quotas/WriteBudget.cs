using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Storage;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// Partner Central's write quotas, kept in the store every processor instance shares: a ledger of the writes of the
/// window (when each was granted, then when it completed), and what AWS's refusals taught. Before each write the budget
/// grants it (and records it), defers it, or asks it to wait a moment:
/// <list type="number">
/// <item>after a refusal, nothing until AWS's time is up;</item>
/// <item>when the window's writes are used up, nothing until the oldest leaves the window;</item>
/// <item>when what remains, less the parked priority work, is no more than the reserve, no updates;</item>
/// <item>at most <c>WritesPerSecond</c> writes in any second, counted from when each completed.</item>
/// </list>
/// Every change first locks the budget's one row, so that instances decide one after another.
/// </summary>
/// <remarks>
/// AWS counts a write when the request arrives; the ledger counts it from the answer, which is later, so a window
/// (or a second) the ledger sees as free is free at AWS too, unless another tool writes with the same account. A write
/// AWS refused is taken out of the ledger, since AWS did not count it.
/// </remarks>
public sealed class WriteBudget(ProcessorDbContext db, IOptions<PartnerCentralQuotaOptions> options, WriteBudgetMonitor monitor, TimeProvider clock)
{
    /// <summary>Waits up to this long are held (the message waits in MassTransit's retry); longer ones park it.</summary>
    public static readonly TimeSpan LongestHeldWait = TimeSpan.FromSeconds(5);

    /// <summary>A Retry-After up to this long is taken for the per-second quota, anything longer for the window's.</summary>
    static readonly TimeSpan PerSecondRetryAfter = TimeSpan.FromSeconds(2);

    static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    PartnerCentralQuotaOptions Quotas => options.Value;

    /// <summary>Grants <paramref name="write"/> (recording it in the ledger), defers it, or asks it to wait.</summary>
    public async Task<BudgetDecision> RequestAsync(PartnerCentralWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await LockAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Quotas.Window;
        var used = await db.WriteLedger.CountAsync(e => e.At > since, cancellationToken);
        var parkedPriority = write.IsPriority ? 0 : await db.ParkedWrites.CountAsync(p => p.Priority && p.Key != write.Key, cancellationToken);

        var decision = await DecideAsync(write, state, now, used, parkedPriority, cancellationToken);
        if (decision is null)
        {
            var entry = new WriteLedgerEntry { At = now, Operation = write.Operation, Key = write.Key };
            db.WriteLedger.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            decision = new BudgetDecision.Granted(entry.Id);
            used++;
        }

        await transaction.CommitAsync(cancellationToken);
        monitor.ObserveUsed(used, state.BlockedUntil > now ? state.BlockedBy : null);
        return decision;
    }

    /// <summary>Records that the write <paramref name="entryId"/> has ended, successfully or not: AWS may have counted it.</summary>
    public async Task CompleteAsync(long entryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.WriteLedger.Where(e => e.Id == entryId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.At, now).SetProperty(x => x.Completed, true), cancellationToken);
        // A write got through: the next refusal without Retry-After is again taken for the per-second quota first.
        await db.WriteBudget.Where(s => s.Id == ProcessorDbContext.BudgetStateId && s.ThrottledBy != null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ThrottledBy, (string?)null), cancellationToken);
    }

    /// <summary>
    /// Learns from AWS's refusal of the write <paramref name="entryId"/> (a <c>ThrottlingException</c>): the entry
    /// leaves the ledger, and no write is made before the time returned. With <c>Retry-After</c>, that is AWS's time
    /// (up to 2 s taken for the per-second quota, longer for the window's). Without, the first refusal is taken for
    /// the per-second quota (a second from now), and a refusal right after it, with no write through in between, for
    /// the window's: then the window counts as used up until the oldest write of the ledger leaves it (or, with none,
    /// for the average spacing the window allows).
    /// </summary>
    public async Task<(DateTimeOffset Until, string Reason)> ThrottledAsync(long entryId, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await LockAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.WriteLedger.Where(e => e.Id == entryId).ExecuteDeleteAsync(cancellationToken);

        DateTime until;
        string reason;
        if (retryAfter is { } asked)
        {
            until = now + (asked < TimeSpan.Zero ? TimeSpan.Zero : asked);
            reason = asked <= PerSecondRetryAfter ? BudgetReasons.WritesPerSecond : BudgetReasons.WritesPerWindow;
        }
        else if (state.ThrottledBy == BudgetReasons.WritesPerSecond)
        {
            var since = now - Quotas.Window;
            var oldest = await db.WriteLedger.Where(e => e.At > since).OrderBy(e => e.At).Select(e => (DateTime?)e.At).FirstOrDefaultAsync(cancellationToken);
            until = oldest is { } at ? at + Quotas.Window : now + Quotas.Window / Quotas.WritesPerWindow;
            reason = BudgetReasons.WritesPerWindow;
        }
        else
        {
            until = now + Second;
            reason = BudgetReasons.WritesPerSecond;
        }

        var blocked = state.BlockedUntil is { } earlier && earlier > until ? earlier : until;
        var blockedBy = blocked == until ? reason : state.BlockedBy;
        await db.WriteBudget.Where(s => s.Id == ProcessorDbContext.BudgetStateId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.BlockedUntil, blocked)
            .SetProperty(x => x.BlockedBy, blockedBy)
            .SetProperty(x => x.ThrottledBy, reason), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new DateTimeOffset(until, TimeSpan.Zero), reason);
    }

    /// <summary>The budget now: the window's writes, what AWS taught, what is parked.</summary>
    public async Task<BudgetSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Quotas.Window;
        var state = await db.WriteBudget.AsNoTracking().SingleAsync(s => s.Id == ProcessorDbContext.BudgetStateId, cancellationToken);
        var used = await db.WriteLedger.CountAsync(e => e.At > since, cancellationToken);
        var parkedPriority = await db.ParkedWrites.CountAsync(p => p.Priority, cancellationToken);
        var parkedUpdates = await db.ParkedWrites.CountAsync(p => !p.Priority, cancellationToken);
        var blocked = state.BlockedUntil > now;
        return new BudgetSnapshot(used, Quotas.WritesPerWindow, Quotas.EffectiveReserve,
            blocked ? new DateTimeOffset(state.BlockedUntil!.Value, TimeSpan.Zero) : null, blocked ? state.BlockedBy : null, parkedPriority, parkedUpdates);
    }

    /// <summary>Removes the entries that have left the window; returns how many.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime - Quotas.Window;
        return db.WriteLedger.Where(e => e.At <= since).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Locks the budget's row for the rest of the transaction and returns it: the update takes PostgreSQL's row lock,
    /// and SQLite's write lock (its transactions begin immediate), so that concurrent decisions queue up.
    /// </summary>
    internal static async Task<WriteBudgetState> LockAsync(ProcessorDbContext db, CancellationToken cancellationToken)
    {
        await db.WriteBudget.Where(s => s.Id == ProcessorDbContext.BudgetStateId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), cancellationToken);
        return await db.WriteBudget.AsNoTracking().SingleAsync(s => s.Id == ProcessorDbContext.BudgetStateId, cancellationToken);
    }

    async Task<BudgetDecision?> DecideAsync(PartnerCentralWrite write, WriteBudgetState state, DateTime now, int used, int parkedPriority,
        CancellationToken cancellationToken)
    {
        var since = now - Quotas.Window;
        if (state.BlockedUntil is { } blocked && blocked > now)
        {
            var reason = state.BlockedBy ?? BudgetReasons.WritesPerSecond;
            return blocked - now <= LongestHeldWait
                ? new BudgetDecision.Wait(reason, blocked - now)
                : new BudgetDecision.Deferred(reason, new DateTimeOffset(blocked, TimeSpan.Zero));
        }

        if (used >= Quotas.WritesPerWindow)
            return new BudgetDecision.Deferred(BudgetReasons.WritesPerWindow, await NthOldestLeavesAsync(since, 1, used, cancellationToken));

        // An update may not use the reserve, nor what the parked priority work will need.
        var free = Quotas.WritesPerWindow - used - parkedPriority;
        if (!write.IsPriority && free <= Quotas.EffectiveReserve)
            return new BudgetDecision.Deferred(BudgetReasons.Reserve, await NthOldestLeavesAsync(since, Quotas.EffectiveReserve - free + 1, used, cancellationToken));

        var lastSecond = now - Second;
        var recent = await db.WriteLedger.Where(e => e.At > lastSecond).OrderBy(e => e.At).Select(e => e.At).ToListAsync(cancellationToken);
        if (recent.Count >= Quotas.WritesPerSecond)
            return new BudgetDecision.Wait(BudgetReasons.WritesPerSecond, recent[recent.Count - Quotas.WritesPerSecond] + Second - now);

        return null;
    }

    /// <summary>When <paramref name="count"/> of the window's writes will have left it, or null when fewer are in it.</summary>
    async Task<DateTimeOffset?> NthOldestLeavesAsync(DateTime since, int count, int used, CancellationToken cancellationToken)
    {
        if (count > used)
            return null;
        var at = await db.WriteLedger.Where(e => e.At > since).OrderBy(e => e.At).Skip(count - 1).Select(e => e.At).FirstAsync(cancellationToken);
        return new DateTimeOffset(at + Quotas.Window, TimeSpan.Zero);
    }
}
