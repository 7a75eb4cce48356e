namespace Switchyard.Contracts.Processing;

/// <summary>A synced deal's change reached its Partner Central opportunity.</summary>
public record OpportunityUpdated
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central opportunity id.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>The HubSpot subscription type that caused the update, e.g. <c>deal.propertyChange</c>.</summary>
    public required string SubscriptionType { get; init; }

    /// <summary>The Partner Central fields whose value changed, e.g. <c>LifeCycle.Stage</c>.</summary>
    public IReadOnlyList<string> UpdatedFields { get; init; } = [];

    /// <summary>When the opportunity was updated.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
