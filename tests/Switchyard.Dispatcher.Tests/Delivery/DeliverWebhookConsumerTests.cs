using System.Net;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Delivery;

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

    [Fact]
    public async Task The_subscriber_receives_the_event_as_a_Standard_Webhooks_payload()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);
        var webhook = Webhook();

        await harness.SendDeliveryAsync(webhook);

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
    public async Task The_signature_is_the_Standard_Webhooks_HMAC_of_id_timestamp_and_body_with_the_subscription_secret()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.SendDeliveryAsync(Webhook());

        var request = (await sink.WaitForAsync(1)).ShouldHaveSingleItem();
        request.Header("webhook-signature").ShouldBe(DispatcherTestExtensions.SignatureBySpec(
            Dispatcher.Secret, request.Header("webhook-id")!, request.Header("webhook-timestamp")!, request.Body));
    }

    [Fact]
    public async Task While_a_secret_rotates_every_configured_secret_signs_so_receivers_with_either_can_verify()
    {
        const string newSecret = "whsec_c3dpdGNoeWFyZC1yb3RhdGVkLXNlY3JldC0zMmJ5dGVzIQ==";
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(new Dictionary<string, string?>(Dispatcher.Subscriptions(sink))
        {
            ["Dispatcher:Subscriptions:0:Secrets:0"] = newSecret,
            ["Dispatcher:Subscriptions:0:Secrets:1"] = Dispatcher.Secret,
        });

        await harness.SendDeliveryAsync(Webhook());

        var request = (await sink.WaitForAsync(1)).ShouldHaveSingleItem();
        var (id, timestamp) = (request.Header("webhook-id")!, request.Header("webhook-timestamp")!);
        request.Header("webhook-signature")!.Split(' ').ShouldBe([
            DispatcherTestExtensions.SignatureBySpec(newSecret, id, timestamp, request.Body),
            DispatcherTestExtensions.SignatureBySpec(Dispatcher.Secret, id, timestamp, request.Body)]);
    }

    [Fact]
    public async Task A_subscriber_that_fails_twice_then_succeeds_is_delivered_once_with_the_same_webhook_id_on_every_attempt()
    {
        await using var sink = await WebhookSink.StartAsync();
        var calls = 0;
        sink.RespondWith(_ => Interlocked.Increment(ref calls) <= 2 ? 500 : 200);
        await using var harness = await Dispatcher.StartAsync(sink);
        var webhook = Webhook();

        var messageId = await harness.SendDeliveryAsync(webhook);

        var requests = await sink.WaitForAsync(3);
        requests.Select(r => r.Header("webhook-id")).ShouldAllBe(id => id == webhook.WebhookId);
        var attempts = await harness.Services.WaitForAttemptsAsync("everything", 3);
        attempts.Select(a => (a.Attempt, a.Outcome, a.StatusCode)).ShouldBe([
            (1, DeliveryOutcomes.Retrying, 500), (2, DeliveryOutcomes.Retrying, 500), (3, DeliveryOutcomes.Delivered, 200)]);
        attempts[0].NextAttemptAt.ShouldNotBeNull();
        attempts[0].Error.ShouldBe("The subscriber answered HTTP 500.");
        await harness.WaitUntilHandledAsync(messageId);
        harness.Harness.PublishedSoFar<Fault<DeliverWebhook>>().ShouldBeEmpty();
        sink.Requests.Count.ShouldBe(3);
        (await harness.Services.SubscriptionAsync("everything")).FailingSince.ShouldBeNull();
    }

    [Fact]
    public async Task A_subscriber_that_keeps_failing_faults_the_delivery_after_the_configured_retries()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => 503);
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.WaitUntilHandledAsync(await harness.SendDeliveryAsync(Webhook()));

        var fault = harness.Harness.PublishedSoFar<Fault<DeliverWebhook>>().ShouldHaveSingleItem().Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(TransientDeliveryException).FullName);
        fault.Exceptions[0].Message.ShouldBe("Delivery to subscription everything failed: The subscriber answered HTTP 503.");
        sink.Requests.Count.ShouldBe(3);
        var attempts = await harness.Services.WaitForAttemptsAsync("everything", 3);
        attempts[^1].Outcome.ShouldBe(DeliveryOutcomes.Failed);
        attempts[^1].NextAttemptAt.ShouldBeNull();
        await Poll.UntilAsync(async () => (await harness.Services.SubscriptionAsync("everything")).ConsecutiveFailures == 1, "the failed delivery counted");
        (await harness.Services.SubscriptionAsync("everything")).FailingSince.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task A_client_error_other_than_410_fails_at_once_without_retries(int status)
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => status);
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.WaitUntilHandledAsync(await harness.SendDeliveryAsync(Webhook()));

        var fault = harness.Harness.PublishedSoFar<Fault<DeliverWebhook>>().ShouldHaveSingleItem().Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(PermanentDeliveryException).FullName);
        sink.Requests.Count.ShouldBe(1);
        (await harness.Services.WaitForAttemptsAsync("everything", 1)).ShouldHaveSingleItem().Outcome.ShouldBe(DeliveryOutcomes.Failed);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    public async Task Timeouts_throttling_and_server_errors_are_retried(int status)
    {
        await using var sink = await WebhookSink.StartAsync();
        var calls = 0;
        sink.RespondWith(_ => Interlocked.Increment(ref calls) == 1 ? status : 204);
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.SendDeliveryAsync(Webhook());

        var attempts = await harness.Services.WaitForAttemptsAsync("everything", 2);
        attempts.Select(a => a.Outcome).ShouldBe([DeliveryOutcomes.Retrying, DeliveryOutcomes.Delivered]);
    }

    [Fact]
    public async Task A_Retry_After_answer_delays_the_next_attempt_by_at_least_what_it_asked()
    {
        await using var sink = await WebhookSink.StartAsync();
        var calls = 0;
        sink.RespondWith(_ => Interlocked.Increment(ref calls) == 1 ? 429 : 200);
        sink.AddHeaders((_, response) => response.Headers.RetryAfter = "1");
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.SendDeliveryAsync(Webhook());

        var attempts = await harness.Services.WaitForAttemptsAsync("everything", 2);
        var first = attempts[0];
        (first.NextAttemptAt!.Value - first.AttemptedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (attempts[1].AttemptedAt - first.AttemptedAt).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_410_Gone_deactivates_the_subscription_at_once_and_later_deliveries_are_dropped_untried()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => (int)HttpStatusCode.Gone);
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.WaitUntilHandledAsync(await harness.SendDeliveryAsync(Webhook()));

        var disabled = harness.Harness.PublishedSoFar<SubscriptionDisabled>().ShouldHaveSingleItem().Context.Message;
        disabled.SubscriptionId.ShouldBe("everything");
        disabled.Reason.ShouldBe("gone");
        (await harness.Services.SubscriptionAsync("everything")).Status.ShouldBe(SubscriptionStatuses.Deactivated);
        harness.Harness.PublishedSoFar<Fault<DeliverWebhook>>().ShouldBeEmpty();

        await harness.SendDeliveryAsync(Webhook());

        var attempts = await harness.Services.WaitForAttemptsAsync("everything", 2);
        attempts.Select(a => a.Outcome).ShouldBe([DeliveryOutcomes.Gone, DeliveryOutcomes.Dropped]);
        sink.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_hanging_subscriber_times_out_and_is_retried_while_a_healthy_one_receives_its_event_meanwhile()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(async (request, aborted) =>
        {
            if (request.Path == "/everything")
                await Task.Delay(Timeout.Infinite, aborted);
            return 200;
        });
        await using var harness = await Dispatcher.StartAsync(new Dictionary<string, string?>(Dispatcher.Subscriptions(sink))
        {
            ["Dispatcher:Delivery:Timeout"] = "00:00:01",
        });

        await harness.SendDeliveryAsync(Webhook("everything"));
        await sink.WaitForAsync(1, r => r.Path == "/everything");
        await harness.SendDeliveryAsync(Webhook("skips"));

        // The healthy subscriber is served while the first attempt to the hanging one is still waiting.
        await sink.WaitForAsync(1, r => r.Path == "/skips");
        (await harness.Services.AttemptsAsync("everything")).ShouldBeEmpty();

        var attempts = await harness.Services.WaitForAttemptsAsync("everything", 3);
        attempts.ShouldAllBe(a => a.Error == "No answer within 1 s (Dispatcher:Delivery:Timeout).");
        attempts.Select(a => a.Outcome).ShouldBe([DeliveryOutcomes.Retrying, DeliveryOutcomes.Retrying, DeliveryOutcomes.Failed]);
        sink.Requests.Count(r => r.Path == "/everything").ShouldBe(3);
    }

    [Fact]
    public async Task A_delivery_for_a_removed_subscription_is_dropped_without_a_request()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);

        var messageId = await harness.SendDeliveryAsync(Webhook(subscriptionId: "removed"));

        (await harness.Services.WaitForAttemptsAsync("removed", 1)).ShouldHaveSingleItem().Outcome.ShouldBe(DeliveryOutcomes.Dropped);
        await harness.WaitUntilHandledAsync(messageId);
        harness.Harness.PublishedSoFar<Fault<DeliverWebhook>>().ShouldBeEmpty();
        sink.Requests.ShouldBeEmpty();
    }
}
