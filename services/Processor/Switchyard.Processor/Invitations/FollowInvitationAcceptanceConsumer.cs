using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Follows an acceptance task (<c>ListEngagementByAcceptingInvitationTasks</c>, a read, not a budgeted write): while
/// AWS works on it, schedules the next check (<see cref="EngagementTasks.CheckLaterAsync{T}"/>: never a wait in the
/// consumer, one Debug line and no retry warning); <c>COMPLETE</c> links the deal to the opportunity the task created (<see cref="InvitationLinks"/>);
/// <c>FAILED</c> puts the referral's status back as AWS has it, with a note carrying AWS's message
/// (<see cref="InvitationFailures"/>), unless the deal is accepted already (by another task, or in the console).
/// </summary>
public sealed partial class FollowInvitationAcceptanceConsumer(
    ReferralInvitations invitations,
    IHubSpotCrmClient crm,
    InvitationLinks links,
    InvitationFailures failures,
    ILogger<FollowInvitationAcceptanceConsumer> logger) : IConsumer<FollowInvitationAcceptance>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<FollowInvitationAcceptance> context)
    {
        var request = context.Message;
        var cancellationToken = context.CancellationToken;
        var task = await invitations.TaskAsync(request.TaskId, cancellationToken);
        if (task is null || task.TaskStatus == EngagementTasks.InProgress)
        {
            await EngagementTasks.CheckLaterAsync(context, InvitationRegistration.FollowAddressFor(context), request.Check,
                request with { Check = request.Check + 1 }, request.TaskId, $"acceptance of AWS referral {request.InvitationId}", logger);
            return;
        }

        var deal = await crm.GetDealAsync(request.DealId, cancellationToken);
        if (deal is null)
        {
            LogDealGone(logger, request.DealId, request.InvitationId, task.TaskStatus);
            return;
        }

        if (task.TaskStatus == EngagementTasks.Complete && task.OpportunityId is { Length: > 0 } opportunityId)
        {
            await links.LinkAsync(context, request.PortalId, deal, request.InvitationId, opportunityId, "by Switchyard");
            return;
        }

        if (deal.Property(DealProperties.InvitationStatus) == InvitationStatuses.Accepted)
        {
            LogAcceptedAnyway(logger, request.InvitationId, request.TaskId, task.ReasonCode);
            return;
        }

        var now = await invitations.ReadAsync(request.InvitationId, cancellationToken);
        var reason = task.ReasonCode ?? task.TaskStatus ?? "Unknown";
        await failures.FailAsync(context, request.PortalId, deal, reason,
            $"AWS did not accept AWS referral {request.InvitationId}: {task.Message ?? "AWS gave no reason."}",
            InvitationStatuses.FromAws(now?.Status) ?? InvitationStatuses.Pending);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} no longer exists; the acceptance of AWS referral {InvitationId} ended {Status}")]
    static partial void LogDealGone(ILogger logger, long dealId, string invitationId, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} is accepted already; task {TaskId} ended without an opportunity ({ReasonCode})")]
    static partial void LogAcceptedAnyway(ILogger logger, string invitationId, string taskId, string? reasonCode);
}
