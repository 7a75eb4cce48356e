using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests;

public class DeliverWebhookConsumerTests
{
    static DeliverWebhook Webhook(string subscriptionId = "everything") => new()
    {
        WebhookId = "msg_" + Guid.NewGuid().ToString("N"),
        SubscriptionId = subscriptionId,
        EventId = Guid.NewGuid(),
        EventType = "sync.skipped",
        OccurredAt = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Data = JsonDocument.Parse("""{"objectId":7001}""").RootElement,
    };

    static async Task SendAsync(ModuleHarness harness, DeliverWebhook webhook)
    {
        var endpoint = await harness.Harness.Bus.GetSendEndpoint(new Uri($"queue:{DispatcherModule.DeliveryEndpointName}"));
        await endpoint.Send(webhook, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_subscriber_receives_the_event_as_a_Standard_Webhooks_payload()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);
        var webhook = Webhook();

        await SendAsync(harness, webhook);

        var request = (await sink.WaitForAsync(1)).ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/everything");
        request.Header("Content-Type").ShouldBe("application/json; charset=utf-8");
        request.Header("webhook-id").ShouldBe(webhook.WebhookId);
        long.Parse(request.Header("webhook-timestamp")!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        request.Json.GetProperty("type").GetString().ShouldBe("sync.skipped");
        request.Json.GetProperty("timestamp").GetDateTimeOffset().ShouldBe(webhook.OccurredAt);
        request.Json.GetProperty("data").GetProperty("objectId").GetInt64().ShouldBe(7001);
    }

    [Fact]
    public async Task A_subscriber_that_fails_twice_then_succeeds_gets_every_attempt_with_the_same_webhook_id()
    {
        await using var sink = await WebhookSink.StartAsync();
        var calls = 0;
        sink.RespondWith(_ => Interlocked.Increment(ref calls) <= 2 ? 500 : 200);
        await using var harness = await Dispatcher.StartAsync(sink);
        var webhook = Webhook();

        await SendAsync(harness, webhook);

        var requests = await sink.WaitForAsync(3);
        requests.Select(r => r.Header("webhook-id")).ShouldAllBe(id => id == webhook.WebhookId);
        (await harness.Harness.GetConsumerHarness<DeliverWebhookConsumer>().Consumed.Any<DeliverWebhook>(TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await harness.Harness.Published.Any<Fault<DeliverWebhook>>(TestContext.Current.CancellationToken)).ShouldBeFalse();
        sink.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_subscriber_that_keeps_failing_faults_the_delivery_after_the_configured_retries()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => 503);
        await using var harness = await Dispatcher.StartAsync(sink);

        await SendAsync(harness, Webhook());

        var fault = harness.Harness.Published.Select<Fault<DeliverWebhook>>(TestContext.Current.CancellationToken).ShouldHaveSingleItem().Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(WebhookDeliveryException).FullName);
        fault.Exceptions[0].Message.ShouldBe("Subscription everything answered HTTP 503.");
        sink.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_delivery_for_a_removed_subscription_is_dropped_without_a_request()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);

        await SendAsync(harness, Webhook(subscriptionId: "removed"));

        (await harness.Harness.GetConsumerHarness<DeliverWebhookConsumer>().Consumed.Any<DeliverWebhook>(TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await harness.Harness.Published.Any<Fault<DeliverWebhook>>(TestContext.Current.CancellationToken)).ShouldBeFalse();
        sink.Requests.ShouldBeEmpty();
    }
}
