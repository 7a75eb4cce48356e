using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Http;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Setup;

/// <summary>Registers what sets up and checks an installation's CRM side (the operator tool's <c>hubspot</c> and <c>partner-central</c> commands).</summary>
public static class SetupRegistration
{
    /// <summary>
    /// Adds <see cref="HubSpotPortalSetup"/> over HubSpot's properties API, with the CRM client's options, token and
    /// failure handling (<see cref="HubSpotCrmExtensions.AddHubSpotCrm"/>).
    /// </summary>
    public static IHostApplicationBuilder AddHubSpotPortalSetup(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHubSpotCrm();
        builder.Services.AddApiClient<IHubSpotPropertiesApi>("hubspot-properties", new JsonSerializerOptions(JsonSerializerDefaults.Web),
                services => services.GetRequiredService<IOptions<HubSpotCrmOptions>>().Value.ApiBaseUrl,
                services => services.GetRequiredService<IOptions<HubSpotCrmOptions>>().Value.RequestTimeout,
                (services, response, exception) => HubSpotErrorHandler.UnreadableAnswer(response.RequestMessage?.Method.Method ?? "", "/crm/v3/properties",
                    services.GetRequiredService<ILogger<HubSpotCrmClient>>(), exception),
                handlers => handlers.AddHttpMessageHandler<HubSpotErrorHandler>().AddHttpMessageHandler<HubSpotBearerTokenHandler>())
            .RedactLoggedHeaders(["Authorization"]);
        builder.Services.TryAddTransient<HubSpotPortalSetup>();
        return builder;
    }

    /// <summary>Adds <see cref="PartnerCentralAccessCheck"/> over the processor's Partner Central client.</summary>
    public static IHostApplicationBuilder AddPartnerCentralAccessCheck(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddPartnerCentral();
        builder.Services.TryAddTransient<PartnerCentralAccessCheck>();
        return builder;
    }
}
