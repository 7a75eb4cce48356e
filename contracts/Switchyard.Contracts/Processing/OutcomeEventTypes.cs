namespace Switchyard.Contracts.Processing;

/// <summary>
/// The event type names under which subscribers receive the processor's outcome events (the <c>type</c> of an outgoing
/// webhook, and what a subscription lists). Part of the public contract: add-only.
/// </summary>
public static class OutcomeEventTypes
{
    /// <summary><see cref="Processing.OpportunityCreated"/>.</summary>
    public const string OpportunityCreated = "opportunity.created";

    /// <summary><see cref="Processing.OpportunityUpdated"/>.</summary>
    public const string OpportunityUpdated = "opportunity.updated";

    /// <summary><see cref="Processing.SyncSkipped"/>.</summary>
    public const string SyncSkipped = "sync.skipped";

    /// <summary><see cref="Processing.SyncBlocked"/>.</summary>
    public const string SyncBlocked = "sync.blocked";

    /// <summary><see cref="Processing.SyncFailed"/>.</summary>
    public const string SyncFailed = "sync.failed";
}
