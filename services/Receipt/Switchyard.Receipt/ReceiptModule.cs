using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;
using Switchyard.Receipt.HubSpot;

namespace Switchyard.Receipt;

/// <summary>The receipt service: accepts webhooks and publishes them as typed messages.</summary>
public sealed class ReceiptModule : ISwitchyardModule
{
    /// <inheritdoc />
    public string Name => "receipt";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReceiptOptions>()
            .Bind(builder.Configuration.GetSection(ReceiptOptions.Section))
            .Validate(o => o.PublishTimeout > TimeSpan.Zero && o.PublishTimeout <= TimeSpan.FromSeconds(30),
                "Receipt:PublishTimeout must be more than 0 and at most 30 seconds (HubSpot gives up after 5).")
            .ValidateOnStart();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapHubSpotWebhooks();

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"Send HubSpot webhooks to POST {new Uri(baseAddress, HubSpotWebhookEndpoint.Path)}";
    }
}
