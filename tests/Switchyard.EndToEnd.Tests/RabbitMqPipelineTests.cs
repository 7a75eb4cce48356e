using System.Net;
using Switchyard.Dispatcher;
using Switchyard.Processor;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The three services as three hosts, talking over a real RabbitMQ broker.</summary>
public class RabbitMqPipelineTests
{
    static readonly string[] Queues = [ProcessorModule.EndpointName, DispatcherModule.EndpointName, DispatcherModule.DeliveryEndpointName];

    sealed class Pipeline : IAsyncDisposable
    {
        public required RabbitMqVirtualHost VirtualHost { get; init; }
        public required WebhookSink Subscriber { get; init; }
        public required SwitchyardTestHost Processor { get; init; }
        public required SwitchyardTestHost Dispatcher { get; init; }
        public required SwitchyardTestHost Receipt { get; init; }

        public static async Task<Pipeline> StartAsync(string purpose)
        {
            var broker = RabbitMqBroker.Require();
            var virtualHost = await broker.CreateVirtualHostAsync(purpose);
            var subscriber = await WebhookSink.StartAsync();
            var subscription = new Dictionary<string, string?>(virtualHost.BusSettings)
            {
                ["Dispatcher:Subscriptions:0:Id"] = "subscriber",
                ["Dispatcher:Subscriptions:0:Url"] = subscriber.Url().ToString(),
                ["Dispatcher:Subscriptions:0:Events:0"] = "*",
            };

            // Consumers first: each host is ready only once its queues and bindings exist, so nothing the receipt
            // publishes can reach an exchange with no queue behind it.
            var processor = await SwitchyardTestHost.StartAsync([new ProcessorModule()], virtualHost.BusSettings);
            var dispatcher = await SwitchyardTestHost.StartAsync([new DispatcherModule()], subscription);
            var receipt = await SwitchyardTestHost.StartAsync([new ReceiptModule()], virtualHost.BusSettings);
            return new Pipeline { VirtualHost = virtualHost, Subscriber = subscriber, Processor = processor, Dispatcher = dispatcher, Receipt = receipt };
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
            await Subscriber.DisposeAsync();
            await VirtualHost.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_HubSpot_webhook_travels_through_receipt_processor_and_dispatcher_to_the_subscriber()
    {
        await using var pipeline = await Pipeline.StartAsync("flow");

        using var response = await pipeline.Receipt.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            HubSpotBatches.DealCreated(9001), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var delivery = (await pipeline.Subscriber.WaitForAsync(1)).ShouldHaveSingleItem();
        delivery.Header("webhook-id").ShouldNotBeNullOrEmpty();
        delivery.Json.GetProperty("type").GetString().ShouldBe("sync.skipped");
        var data = delivery.Json.GetProperty("data");
        data.GetProperty("objectId").GetInt64().ShouldBe(9001);
        data.GetProperty("portalId").GetInt64().ShouldBe(62515);
        data.GetProperty("subscriptionType").GetString().ShouldBe("deal.creation");

        await pipeline.WaitUntilQueuesAreEmptyAsync();
        pipeline.Subscriber.Requests.Count.ShouldBe(1);
        foreach (var queue in Queues)
            (await pipeline.VirtualHost.CountMessagesAsync(queue + "_error") ?? 0).ShouldBe(0u);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_lands_in_the_error_queue_after_the_configured_retries()
    {
        await using var pipeline = await Pipeline.StartAsync("errors");
        pipeline.Subscriber.RespondWith(_ => 500);

        using var response = await pipeline.Receipt.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            HubSpotBatches.DealCreated(9002), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errorQueue = DispatcherModule.DeliveryEndpointName + "_error";
        await Poll.UntilAsync(async () => await pipeline.VirtualHost.CountMessagesAsync(errorQueue) == 1, $"a message in {errorQueue}");

        // The test hosts retry twice (SwitchyardTestHost.Defaults), so the subscriber saw three attempts of one webhook.
        pipeline.Subscriber.Requests.Count.ShouldBe(3);
        pipeline.Subscriber.Requests.Select(r => r.Header("webhook-id")).Distinct().ShouldHaveSingleItem();

        var failed = (await pipeline.VirtualHost.PeekAsync(errorQueue)).ShouldHaveSingleItem();
        failed.Headers["MT-Reason"].ShouldBe("fault");
        failed.Headers["MT-Fault-ExceptionType"].ShouldBe("Switchyard.Dispatcher.Delivery.WebhookDeliveryException");
        failed.Headers["MT-Fault-Message"].ShouldBe("Subscription subscriber answered HTTP 500.");
        failed.Headers["MT-Fault-InputAddress"]!.ShouldEndWith("/" + DispatcherModule.DeliveryEndpointName);
        failed.Body.ShouldContain(pipeline.Subscriber.Requests[0].Header("webhook-id")!);

        (await pipeline.VirtualHost.CountMessagesAsync(ProcessorModule.EndpointName + "_error") ?? 0).ShouldBe(0u);
        (await pipeline.VirtualHost.CountMessagesAsync(DispatcherModule.EndpointName + "_error") ?? 0).ShouldBe(0u);
    }

    [Fact]
    public async Task Events_no_queue_is_bound_to_yet_are_answered_503_and_accepted_once_the_processor_is_up()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("unrouted");
        await using var receipt = await SwitchyardTestHost.StartAsync([new ReceiptModule()], virtualHost.BusSettings);

        using var early = await receipt.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            HubSpotBatches.DealCreated(9003), TestContext.Current.CancellationToken);

        early.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        early.Headers.RetryAfter.ShouldNotBeNull();

        await using var processor = await SwitchyardTestHost.StartAsync([new ProcessorModule()], virtualHost.BusSettings);
        using var retried = await receipt.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            HubSpotBatches.DealCreated(9003), TestContext.Current.CancellationToken);

        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

