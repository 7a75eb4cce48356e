namespace Switchyard.Processor.Sync;

/// <summary>
/// Associate a new opportunity with one of the partner's solutions (<c>Processor:SolutionIds</c>): one Partner Central
/// write, sent by the sync that created the opportunity (or found it without any of them), so that each message on the
/// write queue makes at most one write.
/// </summary>
/// <remarks>Internal to the processor: its queue is <c>processor-partner-central</c>.</remarks>
public sealed record AssociateOpportunitySolution
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The deal the opportunity belongs to.</summary>
    public required long DealId { get; init; }

    /// <summary>The opportunity, e.g. <c>O1000001</c>.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>The solution, e.g. <c>S-0000001</c>.</summary>
    public required string SolutionId { get; init; }

    /// <summary>The HubSpot event that led to the sync, for the outcome of a refusal.</summary>
    public required string SubscriptionType { get; init; }
}
