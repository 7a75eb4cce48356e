namespace Switchyard.Processor.Invitations;

/// <summary>
/// Answer an AWS referral: accept it (<c>StartEngagementByAcceptingInvitationTask</c>) or reject it
/// (<c>RejectEngagementInvitation</c>), as the seller decided on its deal or the auto-accept rule did. One Partner
/// Central write, on the write queue within the write budget.
/// </summary>
/// <remarks>Internal to the processor: its queue is <c>processor-partner-central</c>.</remarks>
public sealed record AnswerInvitation
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The referral's deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The referral, when known to the sender (the deal's <c>aws_invitation_id</c> is what counts).</summary>
    public string? InvitationId { get; init; }

    /// <summary><c>Accept</c> or <c>Reject</c>; null for what the deal's <c>aws_invitation_decision</c> says when the answer is made.</summary>
    public string? Decision { get; init; }

    /// <summary>What asked: the HubSpot property that changed, or <c>AutoAccept</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The HubSpot event that asked, when one did: part of the acceptance's client token.</summary>
    public long? EventId { get; init; }
}
