using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// The base of the HubSpot event consumers' definitions: all of them on the processor's queue, each receiving only its
/// <see cref="HubSpotEventKind"/>, with the shared retry conventions.
/// </summary>
public abstract class HubSpotEventConsumerDefinition<TConsumer>(HubSpotEventKind kind) : SwitchyardConsumerDefinition<TConsumer>(ProcessorModule.EndpointName)
    where TConsumer : class, IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Outermost, so an event of another kind passes by without retries or outbox being set up for it.
        consumerConfigurator.Message<HubSpotEventReceived>(message =>
            message.UseContextFilter(consume => Task.FromResult(HubSpotEventKinds.Of(consume.Message) == kind)));
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry) => retry.Ignore<HubSpotPermanentException>();
}
