using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// Answers the HubSpot events that no Partner Central sync handles with a <see cref="SyncSkipped"/> outcome, so every
/// event the receipt accepted ends in an outcome that subscribers and operators can see.
/// </summary>
public sealed class UnhandledEventConsumer(Outcomes outcomes) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<HubSpotEventReceived> context) =>
        outcomes.SkippedAsync(context, SyncSkipReasons.NotHandled, $"No Partner Central sync handles {context.Message.SubscriptionType} events.");
}
