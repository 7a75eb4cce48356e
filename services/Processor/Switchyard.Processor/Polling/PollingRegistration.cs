using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Polling;

/// <summary>Registers polling Partner Central for what changed.</summary>
public static class PollingRegistration
{
    /// <summary>
    /// Adds <see cref="PollingOptions"/> (validated at start-up), the checkpoints and the timer. The checkpoints are
    /// kept in the processor's store (<c>AddProcessorStorage</c>).
    /// </summary>
    public static IHostApplicationBuilder AddPartnerCentralPolling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PollingOptions>().Bind(builder.Configuration.GetSection(PollingOptions.Section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PollingOptions>, PollingOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddScoped<IPollingCheckpoints, StoredPollingCheckpoints>();
        builder.Services.TryAddSingleton<ReportedInvitations>();
        builder.Services.AddHostedService<PartnerCentralPollTimer>();
        return builder;
    }

    /// <summary>Adds <see cref="PartnerCentralPollConsumer"/> on the polling queue.</summary>
    public static IBusRegistrationConfigurator AddPartnerCentralPollConsumer(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PartnerCentralPollConsumer, PartnerCentralPollConsumerDefinition>();
        return bus;
    }
}
