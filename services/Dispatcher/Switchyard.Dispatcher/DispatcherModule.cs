using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Delivery.Safety;
using Switchyard.Dispatcher.FanOut;
using Switchyard.Dispatcher.Inbox;
using Switchyard.Dispatcher.Samples;
using Switchyard.Dispatcher.Storage;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Telemetry;

namespace Switchyard.Dispatcher;

/// <summary>The dispatcher service: forwards events to subscribers' webhooks and inboxes.</summary>
public sealed class DispatcherModule : ISwitchyardModule
{
    /// <summary>The queue of events to fan out.</summary>
    public const string EndpointName = "dispatcher";

    /// <summary>The queue of single deliveries.</summary>
    public const string DeliveryEndpointName = "dispatcher-delivery";

    /// <inheritdoc />
    public string Name => "dispatcher";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddSwitchyardAuth();
        builder.Services.AddOptions<DispatcherOptions>()
            .Bind(builder.Configuration.GetSection(DispatcherOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidator>();
        builder.Services.AddSingleton<DispatcherMetrics>();

        // Before the bus, so the schema exists when the first message arrives.
        builder.AddDispatcherStorage();
        builder.Services.AddScoped<ConfiguredSubscriptions>();
        builder.Services.AddScoped<SubscriptionStore>();
        builder.Services.AddSingleton<SubscriptionCache>();
        builder.Services.AddScoped<SubscriptionHealth>();
        builder.Services.AddScoped<SampleStore>();
        builder.Services.AddSingleton<SamplePacing>();
        builder.Services.AddScoped<InboxStore>();
        builder.Services.AddSingleton<DeliveryLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeliveryLog>());
        builder.Services.AddSingleton<RetrySchedule>();
        builder.Services.AddHostedService<DeliveryLogPruner>();

        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton(services => new GuardedConnector(
            OutboundAddressPolicy.FromConfiguration(services.GetRequiredService<IOptions<DispatcherOptions>>().Value.Delivery.AllowedNetworks),
            services.GetRequiredService<IHostResolver>()));
        builder.Services.AddHttpClient<WebhookClient>(WebhookClient.HttpClientName, (services, http) =>
                http.Timeout = services.GetRequiredService<IOptions<DispatcherOptions>>().Value.Delivery.Timeout)
            // Every connection goes through the address check; redirects are not followed (see CreateHandler).
            .ConfigurePrimaryHttpMessageHandler(services => GuardedConnector.CreateHandler(services.GetRequiredService<GuardedConnector>()))
            .HideUrlPathsInTraces();
    }

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EventFanOutConsumer, EventFanOutConsumerDefinition>();
        bus.AddConsumer<DeliveryFaultConsumer, DeliveryFaultConsumerDefinition>();
        bus.AddConsumer<DeliverWebhookConsumer, DeliverWebhookConsumerDefinition>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRestHooks();
        endpoints.MapSubscriptions();
        endpoints.MapDeliveries();
        endpoints.MapInbox();
    }

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"Subscribe webhooks with POST {new Uri(baseAddress, "hooks")}, see them at GET {new Uri(baseAddress, "subscriptions")} " +
                     $"and their deliveries at GET {new Uri(baseAddress, "deliveries")} (bearer token)";
    }
}
