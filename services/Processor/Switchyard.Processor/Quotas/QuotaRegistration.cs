using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Quotas;

/// <summary>Registers Partner Central's quotas: the settings, the write budget, parking and its releaser, the instruments.</summary>
public static class QuotaRegistration
{
    /// <summary>Binds <c>PartnerCentral:Quotas</c>, checked at start-up; once, however often it is called.</summary>
    public static IServiceCollection AddPartnerCentralQuotaOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(s => s.ServiceType == typeof(IValidateOptions<PartnerCentralQuotaOptions>)))
            return services;
        services.AddOptions<PartnerCentralQuotaOptions>().Bind(configuration.GetSection(PartnerCentralQuotaOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PartnerCentralQuotaOptions>, PartnerCentralQuotaOptionsValidator>();
        return services;
    }

    /// <summary>
    /// Adds the write budget (<see cref="PartnerCentralWrites"/> for the consumers of the write queue), parking, the
    /// releaser and the budget's instruments. Needs the processor's store (<c>AddProcessorStorage</c>).
    /// </summary>
    public static IHostApplicationBuilder AddPartnerCentralWrites(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddPartnerCentralQuotaOptions(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<WriteBudgetMonitor>();
        services.AddSingleton<WritePacer>();
        services.AddSingleton<ParkableMessages>();
        services.AddScoped<WriteBudget>();
        services.AddScoped<ParkedWrites>();
        services.AddScoped<Leases>();
        services.AddScoped<PartnerCentralWrites>();
        services.AddSingleton<ParkedWriteReleaser>();
        services.AddHostedService(provider => provider.GetRequiredService<ParkedWriteReleaser>());
        return builder;
    }
}
