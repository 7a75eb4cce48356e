using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Quotas;
using static Switchyard.Processor.Invitations.InvitationMapping;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Answers an AWS referral as its deal says (or the auto-accept rule): reads the deal and the invitation, and when the
/// referral is still pending makes the one Partner Central write within the write budget. <c>Accept</c> starts
/// <c>StartEngagementByAcceptingInvitationTask</c>, says <c>Accepting</c> on the deal and sends
/// <see cref="FollowInvitationAcceptance"/>; <c>Reject</c> calls <c>RejectEngagementInvitation</c> with
/// <c>aws_rejection_reason</c> (one of AWS's reasons, asked for when missing) and says <c>Rejected</c>.
/// </summary>
/// <remarks>
/// Safe to run twice: an acceptance's client token derives from the invitation and what asked (the HubSpot event, or
/// the rule), so a redelivery gets AWS's first task back while a new decision after a failure starts anew; a rejection
/// AWS has already recorded (its <c>ConflictException</c>) reads the invitation and finishes as the first would have.
/// The deal says <c>Accepting</c> or <c>Rejecting</c> before AWS is called, so the change AWS then reports is known as
/// Switchyard's. AWS's refusals end in a note with its message and <c>aws_sync_error</c> (<see cref="InvitationFailures"/>).
/// </remarks>
public sealed partial class AnswerInvitationConsumer(
    IHubSpotCrmClient crm,
    IPartnerCentralSellingApi api,
    ReferralInvitations invitations,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    PartnerCentralWrites writes,
    InvitationFailures failures,
    Outcomes outcomes,
    ILogger<AnswerInvitationConsumer> logger) : IConsumer<AnswerInvitation>
{
    /// <summary>The reason of a rejection Switchyard did not send for want of a reason AWS accepts.</summary>
    public const string RejectionReasonMissing = "RejectionReasonMissing";

    static readonly IReadOnlyList<string> RejectionReasons =
        ServiceModel.PartnerCentralSelling.Shape("RejectEngagementInvitationRequest").Member("RejectionReason")!.Documented!.Values!;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AnswerInvitation> context)
    {
        var request = context.Message;
        var catalog = partnerCentralOptions.Value.Catalog;
        var cancellationToken = context.CancellationToken;
        var deal = await crm.GetDealAsync(request.DealId, cancellationToken);
        if (deal is null)
        {
            await SkipAsync(context, SyncSkipReasons.ObjectNotFound, $"Deal {request.DealId} no longer exists in HubSpot; no answer was sent to AWS.");
            return;
        }

        if (deal.Property(DealProperties.InvitationId) is not { } invitationId)
        {
            await SkipAsync(context, SyncSkipReasons.InvitationNotTracked, $"Deal {deal.Id} stands for no AWS referral (no {DealProperties.InvitationId}).");
            return;
        }

        var decision = request.Decision ?? deal.Property(DealProperties.InvitationDecision);
        var status = deal.Property(DealProperties.InvitationStatus);
        var skip = decision switch
        {
            null => $"Deal {deal.Id} has no {DealProperties.InvitationDecision}; nothing to answer.",
            not (InvitationDecisions.Accept or InvitationDecisions.Reject) => $"{DealProperties.InvitationDecision} '{decision}' is neither Accept nor Reject.",
            _ when InvitationStatuses.IsFinal(status) => $"AWS referral {invitationId} is {status} already.",
            InvitationDecisions.Accept when status == InvitationStatuses.Rejecting => $"AWS referral {invitationId} is being rejected.",
            InvitationDecisions.Reject when status == InvitationStatuses.Accepting => $"AWS referral {invitationId} is being accepted.",
            _ => null,
        };
        if (skip is not null)
        {
            await SkipAsync(context, SyncSkipReasons.NoChanges, skip);
            return;
        }

        var invitation = await invitations.ReadAsync(invitationId, cancellationToken);
        if (invitation?.Status != "PENDING")
        {
            // The change itself reaches the deal as AWS reports it (PartnerCentralInvitationConsumer).
            await SkipAsync(context, SyncSkipReasons.NoChanges,
                $"AWS referral {invitationId} is {invitation?.Status ?? "gone from Partner Central"}; it can no longer be answered, and nothing was sent.");
            return;
        }

        try
        {
            if (decision == InvitationDecisions.Accept)
                await AcceptAsync(context, deal, invitationId, catalog);
            else
                await RejectAsync(context, deal, invitationId, catalog);
        }
        catch (PartnerCentralException e) when (e.Kind is PartnerCentralErrorKind.Permanent or PartnerCentralErrorKind.Conflict)
        {
            var now = await invitations.ReadAsync(invitationId, cancellationToken);
            if (decision == InvitationDecisions.Reject && now?.Status is "REJECTED" or null)
            {
                // Rejected already: the first attempt went through, its answer was lost.
                await RejectedAsync(context, deal, invitationId, deal.Property(DealProperties.RejectionReason));
                return;
            }

            await failures.FailAsync(context, request.PortalId, deal, e.ErrorType,
                $"AWS refused to {(decision == InvitationDecisions.Accept ? "accept" : "reject")} AWS referral {invitationId}: {e.Reason}",
                InvitationStatuses.FromAws(now?.Status) ?? InvitationStatuses.Pending);
        }
    }

    async Task AcceptAsync(ConsumeContext<AnswerInvitation> context, HubSpotDeal deal, string invitationId, string catalog)
    {
        var cancellationToken = context.CancellationToken;
        await SayAsync(deal, InvitationStatuses.Accepting, cancellationToken);
        var start = new StartEngagementByAcceptingInvitationTaskRequest(catalog, ClientTokenFor(context.Message, invitationId), invitationId);
        var task = await writes.TryWriteAsync(context, Write("StartEngagementByAcceptingInvitationTask", invitationId),
            async ct => await api.StartEngagementByAcceptingInvitationTaskAsync(start, ct)
                ?? throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "StartEngagementByAcceptingInvitationTask returned nothing.", PartnerCentralErrorKind.Transient));
        if (task is null)
            return;
        // A redelivery gets the same task back by the client token, so a missing id is worth another try.
        if (task.TaskId is not { Length: > 0 } taskId)
            throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "StartEngagementByAcceptingInvitationTask returned no TaskId.", PartnerCentralErrorKind.Transient);

        var endpoint = await context.GetSendEndpoint(InvitationRegistration.FollowAddressFor(context));
        await endpoint.Send(new FollowInvitationAcceptance
        {
            PortalId = context.Message.PortalId,
            DealId = deal.Id,
            InvitationId = invitationId,
            TaskId = taskId,
        }, outgoing => outgoing.DeriveFrom(context, $"follow/{taskId}"), cancellationToken);
        LogAccepting(logger, invitationId, deal.Id, taskId, context.Message.Trigger);
    }

    async Task RejectAsync(ConsumeContext<AnswerInvitation> context, HubSpotDeal deal, string invitationId, string catalog)
    {
        var cancellationToken = context.CancellationToken;
        var reason = deal.Property(DealProperties.RejectionReason);
        if (reason is null || !RejectionReasons.Contains(reason, StringComparer.Ordinal))
        {
            await failures.FailAsync(context, context.Message.PortalId, deal, RejectionReasonMissing,
                $"Switchyard did not reject AWS referral {invitationId}: AWS asks why. Set {DealProperties.RejectionReason} to one of " +
                $"{string.Join(", ", RejectionReasons)}" + (reason is null ? "" : $" (not '{reason}')") + "; the referral is rejected then.",
                status: null);
            return;
        }

        await SayAsync(deal, InvitationStatuses.Rejecting, cancellationToken);
        if (!await writes.TryWriteAsync(context, Write("RejectEngagementInvitation", invitationId),
                ct => api.RejectEngagementInvitationAsync(new RejectEngagementInvitationRequest(catalog, invitationId, reason), ct)))
            return;
        await RejectedAsync(context, deal, invitationId, reason);
    }

    async Task RejectedAsync(ConsumeContext<AnswerInvitation> context, HubSpotDeal deal, string invitationId, string? reason)
    {
        var cancellationToken = context.CancellationToken;
        await crm.CreateNoteOnDealAsync(deal.Id,
            $"<p>AWS referral {E(invitationId)} was <strong>rejected</strong> by Switchyard" + (reason is null ? "." : $", for the reason <em>{E(reason)}</em>.") + "</p>",
            cancellationToken);
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
        {
            [DealProperties.InvitationStatus] = InvitationStatuses.Rejected,
            [DealProperties.SyncError] = null,
        }, cancellationToken);
        LogRejected(logger, invitationId, deal.Id, reason);
        await InvitationOutcomes.PublishAsync(context, new InvitationRejected
        {
            PortalId = context.Message.PortalId,
            DealId = deal.Id,
            InvitationId = invitationId,
            Detail = "Rejected by Switchyard" + (reason is null ? "." : $": {reason}."),
            OccurredAt = outcomes.Now,
        }, context.Message.PortalId, invitationId, "rejected");
    }

    // Before AWS is called: the change AWS then reports is known as Switchyard's, and a failed answer says so.
    async Task SayAsync(HubSpotDeal deal, string status, CancellationToken cancellationToken)
    {
        if (deal.Property(DealProperties.InvitationStatus) != status || deal.Property(DealProperties.SyncError) is not null)
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
            {
                [DealProperties.InvitationStatus] = status,
                [DealProperties.SyncError] = null,
            }, cancellationToken);
    }

    static PartnerCentralWrite Write(string operation, string invitationId) => new(operation, WriteKind.InvitationAnswer, $"invitation/{invitationId}");

    /// <summary>
    /// Derived from the invitation and what asked: the same for a redelivery, so AWS answers with the first task; new
    /// for a new decision after a failed one. Within the model's <c>ClientToken</c> (<c>.{1,255}</c>).
    /// </summary>
    internal static string ClientTokenFor(AnswerInvitation request, string invitationId) =>
        string.Create(CultureInfo.InvariantCulture, $"hubspot-{request.PortalId}-{invitationId}-accept-{(request.EventId is { } eventId ? eventId.ToString(CultureInfo.InvariantCulture) : request.Trigger)}");

    Task SkipAsync(ConsumeContext<AnswerInvitation> context, string reason, string detail) =>
        outcomes.DealSkippedAsync(context, context.Message.PortalId, context.Message.DealId, InvitationFailures.Answer, reason,
            detail, $"{context.Message.DealId}/answer/{reason}");

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} (deal {DealId}): accepting, task {TaskId} ({Trigger})")]
    static partial void LogAccepting(ILogger logger, string invitationId, long dealId, string taskId, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} (deal {DealId}) rejected: {Reason}")]
    static partial void LogRejected(ILogger logger, string invitationId, long dealId, string? reason);
}
