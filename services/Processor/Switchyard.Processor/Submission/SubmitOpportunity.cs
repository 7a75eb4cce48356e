namespace Switchyard.Processor.Submission;

/// <summary>
/// Submit a deal's opportunity to AWS: one Partner Central write (<c>StartEngagementFromOpportunityTask</c>), priority
/// work on the write queue, sent when the seller ticks <c>aws_submit_to_aws</c> or the deal enters a stage of
/// <c>Processor:Submission:Stages</c>.
/// </summary>
/// <remarks>Internal to the processor: its queue is <c>processor-partner-central</c>.</remarks>
public sealed record SubmitOpportunity
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The deal.</summary>
    public required long DealId { get; init; }

    /// <summary>
    /// The HubSpot event that asked for it: part of the client token, so a redelivery starts nothing twice while a
    /// later request (after a failure was fixed) starts a new task.
    /// </summary>
    public required long EventId { get; init; }

    /// <summary>The HubSpot event's subscription type, for outcomes.</summary>
    public required string SubscriptionType { get; init; }

    /// <summary>What asked: <c>checkbox</c> or <c>stage</c>.</summary>
    public required string Trigger { get; init; }
}
