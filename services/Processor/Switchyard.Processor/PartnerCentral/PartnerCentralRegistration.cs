using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;
using Switchyard.Processor.Http;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>Registers the Partner Central Selling client.</summary>
public static class PartnerCentralRegistration
{
    /// <summary>The HttpClient name of Partner Central Selling, for configuring its handlers.</summary>
    public const string HttpClientName = "partner-central";

    // AWS JSON: members as the model names them (PascalCase), nulls left out.
    static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = null,
    };

    /// <summary>
    /// Binds <c>PartnerCentral</c> (checked at start-up by <see cref="PartnerCentralOptionsValidator"/>) and registers
    /// <see cref="IPartnerCentralSellingApi"/>, a Refit client through <c>IHttpClientFactory</c>, and
    /// <see cref="IPartnerCentralClient"/> over it. Each call goes through, outermost first,
    /// <see cref="PartnerCentralErrorHandler"/>, <see cref="AwsJsonProtocolHandler"/>,
    /// <see cref="PartnerCentralSigningHandler"/> and a deadline of <see cref="PartnerCentralOptions.RequestTimeout"/>.
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
        builder.Services.TryAddTransient<PartnerCentralErrorHandler>();
        builder.Services.TryAddTransient<AwsJsonProtocolHandler>();
        builder.Services.TryAddTransient<PartnerCentralSigningHandler>();

        builder.Services.AddRefitGeneratedClient<IPartnerCentralSellingApi>(RefitSettings, HttpClientName)
            .ConfigureHttpClient((services, http) =>
            {
                http.BaseAddress = Options(services).EffectiveServiceUrl;
                // The deadline handler gives every exchange its own, answer body included.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            // A signed request must reach the host it was signed for.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            // Outermost first: the protocol's headers are signed, and the deadline starts once the request is signed.
            .AddHttpMessageHandler<PartnerCentralErrorHandler>()
            .AddHttpMessageHandler<AwsJsonProtocolHandler>()
            .AddHttpMessageHandler<PartnerCentralSigningHandler>()
            .AddHttpMessageHandler(services => new RequestDeadlineHandler(() => Options(services).RequestTimeout))
            .RedactLoggedHeaders(["Authorization", "X-Amz-Security-Token"]);
        builder.Services.TryAddTransient<IPartnerCentralClient, PartnerCentralClient>();
        return builder;
    }

    static PartnerCentralOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PartnerCentralOptions>>().Value;

    static RefitSettings RefitSettings(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<PartnerCentralClient>>();
        return new RefitSettings(new SystemTextJsonContentSerializer(Json))
        {
            // Signed bodies are read whole anyway; sent with their length.
            RequestBodySerialization = RequestBodySerializationMode.Buffered,
            // PartnerCentralErrorHandler's exceptions, and the caller's cancellation, reach the caller as they are.
            TransportExceptionFactory = static (_, exception, _) => exception,
            DeserializationExceptionFactory = (response, exception) => new ValueTask<Exception?>(PartnerCentralErrorHandler.InvalidResponse(logger,
                response.RequestMessage is { } request ? AwsJsonProtocolHandler.OperationOf(request) ?? "A Partner Central call" : "A Partner Central call",
                "answered with a body that is not a JSON object.", exception)),
        };
    }
}
