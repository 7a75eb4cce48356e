using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// A property of an object that deals are associated with (a company, a contact) changed: when the property maps to
/// Partner Central, every synced deal of the object is synced again, and every deal whose creation failed is tried
/// again (the fix for a refused website or phone number is made on the company or contact).
/// </summary>
/// <param name="crm">HubSpot.</param>
/// <param name="mapper">Decides which deals are tagged.</param>
/// <param name="outcomes">Where skips are published.</param>
/// <param name="associationType">HubSpot's plural object type: <c>companies</c>, <c>contacts</c>.</param>
/// <param name="mappedProperties">The object's properties that matter to Partner Central.</param>
/// <param name="trigger">The sync trigger to send.</param>
public abstract class AssociatedObjectChangedConsumer(
    IHubSpotCrmClient crm,
    OpportunityMapper mapper,
    Outcomes outcomes,
    string associationType,
    IReadOnlySet<string> mappedProperties,
    string trigger) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var message = context.Message;
        var objectType = HubSpotObjectTypes.Of(message);
        if (!mappedProperties.Contains(message.PropertyName ?? ""))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.PropertyNotMapped,
                $"The {objectType} property '{message.PropertyName}' does not map to a Partner Central field.");
            return;
        }

        var dealIds = await crm.GetAssociatedDealIdsAsync(associationType, message.ObjectId, context.CancellationToken);
        var synced = await SyncedDeals.AmongAsync(crm, mapper, dealIds, includeFailedCreations: true, context.CancellationToken);
        if (synced.Count == 0)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.NotSynced,
                $"The {objectType} {message.ObjectId} has no deal with a Partner Central opportunity.");
            return;
        }

        foreach (var dealId in synced)
            await context.RequestSync(dealId, trigger);
    }
}
