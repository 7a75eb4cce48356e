using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
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

        builder.Services.AddRefitGeneratedClient<IHubSpotCrmApi>(RefitSettings, HttpClientName)
            .ConfigureHttpClient((services, http) =>
            {
                http.BaseAddress = Options(services).ApiBaseUrl;
                // The deadline handler gives every exchange its own, answer body included.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // HubSpot does not redirect API calls; following one would be a surprise worth failing on.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            // Outermost first: failures are classified after the deadline, which applies to the authenticated exchange.
            .AddHttpMessageHandler<HubSpotErrorHandler>()
            .AddHttpMessageHandler(services => new RequestDeadlineHandler(() => Options(services).RequestTimeout))
            .AddHttpMessageHandler<HubSpotBearerTokenHandler>()
            .RedactLoggedHeaders(["Authorization"]);
        builder.Services.TryAddTransient<IHubSpotCrmClient, HubSpotCrmClient>();

        return builder;
    }

    static HubSpotCrmOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<HubSpotCrmOptions>>().Value;

    static RefitSettings RefitSettings(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<HubSpotCrmClient>>();
        return new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)))
        {
            // Small bodies, sent with their length.
            RequestBodySerialization = RequestBodySerializationMode.Buffered,
            // HubSpotErrorHandler's exceptions, and the caller's cancellation, reach the caller as they are.
            TransportExceptionFactory = static (_, exception, _) => exception,
            DeserializationExceptionFactory = (response, exception) => new ValueTask<Exception?>(HubSpotErrorHandler.UnreadableAnswer(
                response.RequestMessage?.Method.Method ?? "", response.RequestMessage is { } request ? HubSpotErrorHandler.PathOf(request, Options(services).ApiBaseUrl) : "",
                logger, exception)),
        };
    }
}
