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

    /// <summary><see cref="Processing.OpportunitySubmitted"/>.</summary>
    public const string OpportunitySubmitted = "opportunity.submitted";

    /// <summary><see cref="Processing.OpportunityReviewChanged"/>.</summary>
    public const string OpportunityReviewChanged = "opportunity.review_changed";

    /// <summary><see cref="Processing.OpportunitySubmissionFailed"/>.</summary>
    public const string OpportunitySubmissionFailed = "opportunity.submission_failed";

    /// <summary><see cref="Processing.InvitationReceived"/>.</summary>
    public const string InvitationReceived = "invitation.received";

    /// <summary><see cref="Processing.InvitationAccepted"/>.</summary>
    public const string InvitationAccepted = "invitation.accepted";

    /// <summary><see cref="Processing.InvitationRejected"/>.</summary>
    public const string InvitationRejected = "invitation.rejected";

    /// <summary><see cref="Processing.InvitationExpired"/>.</summary>
    public const string InvitationExpired = "invitation.expired";
}
