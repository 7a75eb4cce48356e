using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Mapping;

/// <summary>Registers the HubSpot-to-Partner Central mapping.</summary>
public static class MappingServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Mapping</c> section (validated at start-up) and registers <see cref="OpportunityMapper"/> as a
    /// singleton, with <see cref="TimeProvider.System"/> unless a time provider is registered already.
    /// </summary>
    public static IHostApplicationBuilder AddOpportunityMapping(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<MappingOptions>()
            .Bind(builder.Configuration.GetSection(MappingOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MappingOptions>, MappingOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OpportunityMapper>();
        return builder;
    }
}
