namespace Switchyard.Contracts.Processing;

/// <summary>AWS invited the partner to an engagement (an AWS referral), and the invitation became a HubSpot deal.</summary>
public record InvitationReceived
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal that stands for the invitation.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central engagement invitation.</summary>
    public required string InvitationId { get; init; }

    /// <summary>The Partner Central opportunity, when there is one (after acceptance).</summary>
    public string? OpportunityId { get; init; }

    /// <summary>When AWS lets the invitation expire unless it is answered (its <c>ExpirationDate</c>), when AWS gave one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>A sentence for people (e.g. the rejection reason, or who decided). Never holds a secret.</summary>
    public string? Detail { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
