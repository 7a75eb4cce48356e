namespace Switchyard.Contracts.Processing;

/// <summary>
/// A deal's opportunity was submitted to AWS for co-selling (<c>StartEngagementFromOpportunityTask</c> completed): AWS
/// now reviews it.
/// </summary>
public record OpportunitySubmitted
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central opportunity.</summary>
    public required string OpportunityId { get; init; }

    /// <summary><c>Co-Sell</c> or <c>For Visibility Only</c>.</summary>
    public required string InvolvementType { get; init; }

    /// <summary><c>Full</c> or <c>Limited</c>.</summary>
    public string? Visibility { get; init; }

    /// <summary>The engagement AWS started for it, when known.</summary>
    public string? EngagementId { get; init; }

    /// <summary>When the submission completed.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
