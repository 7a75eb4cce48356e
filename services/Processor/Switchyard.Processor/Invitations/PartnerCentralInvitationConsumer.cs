using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Sync;
using static Switchyard.Processor.Invitations.InvitationMapping;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// An AWS referral appeared or changed (an EventBridge event, or polling): a new one becomes a HubSpot deal (and is
/// accepted at once when the auto-accept rule takes it); one about to expire gives the deal's owner a task; one
/// accepted, rejected or expired in Partner Central says so on its deal, an accepted one linked to its opportunity.
/// </summary>
/// <remarks>
/// Reads first and writes only what the deal does not yet say, so an event and a poll of one change, in any order and
/// any number of times, end the same. A report the deal already agrees with costs one HubSpot read and no Partner
/// Central call (polling reports an accepted referral every time, others again after a restart, and a pending one when
/// its reminder becomes due).
/// Invitations the partner sent (a submission's) and those of no deal that are no longer pending are left alone. AWS's event of Switchyard's own answer (<c>Accepting</c>
/// or <c>Rejecting</c> on the deal) is left to the consumer finishing that answer; a poll, which comes later, finishes
/// one that was not, without saying it came from elsewhere.
/// </remarks>
public sealed partial class PartnerCentralInvitationConsumer(
    ReferralInvitations invitations,
    InvitationDeals deals,
    InvitationLinks links,
    IHubSpotCrmClient crm,
    IOptions<InvitationOptions> options,
    IOptions<HubSpotCrmOptions> hubSpotOptions,
    Outcomes outcomes,
    ILogger<PartnerCentralInvitationConsumer> logger) : IConsumer<PartnerCentralInvitationChanged>
{
    /// <summary>The <see cref="AnswerInvitation.Trigger"/> of an acceptance by the auto-accept rule.</summary>
    public const string AutoAcceptTrigger = "AutoAccept";

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<PartnerCentralInvitationChanged> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        if (!options.Value.Enabled)
        {
            LogDisabled(logger, message.InvitationId);
            return;
        }

        if (message.ParticipantType == SellingApiEvents.Sender)
        {
            LogSent(logger, message.InvitationId);
            return;
        }

        var deal = await deals.FindAsync(message.InvitationId, cancellationToken);
        if (deal is not null && AlreadySays(deal, message.Status))
        {
            LogUnchanged(logger, message.InvitationId, deal.Id);
            return;
        }

        // AWS's event of Switchyard's own answer arrives while the answer is being finished (the rejection written, the
        // acceptance task followed): that consumer says it on the deal. A poll, later, finishes one that never was.
        if (deal?.Property(DealProperties.InvitationStatus) is InvitationStatuses.Accepting or InvitationStatuses.Rejecting
            && message.Source == PartnerCentralChangeSources.EventBridge)
        {
            LogOwnAnswer(logger, message.InvitationId, deal.Id, message.Status);
            return;
        }

        // Only a pending referral makes a deal; polling reports ended ones for days, and they cost no Partner Central read.
        if (deal is null && message.Status is { } reported && reported != "PENDING")
        {
            LogUntracked(logger, message.InvitationId, reported);
            return;
        }

        var invitation = await invitations.ReadAsync(message.InvitationId, cancellationToken);
        var status = invitation?.Status ?? message.Status;
        if (invitation is null && status is "PENDING" or "ACCEPTED")
        {
            LogGone(logger, message.InvitationId, status);
            return;
        }

        if (deal is null && status != "PENDING")
        {
            LogUntracked(logger, message.InvitationId, status);
            return;
        }

        switch (status)
        {
            case "PENDING":
                await PendingAsync(context, deal, invitation!);
                break;
            case "ACCEPTED":
                await AcceptedAsync(context, deal!, invitation!);
                break;
            case "REJECTED":
                await EndedAsync(context, deal!, InvitationStatuses.Rejected, invitation?.Document.RejectionReason);
                break;
            case "EXPIRED":
                await EndedAsync(context, deal!, InvitationStatuses.Expired, null);
                break;
            default:
                LogUnknownStatus(logger, message.InvitationId, status);
                break;
        }
    }

    // Whether the deal already says what the report says, so there is nothing to read or write: a finished reception
    // of a pending referral whose owner is not due a task, an accepted one with its opportunity, a rejected or an
    // expired one.
    bool AlreadySays(HubSpotDeal deal, string? reported)
    {
        var current = deal.Property(DealProperties.InvitationStatus);
        return InvitationStatuses.FromAws(reported) switch
        {
            InvitationStatuses.Pending => current is InvitationStatuses.Pending or InvitationStatuses.Accepting or InvitationStatuses.Rejecting
                                          && !(current == InvitationStatuses.Pending && deals.ReminderDue(deal, ExpiresAt(deal))),
            InvitationStatuses.Accepted => current == InvitationStatuses.Accepted && deal.Property(DealProperties.OpportunityId) is not null,
            InvitationStatuses.Rejected => current == InvitationStatuses.Rejected,
            InvitationStatuses.Expired => current == InvitationStatuses.Expired,
            _ => false,
        };
    }

    async Task PendingAsync(ConsumeContext<PartnerCentralInvitationChanged> context, HubSpotDeal? deal, ReferralInvitation invitation)
    {
        var cancellationToken = context.CancellationToken;
        deal ??= await deals.CreateAsync(invitation, cancellationToken);
        if (deal.Property(DealProperties.InvitationStatus) is not null)
        {
            await deals.RemindIfDueAsync(deal, invitation, cancellationToken);
            return;
        }

        await deals.FinishReceptionAsync(deal, invitation, cancellationToken);
        var portalId = PortalId;
        await InvitationOutcomes.PublishAsync(context, new InvitationReceived
        {
            PortalId = portalId,
            DealId = deal.Id,
            InvitationId = invitation.Id,
            ExpiresAt = invitation.ExpiresAt,
            Detail = $"AWS referral \"{invitation.Title}\"" + (invitation.ExpiresAt is { } expires ? $", to answer before {Readable(expires)}." : "."),
            OccurredAt = outcomes.Now,
        }, portalId, invitation.Id, "received");

        if (AutoAccepts(options.Value.AutoAccept, invitation))
        {
            LogAutoAccepted(logger, invitation.Id, deal.Id);
            var endpoint = await context.GetSendEndpoint(SyncRequests.AddressFor(context));
            await endpoint.Send(new AnswerInvitation
            {
                PortalId = portalId,
                DealId = deal.Id,
                InvitationId = invitation.Id,
                Decision = InvitationDecisions.Accept,
                Trigger = AutoAcceptTrigger,
            }, outgoing => outgoing.MessageId = InvitationOutcomes.IdOf(portalId, invitation.Id, "auto-accept"), cancellationToken);
        }
    }

    async Task AcceptedAsync(ConsumeContext<PartnerCentralInvitationChanged> context, HubSpotDeal deal, ReferralInvitation invitation)
    {
        var cancellationToken = context.CancellationToken;
        var ours = deal.Property(DealProperties.InvitationStatus) == InvitationStatuses.Accepting;
        if (await invitations.OpportunityOfAsync(invitation, cancellationToken) is { } opportunityId)
        {
            await links.LinkAsync(context, PortalId, deal, invitation.Id, opportunityId, ours ? "by Switchyard" : "in Partner Central");
            return;
        }

        // AWS accepts first and creates the opportunity after ("The task is asynchronous"): the deal says Accepted, and
        // the next report (polling lists the referral until it is linked) links it.
        if (deal.Property(DealProperties.InvitationStatus) != InvitationStatuses.Accepted)
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?> { [DealProperties.InvitationStatus] = InvitationStatuses.Accepted }, cancellationToken);
        LogAcceptedWithoutOpportunity(logger, invitation.Id, deal.Id);
    }

    async Task EndedAsync(ConsumeContext<PartnerCentralInvitationChanged> context, HubSpotDeal deal, string status, string? rejectionReason)
    {
        var cancellationToken = context.CancellationToken;
        var invitationId = deal.Property(DealProperties.InvitationId) ?? context.Message.InvitationId;
        var ours = deal.Property(DealProperties.InvitationStatus) == InvitationStatuses.Rejecting && status == InvitationStatuses.Rejected;
        var reason = rejectionReason ?? deal.Property(DealProperties.RejectionReason);
        var note = status == InvitationStatuses.Expired
            ? $"<p>AWS referral {E(invitationId)} <strong>expired</strong> unanswered" +
              (ExpiresAt(deal) is { } expired ? $" on {E(Readable(expired))}" : "") + ". AWS has withdrawn the invitation; it can no longer be accepted.</p>"
            : $"<p>AWS referral {E(invitationId)} was <strong>rejected</strong> {(ours ? "by Switchyard" : "in Partner Central")}" +
              (reason is null ? "." : $", for the reason <em>{E(reason)}</em>.") + "</p>";
        await crm.CreateNoteOnDealAsync(deal.Id, note, cancellationToken);
        var properties = new Dictionary<string, string?> { [DealProperties.InvitationStatus] = status };
        if (status == InvitationStatuses.Rejected && reason is not null)
            properties[DealProperties.RejectionReason] = reason;
        await crm.UpdateDealAsync(deal.Id, properties, cancellationToken);
        LogEnded(logger, invitationId, deal.Id, status);

        var portalId = PortalId;
        if (status == InvitationStatuses.Expired)
            await InvitationOutcomes.PublishAsync(context, new InvitationExpired
            {
                PortalId = portalId,
                DealId = deal.Id,
                InvitationId = invitationId,
                Detail = "Expired before anyone accepted or rejected it.",
                OccurredAt = outcomes.Now,
            }, portalId, invitationId, "expired");
        else
            await InvitationOutcomes.PublishAsync(context, new InvitationRejected
            {
                PortalId = portalId,
                DealId = deal.Id,
                InvitationId = invitationId,
                Detail = $"Rejected {(ours ? "by Switchyard" : "in Partner Central")}" + (reason is null ? "." : $": {reason}."),
                OccurredAt = outcomes.Now,
            }, portalId, invitationId, "rejected");
    }

    long PortalId => hubSpotOptions.Value.PortalId;

    static DateTimeOffset? ExpiresAt(HubSpotDeal deal) => IsoTimes.Parse(deal.Property(DealProperties.InvitationExpiresAt));

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS referral {InvitationId}: Processor:Invitations:Enabled is off; left to Partner Central")]
    static partial void LogDisabled(ILogger logger, string invitationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engagement invitation {InvitationId} is one the partner sent, not a referral; left alone")]
    static partial void LogSent(ILogger logger, string invitationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS referral {InvitationId}: deal {DealId} already says so")]
    static partial void LogUnchanged(ILogger logger, string invitationId, long dealId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS referral {InvitationId} is {Status}: Switchyard's own answer, which its consumer finishes on deal {DealId}")]
    static partial void LogOwnAnswer(ILogger logger, string invitationId, long dealId, string? status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "AWS referral {InvitationId} is {Status} and has no deal; left alone")]
    static partial void LogUntracked(ILogger logger, string invitationId, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} was reported {Status}, but Partner Central no longer has it; left alone")]
    static partial void LogGone(ILogger logger, string invitationId, string? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AWS referral {InvitationId} has a status Switchyard does not know: {Status}")]
    static partial void LogUnknownStatus(ILogger logger, string invitationId, string? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} (deal {DealId}) meets the auto-accept rule: accepting it")]
    static partial void LogAutoAccepted(ILogger logger, string invitationId, long dealId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} is accepted; its opportunity does not exist yet, deal {DealId} is linked when it does")]
    static partial void LogAcceptedWithoutOpportunity(ILogger logger, string invitationId, long dealId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId}: deal {DealId} is {Status}")]
    static partial void LogEnded(ILogger logger, string invitationId, long dealId, string status);
}
