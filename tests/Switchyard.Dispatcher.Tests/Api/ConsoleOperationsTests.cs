using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Api;

/// <summary>What the console does to subscriptions and deliveries, through the dispatcher's API like any client.</summary>
public class ConsoleOperationsTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> Hook(WebhookSink sink) => new()
    {
        ["Dispatcher:Subscriptions:0:Id"] = "crm",
        ["Dispatcher:Subscriptions:0:Url"] = sink.Url("/crm").ToString(),
        ["Dispatcher:Subscriptions:0:Events:0"] = "invoice.paid",
        ["Dispatcher:Subscriptions:0:Secrets:0"] = Dispatcher.Secret,
    };

    [Fact]
    public async Task A_test_event_goes_to_that_subscription_alone_and_its_attempt_shows_request_answer_and_latency()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => 200);
        sink.AnswerWith(_ => "thanks, " + new string('x', 2000));
        await using var api = await DispatcherApi.StartAsync(Hook(sink));

        using var queued = await api.Zapier.PostAsync("subscriptions/crm/test", null, Cancellation);

        queued.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var webhookId = (await queued.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("webhookId").GetString()!;
        var received = (await sink.WaitForAsync(1)).ShouldHaveSingleItem();
        received.Path.ShouldBe("/crm");
        received.Json.GetProperty("type").GetString().ShouldBe(SubscriptionsEndpoints.TestEventType);
        received.Header("webhook-id").ShouldBe(webhookId);
        var attempt = (await api.Host.Services.WaitForAttemptsAsync("crm", 1)).ShouldHaveSingleItem();

        var detail = await api.Zapier.GetFromJsonAsync<JsonElement>($"deliveries/{attempt.Id}", Cancellation);

        detail.GetProperty("attempt").GetProperty("outcome").GetString().ShouldBe(DeliveryOutcomes.Delivered);
        detail.GetProperty("attempt").GetProperty("statusCode").GetInt32().ShouldBe(200);
        detail.GetProperty("attempt").GetProperty("latencyMs").GetDouble().ShouldBeGreaterThan(0);
        var headers = detail.GetProperty("requestHeaders");
        headers.GetProperty("webhook-id").GetString().ShouldBe(webhookId);
        headers.GetProperty("webhook-signature").GetString().ShouldBe(received.Header("webhook-signature"));
        detail.GetProperty("requestBody").GetString().ShouldBe(received.Body);
        detail.GetProperty("responseExcerpt").GetString().ShouldBe("thanks, " + new string('x', WebhookClient.ResponseExcerptBytes - 8));
        detail.GetRawText().ShouldNotContain("whsec_");
        using var hidden = await api.Crm.GetAsync("deliveries/999999", Cancellation);
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_failed_delivery_redelivered_after_the_subscriber_recovers_arrives_with_the_same_webhook_id_and_body()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => 422);
        await using var api = await DispatcherApi.StartAsync(Hook(sink));
        using var test = await api.Zapier.PostAsync("subscriptions/crm/test", null, Cancellation);
        var failed = (await api.Host.Services.WaitForAttemptsAsync("crm", 1)).ShouldHaveSingleItem();
        failed.Outcome.ShouldBe(DeliveryOutcomes.Failed);
        var detail = await api.Zapier.GetFromJsonAsync<JsonElement>($"deliveries/{failed.Id}", Cancellation);
        detail.GetProperty("attempt").GetProperty("statusCode").GetInt32().ShouldBe(422);
        sink.RespondWith(_ => 200);

        using var redelivered = await api.Zapier.PostAsync($"deliveries/{failed.Id}/redeliver", null, Cancellation);

        redelivered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var attempts = await api.Host.Services.WaitForAttemptsAsync("crm", 2);
        attempts.ShouldContain(a => a.Outcome == DeliveryOutcomes.Delivered && a.WebhookId == failed.WebhookId);
        var requests = sink.Requests;
        requests.Count.ShouldBe(2);
        requests[1].Header("webhook-id").ShouldBe(requests[0].Header("webhook-id"));
        requests[1].Json.GetProperty("data").GetRawText().ShouldBe(requests[0].Json.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task A_disabled_subscription_receives_nothing_until_enabled_and_the_log_counts_attempts_per_minute()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var api = await DispatcherApi.StartAsync(Hook(sink));

        using var disabled = await api.Crm.PostAsync("subscriptions/crm/disable", null, Cancellation);

        disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await disabled.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        view.GetProperty("status").GetString().ShouldBe(SubscriptionStatuses.Disabled);
        view.GetProperty("statusReason").GetString()!.ShouldStartWith("Disabled by crm-app");
        using var test = await api.Zapier.PostAsync("subscriptions/crm/test", null, Cancellation);
        var parked = (await api.Host.Services.WaitForAttemptsAsync("crm", 1)).ShouldHaveSingleItem();
        parked.Outcome.ShouldBe(DeliveryOutcomes.Failed);
        sink.Requests.ShouldBeEmpty();

        using var enabled = await api.Zapier.PostAsync("subscriptions/crm/enable", null, Cancellation);
        using var again = await api.Zapier.PostAsync("subscriptions/crm/test", null, Cancellation);
        await sink.WaitForAsync(1);
        await api.Host.Services.WaitForAttemptsAsync("crm", 2);

        var summary = await api.Zapier.GetFromJsonAsync<JsonElement>("deliveries/summary?minutes=5", Cancellation);
        var minutes = summary.GetProperty("minutes").EnumerateArray().ToList();
        minutes.Count.ShouldBe(5);
        int Count(string outcome) => minutes.Sum(m => m.GetProperty("outcomes").TryGetProperty(outcome, out var n) ? n.GetInt32() : 0);
        Count(DeliveryOutcomes.Delivered).ShouldBe(1);
        Count(DeliveryOutcomes.Failed).ShouldBe(1);
        using var unknown = await api.Zapier.PostAsync("subscriptions/nope/disable", null, Cancellation);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var bad = await api.Zapier.GetAsync("deliveries/summary?minutes=0", Cancellation);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
