namespace Switchyard.Processor.Quotas;

/// <summary>The budget's answer to a write about to be made.</summary>
public abstract record BudgetDecision
{
    BudgetDecision()
    {
    }

    /// <summary>Make it now; it is in the ledger as <paramref name="EntryId"/>.</summary>
    public sealed record Granted(long EntryId) : BudgetDecision;

    /// <summary>
    /// Not for a while: park it. <paramref name="Until"/> is when the budget is expected to allow it, or null when that
    /// depends on priority work still waiting.
    /// </summary>
    public sealed record Deferred(string Reason, DateTimeOffset? Until) : BudgetDecision;

    /// <summary>In a moment (a second's quota, or a short refusal AWS asked to wait out): hold the message that long.</summary>
    public sealed record Wait(string Reason, TimeSpan For) : BudgetDecision;
}

/// <summary>Why a write waits: the quota it would exceed, or the reserve it may not use.</summary>
public static class BudgetReasons
{
    /// <summary>The writes of the last second reached <c>WritesPerSecond</c>, or AWS refused one for it.</summary>
    public const string WritesPerSecond = "WritesPerSecond";

    /// <summary>The writes of the window reached <c>WritesPerWindow</c>, or AWS refused one for it.</summary>
    public const string WritesPerWindow = "WritesPerWindow";

    /// <summary>An update, while what remains of the window is kept for priority work.</summary>
    public const string Reserve = "ReservedForPriorityWork";
}

/// <summary>The budget as the ledger shows it at one moment.</summary>
/// <param name="Used">Writes in the window.</param>
/// <param name="Limit"><c>WritesPerWindow</c>.</param>
/// <param name="Reserve">The writes kept for priority work.</param>
/// <param name="BlockedUntil">No write before this time, as AWS's refusals taught, or null.</param>
/// <param name="BlockedBy">The quota of <paramref name="BlockedUntil"/>.</param>
/// <param name="ParkedPriority">Parked priority writes.</param>
/// <param name="ParkedUpdates">Parked updates.</param>
public sealed record BudgetSnapshot(int Used, int Limit, int Reserve, DateTimeOffset? BlockedUntil, string? BlockedBy, int ParkedPriority, int ParkedUpdates)
{
    /// <summary>Writes left in the window: none while AWS said the window is used up.</summary>
    public int Remaining => BlockedBy == BudgetReasons.WritesPerWindow ? 0 : Math.Max(0, Limit - Used);
}
