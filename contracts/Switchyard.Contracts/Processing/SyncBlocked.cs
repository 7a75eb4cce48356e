namespace Switchyard.Contracts.Processing;

/// <summary>A change was not sent to Partner Central because the opportunity's review status forbids updates.</summary>
public record SyncBlocked
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central opportunity id.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>The review status that blocked the update, e.g. <c>Submitted</c>, <c>In review</c>.</summary>
    public required string ReviewStatus { get; init; }

    /// <summary>A sentence for people.</summary>
    public required string Detail { get; init; }

    /// <summary>When the update was blocked.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
