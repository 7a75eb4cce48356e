using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>Registers the reading of Partner Central's EventBridge events.</summary>
public static class PartnerCentralEventsRegistration
{
    /// <summary>Adds what <see cref="PartnerCentralEventConsumer"/> needs.</summary>
    public static IHostApplicationBuilder AddPartnerCentralEvents(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<PartnerCentralEventMetrics>();
        return builder;
    }

    /// <summary>Adds <see cref="PartnerCentralEventConsumer"/> on the event queue.</summary>
    public static IBusRegistrationConfigurator AddPartnerCentralEventConsumer(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PartnerCentralEventConsumer, PartnerCentralEventConsumerDefinition>();
        return bus;
    }
}
