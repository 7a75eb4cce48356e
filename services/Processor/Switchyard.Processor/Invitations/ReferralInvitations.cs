using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>What the processor reads of AWS referrals in Partner Central: reads only, never budgeted writes.</summary>
public sealed class ReferralInvitations(IPartnerCentralClient partnerCentral)
{
    /// <summary>
    /// The invitation, or null when Partner Central has it no more (a rejected one: "all related data will become
    /// inaccessible thereafter", RejectEngagementInvitation's documentation).
    /// </summary>
    public async Task<ReferralInvitation?> ReadAsync(string invitationId, CancellationToken cancellationToken) =>
        await partnerCentral.GetEngagementInvitationAsync(invitationId, cancellationToken) is { } document
            ? ReferralInvitation.From(invitationId, document)
            : null;

    /// <summary>An acceptance task, or null while Partner Central does not list it yet.</summary>
    public Task<EngagementTaskSummary?> TaskAsync(string taskId, CancellationToken cancellationToken) =>
        partnerCentral.GetAcceptanceTaskAsync(taskId, cancellationToken);

    /// <summary>The opportunity accepting <paramref name="invitation"/> created, or null while there is none.</summary>
    public Task<string?> OpportunityOfAsync(ReferralInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return partnerCentral.FindAcceptedOpportunityAsync(invitation.Id, invitation.EngagementId, cancellationToken);
    }
}
