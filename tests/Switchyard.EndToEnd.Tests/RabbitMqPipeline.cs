using Microsoft.AspNetCore.Builder;
using Switchyard.Dispatcher;
using Switchyard.Emulators.HubSpot;
using Switchyard.Emulators.PartnerCentral;
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

    readonly List<HubSpotWebhookFeed> _feeds = [];

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
    public static Task<RabbitMqPipeline> StartAsync(string purpose, Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(purpose, new PipelineOptions { Configure = configure });

    /// <summary>Starts everything as <paramref name="options"/> say; <paramref name="purpose"/> names the virtual host.</summary>
    public static async Task<RabbitMqPipeline> StartAsync(string purpose, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configure = options.Configure;
        var broker = RabbitMqBroker.Require();
        var virtualHost = await broker.CreateVirtualHostAsync(purpose);
        var crm = await CrmEmulators.StartAsync(options.PartnerCentralEvents ? virtualHost.BusSettings : null, options.PartnerCentral);
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
        var processor = await SwitchyardTestHost.StartAsync([new ProcessorModule()],
            [.. virtualHost.BusSettings, .. crm.ProcessorSettings, .. options.ProcessorSettings], configure);
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

    /// <summary>
    /// Has the HubSpot emulator send every webhook it records from now on (its own API writes included, as HubSpot does)
    /// to the receipt, signed; stopped when the pipeline is disposed.
    /// </summary>
    public HubSpotWebhookFeed FeedHubSpotWebhooks()
    {
        var feed = HubSpotWebhookFeed.Start(Crm.HubSpot.State, new Uri(Receipt.BaseAddress, "webhooks/hubspot"), ClientSecret);
        _feeds.Add(feed);
        return feed;
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
        foreach (var feed in _feeds)
            await feed.DisposeAsync();
        await Receipt.DisposeAsync();
        await Dispatcher.DisposeAsync();
        await Processor.DisposeAsync();
        await Crm.DisposeAsync();
        await Subscriber.DisposeAsync();
        await VirtualHost.DisposeAsync();
    }
}

/// <summary>How <see cref="RabbitMqPipeline"/> starts.</summary>
internal sealed record PipelineOptions
{
    /// <summary>Applied to each service's host.</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }

    /// <summary>Settings over the processor's, e.g. <c>Processor:Polling:Interval</c>.</summary>
    public IReadOnlyDictionary<string, string?> ProcessorSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Whether the Partner Central emulator sends its EventBridge events to the processor's event queue, as AWS's rule does.</summary>
    public bool PartnerCentralEvents { get; init; }

    /// <summary>Changes the Partner Central emulator's options, e.g. the events it drops.</summary>
    public Action<PartnerCentralEmulatorOptions>? PartnerCentral { get; init; }
}
