using Microsoft.Extensions.Options;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>What the processor reads of AWS referrals in Partner Central, in the configured catalog: reads only, never budgeted writes.</summary>
public sealed class ReferralInvitations(IPartnerCentralSellingApi api, IOptions<PartnerCentralOptions> options)
{
    string Catalog => options.Value.Catalog;

    /// <summary>
    /// The invitation, or null when Partner Central has it no more (a rejected one: "all related data will become
    /// inaccessible thereafter", RejectEngagementInvitation's documentation).
    /// </summary>
    public async Task<ReferralInvitation?> ReadAsync(string invitationId, CancellationToken cancellationToken)
    {
        try
        {
            var document = await api.GetEngagementInvitationAsync(new GetEngagementInvitationRequest(Catalog, invitationId), cancellationToken)
                ?? throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "GetEngagementInvitation returned nothing.", PartnerCentralErrorKind.Transient);
            return ReferralInvitation.From(invitationId, document);
        }
        catch (PartnerCentralException e) when (e.ErrorType == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <summary>An acceptance task, or null while Partner Central does not list it yet.</summary>
    public async Task<EngagementTaskSummary?> TaskAsync(string taskId, CancellationToken cancellationToken)
    {
        var list = await api.ListEngagementByAcceptingInvitationTasksAsync(new ListEngagementByAcceptingInvitationTasksRequest(Catalog, TaskIdentifier: [taskId]),
            cancellationToken);
        return list?.TaskSummaries?.FirstOrDefault(t => t.TaskId == taskId);
    }

    /// <summary>
    /// The opportunity accepting <paramref name="invitation"/> created, or null while there is none: the one a
    /// completed acceptance task names, else the opportunity in the invitation's engagement (how one accepted in Partner
    /// Central's console is found, ListEngagementResourceAssociations).
    /// </summary>
    public async Task<string?> OpportunityOfAsync(ReferralInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var tasks = await api.ListEngagementByAcceptingInvitationTasksAsync(new ListEngagementByAcceptingInvitationTasksRequest(Catalog,
            EngagementInvitationIdentifier: [invitation.Id], TaskStatus: [EngagementTasks.Complete]), cancellationToken);
        if (tasks?.TaskSummaries?.FirstOrDefault(t => !string.IsNullOrEmpty(t.OpportunityId))?.OpportunityId is { } fromTask)
            return fromTask;
        if (invitation.EngagementId is not { Length: > 0 } engagementId)
            return null;
        var resources = await api.ListEngagementResourceAssociationsAsync(new ListEngagementResourceAssociationsRequest(Catalog, engagementId), cancellationToken);
        return resources?.EngagementResourceAssociationSummaries?.FirstOrDefault(r => r?.ResourceType == "Opportunity" && !string.IsNullOrEmpty(r.ResourceId))?.ResourceId;
    }
}
