using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Invitations;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Submission;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// A deal property changed. A property that maps to Partner Central on a synced, tagged deal asks the sync for an
/// update; a rename of a synced deal asks it to put the name back (titles cannot change); a rename that adds
/// <c>#AWS</c> to a deal without an opportunity asks it to create one, and so does a mapped change of a tagged deal
/// whose creation failed (that is how a user retries). Ticking <c>aws_submit_to_aws</c>, or entering a stage of
/// <c>Processor:Submission:Stages</c>, asks for a submission (<see cref="SubmissionRequests"/>). Setting
/// <c>aws_invitation_decision</c> (or <c>aws_rejection_reason</c>) on a referral's deal asks for the answer to AWS
/// (<see cref="InvitationAnswers"/>). Everything else is skipped with its reason.
/// </summary>
public sealed class DealPropertyChangedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, Outcomes outcomes, IOptions<ProcessorOptions> options)
    : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var message = context.Message;
        var property = message.PropertyName ?? "";
        var renamed = property == DealProperties.Name;
        var submission = options.Value.Submission;
        var maySubmit = SubmissionRequests.MayTrigger(property, submission);

        // Switchyard's own writes to the deal come back as webhooks; they must never cause a Partner Central write.
        if (OwnChanges.IsOwn(message))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.OwnChange, $"Switchyard itself changed deal property '{property}'.");
            return;
        }

        var answers = InvitationAnswers.MayAnswer(property);
        // Decided from the event alone: no HubSpot read for the many changes Partner Central does not care about.
        if (!renamed && !maySubmit && !answers && !MappedProperties.Deal.Contains(property))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.PropertyNotMapped, $"Deal property '{property}' does not map to a Partner Central field.");
            return;
        }

        var deal = await crm.GetDealAsync(message.ObjectId, context.CancellationToken);
        if (deal is null)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.ObjectNotFound, $"Deal {message.ObjectId} no longer exists in HubSpot.");
            return;
        }

        // A seller's answer to an AWS referral (Invitations/): the write queue reads the decision from the deal.
        if (answers)
        {
            if (deal.Property(DealProperties.InvitationId) is not null)
                await context.RequestInvitationAnswer(deal);
            else
                await outcomes.SkippedAsync(context, SyncSkipReasons.InvitationNotTracked, $"Deal {deal.Id} stands for no AWS referral; '{property}' answers nothing.");
            return;
        }

        if (property == DealProperties.SubmitToAws)
        {
            if (SubmissionRequests.TriggerOf(property, deal, submission) is { } ticked)
                await context.RequestSubmission(deal, ticked, outcomes);
            else
                await outcomes.SkippedAsync(context, SyncSkipReasons.NoChanges, $"Deal {deal.Id}: {DealProperties.SubmitToAws} is not ticked; nothing to submit.");
            return;
        }

        // The stage's own update goes first on the write queue, then the submission.
        if (maySubmit && SubmissionRequests.TriggerOf(property, deal, submission) is { } entered && mapper.IsTagged(deal))
        {
            await SyncAsync(context, deal, renamed);
            await context.RequestSubmission(deal, entered, outcomes);
            return;
        }

        await SyncAsync(context, deal, renamed);
    }

    async Task SyncAsync(ConsumeContext<HubSpotEventReceived> context, HubSpotDeal deal, bool renamed)
    {
        var synced = deal.Property(DealProperties.OpportunityId) is not null;
        var tagged = mapper.IsTagged(deal);
        switch (renamed, synced, tagged)
        {
            case (true, true, _):
                await context.RequestSync(deal.Id, SyncTriggers.DealRenamed);
                break;
            case (true, false, true):
                await context.RequestSync(deal.Id, SyncTriggers.DealTagged);
                break;
            case (false, false, true) when SyncedDeals.AwaitsCorrection(deal, mapper):
                await context.RequestSync(deal.Id, SyncTriggers.DealChanged);
                break;
            case (_, false, _):
                await outcomes.SkippedAsync(context, SyncSkipReasons.NotSynced, $"Deal {deal.Id} has no Partner Central opportunity.");
                break;
            case (false, true, false):
                await outcomes.SkippedAsync(context, SyncSkipReasons.NotTagged, $"Deal {deal.Id} is no longer tagged {mapper.Tag}; its opportunity is left as it is.");
                break;
            default:
                await context.RequestSync(deal.Id, SyncTriggers.DealChanged);
                break;
        }
    }
}
