namespace Switchyard.Contracts.Processing;

/// <summary>AWS's review status of a deal's opportunity changed (e.g. <c>Submitted</c> → <c>Approved</c>).</summary>
public record OpportunityReviewChanged
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central opportunity.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>The review status the deal carried before, when it carried one.</summary>
    public string? OldStatus { get; init; }

    /// <summary>
    /// The review status now: <c>Pending Submission</c>, <c>Submitted</c>, <c>In review</c>, <c>Approved</c>,
    /// <c>Rejected</c> or <c>Action Required</c>.
    /// </summary>
    public required string NewStatus { get; init; }

    /// <summary>AWS's review comments, when it gave some.</summary>
    public string? Comments { get; init; }

    /// <summary>AWS's reason code for the status, when it gave one.</summary>
    public string? StatusReason { get; init; }

    /// <summary>When Switchyard saw the change.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
