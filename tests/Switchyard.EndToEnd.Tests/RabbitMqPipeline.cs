using Microsoft.AspNetCore.Builder;
using Switchyard.Dispatcher;
using Switchyard.Processor;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The three services as three hosts on a real RabbitMQ broker (a virtual host of their own), the processor pointed
/// at emulated HubSpot and Partner Central, the dispatcher at one subscriber that takes every event.
/// </summary>
internal sealed class RabbitMqPipeline : IAsyncDisposable
{
    /// <summary>Every queue the services consume from.</summary>
    public static readonly string[] Queues =
        [ProcessorModule.EndpointName, ProcessorModule.SyncEndpointName, DispatcherModule.EndpointName, DispatcherModule.DeliveryEndpointName];

    const string ClientSecret = "end-to-end-hubspot-client-secret";

    public const string ClientSecretForTests = ClientSecret;

    public required RabbitMqVirtualHost VirtualHost { get; init; }
    public required CrmEmulators Crm { get; init; }
    public required WebhookSink Subscriber { get; init; }
    public required SwitchyardTestHost Processor { get; init; }
    public required SwitchyardTestHost Dispatcher { get; init; }
    public required SwitchyardTestHost Receipt { get; init; }

    /// <summary>The subscriber's signing secret.</summary>
    public const string SubscriberSecret = "whsec_MfKQ9r8GKYqrTmkWxUUeSw8hJtq0y4uoGpWGcxe9CZ0=";

    /// <summary>
    /// Starts everything; <paramref name="purpose"/> names the virtual host, and <paramref name="configure"/>, when
    /// given, is applied to each service's host. With <paramref name="partnerCentralEvents"/>, Partner Central's
    /// emulator sends its EventBridge events to the processor over the broker.
    /// </summary>
    public static async Task<RabbitMqPipeline> StartAsync(string purpose, Action<WebApplicationBuilder>? configure = null, bool partnerCentralEvents = false)
    {
        var broker = RabbitMqBroker.Require();
        var virtualHost = await broker.CreateVirtualHostAsync(purpose);
        var crm = await CrmEmulators.StartAsync(partnerCentralEvents ? virtualHost.BusSettings : null);
        var subscriber = await WebhookSink.StartAsync();
        var subscription = new Dictionary<string, string?>(virtualHost.BusSettings)
        {
            ["Dispatcher:Subscriptions:0:Id"] = "subscriber",
            ["Dispatcher:Subscriptions:0:Url"] = subscriber.Url().ToString(),
            ["Dispatcher:Subscriptions:0:Events:0"] = "*",
            ["Dispatcher:Subscriptions:0:Secrets:0"] = SubscriberSecret,
            ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
        };

        // Consumers first: each host is ready only once its queues and bindings exist, so nothing the receipt
        // publishes can reach an exchange with no queue behind it.
        var processor = await SwitchyardTestHost.StartAsync([new ProcessorModule()], [.. virtualHost.BusSettings, .. crm.ProcessorSettings], configure);
        var dispatcher = await SwitchyardTestHost.StartAsync([new DispatcherModule()], subscription, configure);
        var receipt = await SwitchyardTestHost.StartAsync([new ReceiptModule()],
            [.. virtualHost.BusSettings, new KeyValuePair<string, string?>("HubSpot:ClientSecret", ClientSecret)], configure);
        return new RabbitMqPipeline
        {
            VirtualHost = virtualHost, Crm = crm, Subscriber = subscriber, Processor = processor, Dispatcher = dispatcher, Receipt = receipt,
        };
    }

    /// <summary>Posts a webhook batch to the receipt as HubSpot does, signed (v3).</summary>
    public async Task<HttpResponseMessage> SendWebhookAsync(string body)
    {
        using var request = HubSpotBatches.SignedV3(new Uri(Receipt.BaseAddress, "webhooks/hubspot"), body, ClientSecret);
        return await Receipt.Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task WaitUntilQueuesAreEmptyAsync() => await Poll.UntilAsync(async () =>
    {
        foreach (var queue in Queues)
        {
            if (await VirtualHost.CountMessagesAsync(queue) != 0)
                return false;
        }

        return true;
    }, "the services' queues to drain");

    public async ValueTask DisposeAsync()
    {
        await Receipt.DisposeAsync();
        await Dispatcher.DisposeAsync();
        await Processor.DisposeAsync();
        await Crm.DisposeAsync();
        await Subscriber.DisposeAsync();
        await VirtualHost.DisposeAsync();
    }
}
