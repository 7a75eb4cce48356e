using System.Net;
using Switchyard.Contracts.Processing;
using Switchyard.Dispatcher;
using Switchyard.Processor;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The three services as three hosts, talking over a real RabbitMQ broker: the path and its failures.</summary>
public class RabbitMqPipelineTests
{
    [Fact]
    public async Task A_webhook_for_a_deal_HubSpot_does_not_have_travels_through_every_service_and_reaches_the_subscriber_as_skipped()
    {
        await using var pipeline = await RabbitMqPipeline.StartAsync("flow");

        using var response = await pipeline.SendWebhookAsync(HubSpotBatches.DealCreatedBody(9001));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var delivery = (await pipeline.Subscriber.WaitForAsync(1)).ShouldHaveSingleItem();
        delivery.Header("webhook-id").ShouldNotBeNullOrEmpty();
        delivery.Json.GetProperty("type").GetString().ShouldBe("sync.skipped");
        var data = delivery.Json.GetProperty("data");
        data.GetProperty("objectId").GetInt64().ShouldBe(9001);
        data.GetProperty("portalId").GetInt64().ShouldBe(62515);
        data.GetProperty("subscriptionType").GetString().ShouldBe("deal.creation");
        data.GetProperty("reason").GetString().ShouldBe(SyncSkipReasons.ObjectNotFound);

        await pipeline.WaitUntilQueuesAreEmptyAsync();
        pipeline.Subscriber.Requests.Count.ShouldBe(1);
        foreach (var queue in RabbitMqPipeline.Queues)
            (await pipeline.VirtualHost.CountMessagesAsync(queue + "_error") ?? 0).ShouldBe(0u);
    }

    [Fact]
    public async Task A_delivery_that_keeps_failing_lands_in_the_error_queue_after_the_configured_retries()
    {
        await using var pipeline = await RabbitMqPipeline.StartAsync("errors");
        pipeline.Subscriber.RespondWith(_ => 500);

        using var response = await pipeline.SendWebhookAsync(HubSpotBatches.DealCreatedBody(9002));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var errorQueue = DispatcherModule.DeliveryEndpointName + "_error";
        await Poll.UntilAsync(async () => await pipeline.VirtualHost.CountMessagesAsync(errorQueue) == 1, $"a message in {errorQueue}");

        // The test hosts retry twice (SwitchyardTestHost.Defaults), so the subscriber saw three attempts of one webhook.
        pipeline.Subscriber.Requests.Count.ShouldBe(3);
        pipeline.Subscriber.Requests.Select(r => r.Header("webhook-id")).Distinct().ShouldHaveSingleItem();

        var failed = (await pipeline.VirtualHost.PeekAsync(errorQueue)).ShouldHaveSingleItem();
        failed.Headers["MT-Reason"].ShouldBe("fault");
        failed.Headers["MT-Fault-ExceptionType"].ShouldBe("Switchyard.Dispatcher.Delivery.TransientDeliveryException");
        failed.Headers["MT-Fault-Message"].ShouldBe("Delivery to subscription subscriber failed: The subscriber answered HTTP 500.");
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

        await using var crm = await CrmEmulators.StartAsync();
        await using var processor = await SwitchyardTestHost.StartAsync([new ProcessorModule()], [.. virtualHost.BusSettings, .. crm.ProcessorSettings]);
        using var retried = await receipt.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            HubSpotBatches.DealCreated(9003), TestContext.Current.CancellationToken);

        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

