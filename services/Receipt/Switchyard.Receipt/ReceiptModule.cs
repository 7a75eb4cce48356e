using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Http;
using Switchyard.Receipt.Events;
using Switchyard.Receipt.HubSpot;
using Switchyard.Receipt.Publishing;

namespace Switchyard.Receipt;

/// <summary>The receipt service: accepts webhooks and events, and publishes them as broker-confirmed messages.</summary>
public sealed partial class ReceiptModule : ISwitchyardModule
{
    /// <inheritdoc />
    public string Name => "receipt";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddSwitchyardAuth();

        builder.Services.AddOptions<ReceiptOptions>().Bind(builder.Configuration.GetSection(ReceiptOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReceiptOptions>, ReceiptOptionsValidator>();
        builder.Services.AddOptions<HubSpotWebhookOptions>().Bind(builder.Configuration.GetSection(HubSpotWebhookOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HubSpotWebhookOptions>, HubSpotWebhookOptionsValidator>();

        builder.Services.AddSingleton<HubSpotSignatureVerifier>();
        builder.Services.AddSingleton<SubscribedTypes>();
        builder.Services.AddSingleton<ReceiptMetrics>();
        builder.Services.AddSingleton<IdempotencyStore>();
        builder.Services.AddSingleton<PublishRefusals>();
        builder.Services.AddScoped<ConfirmedPublisher>();

        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<ReceiptOptions>>((limiter, receipt) =>
            limiter.AddPerAddressPolicy(TokenEndpoint.RateLimitPolicy, receipt.Value.TokenRequestsPerMinute));
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHubSpotWebhooks();
        endpoints.MapTokenEndpoint();
        endpoints.MapEventsEndpoint();

        if (!endpoints.ServiceProvider.GetRequiredService<HubSpotSignatureVerifier>().Enabled)
            LogUnsigned(endpoints.ServiceProvider.GetRequiredService<ILogger<ReceiptModule>>());
    }

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"Send HubSpot webhooks to POST {new Uri(baseAddress, HubSpotWebhookEndpoint.Path)}";
        yield return $"Send other events to POST {new Uri(baseAddress, EventsEndpoint.Path)} with a token from POST {new Uri(baseAddress, TokenEndpoint.Path)}";
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "HubSpot:ClientSecret is not set: HubSpot webhooks are accepted WITHOUT verifying their signatures (Development only)")]
    static partial void LogUnsigned(ILogger logger);
}
