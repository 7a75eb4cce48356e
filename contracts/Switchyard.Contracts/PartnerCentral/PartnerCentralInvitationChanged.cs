namespace Switchyard.Contracts.PartnerCentral;

/// <summary>
/// AWS Partner Central says an engagement invitation (an AWS referral) appeared or changed: an EventBridge event
/// (<c>Engagement Invitation Created</c>, <c>... Accepted</c>, <c>... Rejected</c>, <c>... Expired</c>) or an invitation
/// found by polling <c>ListEngagementInvitations</c>. Both paths publish this same message; consumers read the
/// invitation before acting.
/// </summary>
public record PartnerCentralInvitationChanged
{
    /// <summary>The Partner Central catalog, <c>AWS</c> or <c>Sandbox</c>.</summary>
    public required string Catalog { get; init; }

    /// <summary>The engagement invitation, e.g. <c>engi-0123456789abc</c>.</summary>
    public required string InvitationId { get; init; }

    /// <summary>
    /// What happened, as the EventBridge <c>detail-type</c> names it (<c>Engagement Invitation Created</c>,
    /// <c>Engagement Invitation Accepted</c>, <c>Engagement Invitation Rejected</c>, <c>Engagement Invitation
    /// Expired</c>), or <c>Polled</c> when polling found it.
    /// </summary>
    public required string Change { get; init; }

    /// <summary>Where Switchyard learned it: <c>EventBridge</c> or <c>Polling</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The invitation's status when known (<c>PENDING</c>, <c>ACCEPTED</c>, <c>REJECTED</c>, <c>EXPIRED</c>).</summary>
    public string? Status { get; init; }

    /// <summary>
    /// The partner's side of the invitation when known: <c>Receiver</c> for an invitation AWS sent the partner (an AWS
    /// referral; polling lists only those), <c>Sender</c> for one the partner sent (a submission's), as the event's
    /// <c>detail.engagementInvitation.participantType</c> says.
    /// </summary>
    public string? ParticipantType { get; init; }

    /// <summary>The EventBridge event id, for events.</summary>
    public string? EventId { get; init; }

    /// <summary>When AWS says it happened (the event's <c>time</c>), or when polling saw it.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
