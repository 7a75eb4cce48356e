using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.ErrorQueues.InMemory;

namespace Switchyard.Hosting.Bus;

/// <summary>Adds the bus chosen by <c>Bus:Transport</c>, with every module's consumers on it.</summary>
public static class BusRegistrationExtensions
{
    /// <summary>
    /// Registers MassTransit on the transport the configuration selects. The <c>Bus</c> section is validated at start-up;
    /// when it names no usable transport an in-memory bus stands in, only so that the container builds and the start-up
    /// check can report the problem in one clear line.
    /// </summary>
    public static IServiceCollection AddSwitchyardBus(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator> addConsumers)
    {
        services.AddOptions<BusOptions>().Bind(configuration.GetSection(BusOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BusOptions>>(new BusOptionsValidator(configuration));

        // Only the transport is read now; binding the whole section here would turn a malformed value into an
        // exception before the start-up check can report it.
        var transport = BusOptions.ParseTransport(configuration[$"{BusOptions.Section}:{nameof(BusOptions.Transport)}"] ?? nameof(BusTransport.InMemory));
        if (transport == BusTransport.InMemory)
            services.AddInMemoryErrorQueues(configuration);

        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            addConsumers(bus);

            if (transport == BusTransport.RabbitMq)
                bus.UsingRabbitMq(ConfigureRabbitMq);
            else
                bus.UsingInMemory(ConfigureInMemory);
        });

        return services;
    }

    static void ConfigureInMemory(IBusRegistrationContext context, IInMemoryBusFactoryConfigurator bus)
    {
        // The in-memory transport delays messages itself, so delayed redelivery needs no plugin here.
        bus.UseDelayedMessageScheduler();
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
