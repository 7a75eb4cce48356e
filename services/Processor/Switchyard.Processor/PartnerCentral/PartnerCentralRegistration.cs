using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Http;
using Switchyard.Processor.Quotas;

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
    /// <see cref="PartnerCentralErrorHandler"/>, <see cref="PartnerCentralReadLimitHandler"/> (reads wait for this
    /// instance's read quota, <c>PartnerCentral:Quotas:ReadsPerSecond</c>), <see cref="AwsJsonProtocolHandler"/>,
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
        builder.Services.AddPartnerCentralQuotaOptions(builder.Configuration);
        builder.Services.TryAddSingleton<PartnerCentralReadLimiter>();
        builder.Services.TryAddTransient<PartnerCentralReadLimitHandler>();
        builder.Services.TryAddTransient<PartnerCentralErrorHandler>();
        builder.Services.TryAddTransient<AwsJsonProtocolHandler>();
        builder.Services.TryAddTransient<PartnerCentralSigningHandler>();

        builder.Services.AddApiClient<IPartnerCentralSellingApi>(HttpClientName, Json,
                services => Options(services).EffectiveServiceUrl, services => Options(services).RequestTimeout, InvalidResponse,
                // A read waits for its permit before it is signed; the protocol's headers are signed, and the deadline
                // starts once the request is signed.
                handlers => handlers.AddHttpMessageHandler<PartnerCentralErrorHandler>().AddHttpMessageHandler<PartnerCentralReadLimitHandler>()
                    .AddHttpMessageHandler<AwsJsonProtocolHandler>().AddHttpMessageHandler<PartnerCentralSigningHandler>())
            .RedactLoggedHeaders(["Authorization", "X-Amz-Security-Token"]);
        builder.Services.TryAddTransient<IPartnerCentralClient, PartnerCentralClient>();
        return builder;
    }

    static PartnerCentralOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PartnerCentralOptions>>().Value;

    static Exception InvalidResponse(IServiceProvider services, HttpResponseMessage response, Exception exception) =>
        PartnerCentralErrorHandler.InvalidResponse(services.GetRequiredService<ILogger<PartnerCentralClient>>(),
            response.RequestMessage is { } request ? AwsJsonProtocolHandler.OperationOf(request) ?? "A Partner Central call" : "A Partner Central call",
            "answered with a body that is not a JSON object.", exception);
}
