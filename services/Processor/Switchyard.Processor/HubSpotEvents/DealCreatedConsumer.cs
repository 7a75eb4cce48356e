using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// A deal was created: when its name carries <c>#AWS</c> and it has no opportunity yet, asks the sync to create one;
/// otherwise says why not.
/// </summary>
public sealed class DealCreatedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, TimeProvider clock) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var dealId = context.Message.ObjectId;
        var deal = await crm.GetDealAsync(dealId, context.CancellationToken);
        if (deal is null)
        {
            await context.PublishSkipped(SyncSkipReasons.ObjectNotFound, $"Deal {dealId} no longer exists in HubSpot.", clock);
            return;
        }

        if (!mapper.IsTagged(deal))
        {
            await context.PublishSkipped(SyncSkipReasons.NotTagged, $"Deal {dealId} is not tagged {mapper.Tag}.", clock);
            return;
        }

        if (deal.Property(DealProperties.OpportunityId) is { } opportunityId)
        {
            await context.PublishSkipped(SyncSkipReasons.AlreadySynced, $"Deal {dealId} is already opportunity {opportunityId}.", clock);
            return;
        }

        await context.RequestSync(dealId, SyncTriggers.DealTagged);
    }
}
