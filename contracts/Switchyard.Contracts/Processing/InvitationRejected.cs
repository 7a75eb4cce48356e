namespace Switchyard.Contracts.Processing;

/// <summary>An AWS invitation was rejected (from HubSpot or in Partner Central's console).</summary>
public record InvitationRejected
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal that stands for the invitation.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central engagement invitation.</summary>
    public required string InvitationId { get; init; }

    /// <summary>The Partner Central opportunity, when there is one (after acceptance).</summary>
    public string? OpportunityId { get; init; }

    /// <summary>A sentence for people (e.g. the rejection reason, or who decided). Never holds a secret.</summary>
    public string? Detail { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
