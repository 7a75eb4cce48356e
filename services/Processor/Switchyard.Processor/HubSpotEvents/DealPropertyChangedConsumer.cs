using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// A deal property changed. A property that maps to Partner Central on a synced, tagged deal asks the sync for an
/// update; a rename of a synced deal asks it to put the name back (titles cannot change); a rename that adds
/// <c>#AWS</c> to a deal without an opportunity asks it to create one, and so does a mapped change of a tagged deal
/// whose creation failed (that is how a user retries). Everything else is skipped with its reason.
/// </summary>
public sealed class DealPropertyChangedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, Outcomes outcomes) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var message = context.Message;
        var property = message.PropertyName ?? "";
        var renamed = property == DealProperties.Name;

        // Switchyard's own writes to the deal come back as webhooks; they must never cause a Partner Central write.
        if (OwnChanges.IsOwn(message))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.OwnChange, $"Switchyard itself changed deal property '{property}'.");
            return;
        }

        // Decided from the event alone: no HubSpot read for the many changes Partner Central does not care about.
        if (!renamed && !MappedProperties.Deal.Contains(property))
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
