using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.HubSpot;

/// <summary>Registers the HubSpot CRM client.</summary>
public static class HubSpotCrmExtensions
{
    /// <summary>
    /// Adds <see cref="IHubSpotCrmClient"/> with <see cref="HubSpotCrmOptions"/> from the <c>HubSpot</c> section,
    /// validated at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddHubSpotCrm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<HubSpotCrmOptions>()
            .Bind(builder.Configuration.GetSection(HubSpotCrmOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubSpotCrmOptions>, HubSpotCrmOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The client gives every exchange its own deadline (RequestTimeout), answer body included.
        builder.Services.AddHttpClient<IHubSpotCrmClient, HubSpotCrmClient>(HubSpotCrmClient.HttpClientName,
                http => http.Timeout = Timeout.InfiniteTimeSpan)
            // HubSpot does not redirect API calls; following one would be a surprise worth failing on.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RedactLoggedHeaders(["Authorization"]);

        return builder;
    }
}
