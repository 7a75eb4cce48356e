using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// A deal was created: when its name carries <c>#AWS</c> and it has no opportunity yet, asks the sync to create one;
/// otherwise (also for an AWS referral's deal, which gets its opportunity by acceptance) says why not.
/// </summary>
public sealed class DealCreatedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, Outcomes outcomes) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var dealId = context.Message.ObjectId;
        var deal = await crm.GetDealAsync(dealId, context.CancellationToken);
        if (deal is null)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.ObjectNotFound, $"Deal {dealId} no longer exists in HubSpot.");
            return;
        }

        if (!mapper.IsTagged(deal))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.NotTagged, $"Deal {dealId} is not tagged {mapper.Tag}.");
            return;
        }

        if (deal.Property(DealProperties.OpportunityId) is { } opportunityId)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.AlreadySynced, $"Deal {dealId} is already opportunity {opportunityId}.");
            return;
        }

        // An AWS referral's deal becomes an opportunity by accepting the referral, never by creating another.
        if (deal.Property(DealProperties.InvitationId) is { } invitationId)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.InvitationPending,
                $"Deal {dealId} stands for AWS referral {invitationId}; accept it ({DealProperties.InvitationDecision}) to get its opportunity.");
            return;
        }

        await context.RequestSync(dealId, SyncTriggers.DealTagged);
    }
}
