namespace Switchyard.Contracts.Processing;

/// <summary>A HubSpot deal became a co-sell opportunity in AWS Partner Central.</summary>
public record OpportunityCreated
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central opportunity id, e.g. <c>O1234567</c>.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>The opportunity's title (immutable in Partner Central once created).</summary>
    public required string Title { get; init; }

    /// <summary>The Partner Central catalog, <c>AWS</c> or <c>Sandbox</c>.</summary>
    public required string Catalog { get; init; }

    /// <summary>When the opportunity was created.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
