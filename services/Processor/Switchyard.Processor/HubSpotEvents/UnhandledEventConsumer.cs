using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// Answers the HubSpot events that no Partner Central sync handles with a <see cref="SyncSkipped"/> outcome, so every
/// event the receipt accepted ends in an outcome that subscribers and operators can see.
/// </summary>
public sealed partial class UnhandledEventConsumer(TimeProvider clock, ILogger<UnhandledEventConsumer> logger)
    : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var message = context.Message;
        var objectType = HubSpotObjectTypes.Of(message);
        LogSkipped(logger, message.SubscriptionType, objectType, message.ObjectId, message.PortalId);

        await context.Publish(new SyncSkipped
        {
            PortalId = message.PortalId,
            ObjectType = objectType,
            ObjectId = message.ObjectId,
            SubscriptionType = message.SubscriptionType,
            Reason = SyncSkipReasons.NotHandled,
            Detail = $"No Partner Central sync handles {message.SubscriptionType} events.",
            OccurredAt = clock.GetUtcNow(),
        }, outgoing => outgoing.DeriveFrom(context, OutcomeEventTypes.SyncSkipped));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Skipped {SubscriptionType} for {ObjectType} {ObjectId} in portal {PortalId}: no sync handles it")]
    static partial void LogSkipped(ILogger logger, string subscriptionType, string objectType, long objectId, long portalId);
}
