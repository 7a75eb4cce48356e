using MassTransit;
using Switchyard.Hosting;
using Switchyard.Processor.HubSpotEvents;

namespace Switchyard.Processor;

/// <summary>The processor service: consumes HubSpot events and publishes what came of each.</summary>
public sealed class ProcessorModule : ISwitchyardModule
{
    /// <summary>The queue all HubSpot event consumers share, so events of one object arrive in one ordered stream.</summary>
    public const string EndpointName = "processor";

    /// <inheritdoc />
    public string Name => "processor";

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<UnhandledEventConsumer, UnhandledEventConsumerDefinition>();
    }
}
