using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.FanOut;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Hosting;

namespace Switchyard.Dispatcher;

/// <summary>The dispatcher service: forwards events to subscribers' webhooks.</summary>
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
        builder.Services.AddOptions<DispatcherOptions>()
            .Bind(builder.Configuration.GetSection(DispatcherOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidator>();
        builder.Services.AddSingleton<ISubscriptionStore, ConfiguredSubscriptionStore>();

        builder.Services.AddHttpClient<WebhookClient>(WebhookClient.HttpClientName, (services, http) =>
                http.Timeout = services.GetRequiredService<IOptions<DispatcherOptions>>().Value.DeliveryTimeout)
            // A subscriber's redirect could point anywhere; delivery goes only to the URL it registered.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<EventFanOutConsumer, EventFanOutConsumerDefinition>();
        bus.AddConsumer<DeliverWebhookConsumer, DeliverWebhookConsumerDefinition>();
    }
}
