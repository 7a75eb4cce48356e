using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>Registers the Partner Central Selling client.</summary>
public static class PartnerCentralRegistration
{
    /// <summary>
    /// Binds <c>PartnerCentral</c> (checked at start-up by <see cref="PartnerCentralOptionsValidator"/>) and registers
    /// <see cref="IPartnerCentralClient"/> as a typed HttpClient with the configured timeout, its signer and credentials.
    /// </summary>
    public static IHostApplicationBuilder AddPartnerCentral(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PartnerCentralOptions>()
            .Bind(builder.Configuration.GetSection(PartnerCentralOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnerCentralOptions>, PartnerCentralOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<PartnerCentralCredentials>();
        builder.Services.TryAddSingleton<PartnerCentralRequestSigner>();

        builder.Services.AddHttpClient<IPartnerCentralClient, PartnerCentralClient>(PartnerCentralClient.HttpClientName, (services, http) =>
                http.Timeout = services.GetRequiredService<IOptions<PartnerCentralOptions>>().Value.RequestTimeout)
            // A signed request must reach the host it was signed for.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        return builder;
    }
}
