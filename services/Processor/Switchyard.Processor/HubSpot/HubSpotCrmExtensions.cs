using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Http;

namespace Switchyard.Processor.HubSpot;

/// <summary>Registers the HubSpot CRM client.</summary>
public static class HubSpotCrmExtensions
{
    /// <summary>The HttpClient name of the CRM API, for configuring its handlers.</summary>
    public const string HttpClientName = "hubspot-crm";

    /// <summary>
    /// Adds <see cref="IHubSpotCrmClient"/> with <see cref="HubSpotCrmOptions"/> from the <c>HubSpot</c> section,
    /// validated at start-up: a Refit client of HubSpot's CRM API through <c>IHttpClientFactory</c>, its failures
    /// classified by <see cref="HubSpotErrorHandler"/>, each exchange within <see cref="HubSpotCrmOptions.RequestTimeout"/>,
    /// authenticated by <see cref="HubSpotBearerTokenHandler"/>.
    /// </summary>
    public static IHostApplicationBuilder AddHubSpotCrm(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<HubSpotCrmOptions>()
            .Bind(builder.Configuration.GetSection(HubSpotCrmOptions.Section))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HubSpotCrmOptions>, HubSpotCrmOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddTransient<HubSpotErrorHandler>();
        builder.Services.TryAddTransient<HubSpotBearerTokenHandler>();

        builder.Services.AddApiClient<IHubSpotCrmApi>(HttpClientName, new JsonSerializerOptions(JsonSerializerDefaults.Web),
                services => Options(services).ApiBaseUrl, services => Options(services).RequestTimeout, UnreadableAnswer,
                // Failures are classified outermost, after the deadline, which applies to the authenticated exchange.
                handlers => handlers.AddHttpMessageHandler<HubSpotErrorHandler>().AddHttpMessageHandler<HubSpotBearerTokenHandler>())
            .RedactLoggedHeaders(["Authorization"]);
        builder.Services.TryAddTransient<IHubSpotCrmClient, HubSpotCrmClient>();

        return builder;
    }

    static HubSpotCrmOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<HubSpotCrmOptions>>().Value;

    static Exception UnreadableAnswer(IServiceProvider services, HttpResponseMessage response, Exception exception) =>
        HubSpotErrorHandler.UnreadableAnswer(response.RequestMessage?.Method.Method ?? "",
            response.RequestMessage is { } request ? HubSpotErrorHandler.PathOf(request, Options(services).ApiBaseUrl) : "",
            services.GetRequiredService<ILogger<HubSpotCrmClient>>(), exception);
}
