namespace Switchyard.Contracts.PartnerCentral;

/// <summary>
/// AWS Partner Central says an opportunity changed: an EventBridge event (<c>Opportunity Created</c>,
/// <c>Opportunity Updated</c>, ...) read from the raw-event queue, or an opportunity found by polling
/// <c>ListOpportunities</c> for changes since the last checkpoint. Both paths publish this same message; consumers read
/// the opportunity itself before acting, so a repeat or a late arrival is harmless.
/// </summary>
public record PartnerCentralOpportunityChanged
{
    /// <summary>The Partner Central catalog, <c>AWS</c> or <c>Sandbox</c>.</summary>
    public required string Catalog { get; init; }

    /// <summary>The opportunity, e.g. <c>O1234567</c>.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>
    /// What happened, as the EventBridge <c>detail-type</c> names it (<c>Opportunity Created</c>, <c>Opportunity
    /// Updated</c>, <c>Opportunity Accepted</c>, <c>Opportunity Rejected</c>), or <c>Polled</c> when polling found it.
    /// </summary>
    public required string Change { get; init; }

    /// <summary>Where Switchyard learned it: <c>EventBridge</c> or <c>Polling</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The opportunity's <c>LastModifiedDate</c> when known (polling always knows it).</summary>
    public DateTimeOffset? LastModifiedDate { get; init; }

    /// <summary>The EventBridge event id, for events.</summary>
    public string? EventId { get; init; }

    /// <summary>When AWS says it happened (the event's <c>time</c>), or when polling saw it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
