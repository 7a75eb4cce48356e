using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpotEvents;

namespace Switchyard.Processor.Sync;

/// <summary>How the event consumers hand a deal to the Partner Central sync.</summary>
public static class SyncRequests
{
    /// <summary>The queue of the sync consumer, as the transport of <paramref name="context"/> names it.</summary>
    public static Uri AddressFor(ConsumeContext context) =>
        ReceiveEndpointExtensions.QueueConsumedFromOneInstanceAtATime(context.QueueName(ProcessorModule.SyncEndpointName));

    /// <summary>The Partner Central write queue (the sync consumer's), as the transport <paramref name="services"/> use names it.</summary>
    public static Uri WriteQueueAddress(IServiceProvider services) =>
        ReceiveEndpointExtensions.QueueConsumedFromOneInstanceAtATime(services.QueueName(ProcessorModule.SyncEndpointName));

    /// <summary>
    /// Sends a <see cref="SyncOpportunity"/> for <paramref name="dealId"/>, its id derived from the event's, so a
    /// redelivered event asks for the same sync under the same id.
    /// </summary>
    public static async Task RequestSync(this ConsumeContext<HubSpotEventReceived> context, long dealId, string trigger, string? nextSteps = null)
    {
        var message = context.Message;
        var endpoint = await context.GetSendEndpoint(AddressFor(context));
        await endpoint.Send(new SyncOpportunity
        {
            PortalId = message.PortalId,
            DealId = dealId,
            Trigger = trigger,
            SubscriptionType = message.SubscriptionType,
            SourceObjectType = HubSpotObjectTypes.Of(message),
            SourceObjectId = message.ObjectId,
            NextSteps = nextSteps,
        }, outgoing => outgoing.DeriveFrom(context, $"sync/{dealId}"), context.CancellationToken);
    }
}
