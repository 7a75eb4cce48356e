using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.Hosting.Shutdown.InMemory;

namespace Switchyard.Hosting.Bus;

/// <summary>Adds the bus chosen by <c>Bus:Transport</c>, with every module's consumers on it.</summary>
public static class BusRegistrationExtensions
{
    /// <summary>
    /// Registers MassTransit on the transport the configuration selects. The <c>Bus</c> section is validated at start-up;
    /// when it names no usable transport (or one this host does not carry) an in-memory bus stands in, only so that the
    /// container builds and the start-up check can report the problem in one clear line.
    /// </summary>
    /// <remarks>
    /// Transports other than InMemory and RabbitMq come from <see cref="ISwitchyardBusTransport"/> registrations made
    /// before this call. Queues get the names the transport gives them (<see cref="QueueNames"/>): unchanged on
    /// RabbitMQ and in memory, scoped and possibly FIFO on SQS.
    /// </remarks>
    public static IServiceCollection AddSwitchyardBus(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        var pluggedIn = services.PluggedInTransports();

        services.AddOptions<BusOptions>().Bind(configuration.GetSection(BusOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BusOptions>>(new BusOptionsValidator(configuration, pluggedIn.Select(t => t.Transport)));
        services.TryAddSingleton<QueueNames>();
        services.TryAddSingleton(provider => TransportDelays.For(provider.GetRequiredService<IOptions<BusOptions>>().Value));
        // Kebab-case for what has no explicit queue; the services' queues under the transport's names. MassTransit only
        // adds a formatter when none is registered, so this one stays, also under the test harness.
        services.TryAddSingleton<IEndpointNameFormatter>(provider => new SwitchyardEndpointNameFormatter(provider.GetRequiredService<QueueNames>()));

        // Only the transport is read now; binding the whole section here would turn a malformed value into an
        // exception before the start-up check can report it.
        var transport = BusOptions.ParseTransport(configuration[$"{BusOptions.Section}:{nameof(BusOptions.Transport)}"] ?? nameof(BusTransport.InMemory));
        var plugin = pluggedIn.FirstOrDefault(t => t.Transport == transport);
        if (transport == BusTransport.InMemory)
        {
            services.AddInMemoryErrorQueues(configuration);
            // What a stop loses in memory is counted and logged (nothing else would know).
            services.TryAddSingleton<InMemoryShutdownLedger>();
            services.AddSingleton<IConfigureReceiveEndpoint, GateInMemoryEndpoints>();
        }

        services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its authors' server unless told not to; Switchyard phones nobody unless the
            // operator opts in (Bus:UsageTelemetry, or MassTransit's own MASSTRANSIT_USAGE_TELEMETRY, which wins).
            bus.ConfigureUsageTelemetryOptions(telemetry =>
                telemetry.Enabled = configuration.GetValue<bool>($"{BusOptions.Section}:{nameof(BusOptions.UsageTelemetry)}"));
            addConsumers(bus);

            if (transport == BusTransport.RabbitMq)
                bus.UsingRabbitMq(ConfigureRabbitMq);
            else if (plugin is not null)
                plugin.UseFor(bus);
            else
                bus.UsingInMemory(ConfigureInMemory);
        });

        return services;
    }

    static void ConfigureInMemory(IBusRegistrationContext context, IInMemoryBusFactoryConfigurator bus)
    {
        // The in-memory transport delays messages itself, so delayed redelivery needs no plugin here.
        bus.UseDelayedMessageScheduler();

        var ledger = context.GetRequiredService<InMemoryShutdownLedger>();
        bus.ConnectBusObserver(ledger);
        bus.ConnectSendObserver(ledger);
        bus.ConnectPublishObserver(ledger);

        bus.ConfigureEndpoints(context);
    }

    static void ConfigureRabbitMq(IBusRegistrationContext context, IRabbitMqBusFactoryConfigurator bus)
    {
        var options = context.GetRequiredService<IOptions<BusOptions>>().Value.RabbitMq;

        bus.Host(options.Host, (ushort)options.Port, options.VirtualHost, host =>
        {
            host.Username(options.Username);
            host.Password(options.Password);
            if (options.UseSsl)
                host.UseSsl(ssl => ssl.ServerName = options.Host);
            // The receipt answers only after the broker confirmed each publish.
            host.PublisherConfirmation = true;
        });

        if (options.DelayedExchange)
            bus.UseDelayedMessageScheduler();

        bus.ConfigureEndpoints(context);
    }
}
