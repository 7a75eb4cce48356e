using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Api;

public class SubscriptionsTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> FlakyAndWatcher(WebhookSink sink, string disablingKey, string disablingValue) => new()
    {
        ["Dispatcher:Subscriptions:0:Id"] = "flaky",
        ["Dispatcher:Subscriptions:0:Url"] = sink.Url("/flaky").ToString(),
        ["Dispatcher:Subscriptions:0:Events:0"] = "*",
        ["Dispatcher:Subscriptions:0:Secrets:0"] = Dispatcher.Secret,
        ["Dispatcher:Subscriptions:1:Id"] = "watcher",
        ["Dispatcher:Subscriptions:1:Url"] = sink.Url("/watcher").ToString(),
        ["Dispatcher:Subscriptions:1:Events:0"] = SubscriptionDisabled.EventType,
        ["Dispatcher:Subscriptions:1:Secrets:0"] = Dispatcher.Secret,
        [disablingKey] = disablingValue,
    };

    static async Task SendAsync(DispatcherApi api, string subscriptionId)
    {
        var endpoint = await api.Host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{DispatcherModule.DeliveryEndpointName}"));
        await endpoint.Send(new DeliverWebhook
        {
            WebhookId = "msg_" + Guid.NewGuid().ToString("N"),
            SubscriptionId = subscriptionId,
            EventId = Guid.NewGuid(),
            EventType = "invoice.paid",
            OccurredAt = DateTimeOffset.UtcNow,
            Data = JsonDocument.Parse("{}").RootElement,
        }, Cancellation);
    }

    [Fact]
    public async Task After_too_many_failed_deliveries_in_a_row_a_subscription_is_disabled_with_an_event_and_its_deliveries_wait_untried()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(r => r.Path == "/flaky" ? 500 : 200);
        await using var api = await DispatcherApi.StartAsync(FlakyAndWatcher(sink, "Dispatcher:Disabling:AfterConsecutiveFailures", "2"));

        await SendAsync(api, "flaky");
        await SendAsync(api, "flaky");

        var notice = (await sink.WaitForAsync(1, r => r.Path == "/watcher")).ShouldHaveSingleItem().Json;
        notice.GetProperty("type").GetString().ShouldBe("subscription.disabled");
        notice.GetProperty("data").GetProperty("subscriptionId").GetString().ShouldBe("flaky");
        notice.GetProperty("data").GetProperty("reason").GetString().ShouldBe("failing");
        var view = await api.Crm.GetFromJsonAsync<JsonElement>("subscriptions/flaky", Cancellation);
        view.GetProperty("status").GetString().ShouldBe(SubscriptionStatuses.Disabled);
        view.GetProperty("statusReason").GetString()!.ShouldContain("Dispatcher:Disabling:AfterConsecutiveFailures");
        var attemptsBefore = sink.Requests.Count(r => r.Path == "/flaky");

        await SendAsync(api, "flaky");

        var parked = await api.Host.Services.WaitForAttemptsAsync("flaky", attemptsBefore + 1);
        parked[^1].Error!.ShouldStartWith("Subscription flaky is disabled; replay this delivery once it is re-enabled");
        sink.Requests.Count(r => r.Path == "/flaky").ShouldBe(attemptsBefore);
    }

    [Fact]
    public async Task A_subscription_failing_for_longer_than_allowed_is_disabled_even_before_the_count_is_reached()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(r => r.Path == "/flaky" ? 503 : 200);
        await using var api = await DispatcherApi.StartAsync(FlakyAndWatcher(sink, "Dispatcher:Disabling:AfterFailingFor", "00:00:00.001"));

        await SendAsync(api, "flaky");

        await sink.WaitForAsync(1, r => r.Path == "/watcher");
        var record = await api.Host.Services.SubscriptionAsync("flaky");
        record.Status.ShouldBe(SubscriptionStatuses.Disabled);
        record.StatusReason!.ShouldContain("Dispatcher:Disabling:AfterFailingFor");
    }

    [Fact]
    public async Task Re_enabling_makes_a_disabled_subscription_active_with_a_clean_record()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(r => r.Path == "/flaky" ? 500 : 200);
        await using var api = await DispatcherApi.StartAsync(FlakyAndWatcher(sink, "Dispatcher:Disabling:AfterConsecutiveFailures", "1"));
        await SendAsync(api, "flaky");
        await sink.WaitForAsync(1, r => r.Path == "/watcher");
        sink.RespondWith(_ => 200);

        using var response = await api.Zapier.PostAsync("subscriptions/flaky/enable", null, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        view.GetProperty("status").GetString().ShouldBe(SubscriptionStatuses.Active);
        view.GetProperty("consecutiveFailures").GetInt32().ShouldBe(0);
        view.GetProperty("failingSince").ValueKind.ShouldBe(JsonValueKind.Null);
        await SendAsync(api, "flaky");
        await Poll.UntilAsync(async () => (await api.Host.Services.AttemptsAsync("flaky")).Any(a => a.Outcome == DeliveryOutcomes.Delivered), "a delivery after re-enabling");
    }

    [Fact]
    public async Task Clients_see_configured_subscriptions_and_their_own_never_a_secret()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var api = await DispatcherApi.StartAsync(Dispatcher.Subscriptions(sink));
        using var created = await api.Zapier.PostAsJsonAsync("hooks", new { target_url = sink.Url("/zap").ToString(), @event = "*" }, Cancellation);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString();

        var zapier = await api.Zapier.GetStringAsync("subscriptions", Cancellation);
        var crm = await api.Crm.GetFromJsonAsync<JsonElement>("subscriptions", Cancellation);

        JsonDocument.Parse(zapier).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldBe(["created", "everything", id, "skips"], ignoreOrder: true);
        crm.EnumerateArray().Select(s => s.GetProperty("id").GetString()).ShouldBe(["created", "everything", "skips"], ignoreOrder: true);
        zapier.ShouldNotContain("whsec_");
        using var foreign = await api.Crm.GetAsync($"subscriptions/{id}", Cancellation);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rotating_a_secret_signs_with_the_new_and_the_old_one_while_receivers_move()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var api = await DispatcherApi.StartAsync();
        using var created = await api.Zapier.PostAsJsonAsync("hooks", new { target_url = sink.Url("/zap").ToString(), @event = "*" }, Cancellation);
        var hook = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var (id, old) = (hook.GetProperty("id").GetString()!, hook.GetProperty("secret").GetString()!);

        using var rotated = await api.Zapier.PostAsync($"subscriptions/{id}/rotate-secret", null, Cancellation);
        var fresh = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("secret").GetString()!;
        await SendAsync(api, id);

        var request = (await sink.WaitForAsync(1)).ShouldHaveSingleItem();
        var (webhookId, timestamp) = (request.Header("webhook-id")!, request.Header("webhook-timestamp")!);
        request.Header("webhook-signature")!.Split(' ').ShouldBe([
            DispatcherTestExtensions.SignatureBySpec(fresh, webhookId, timestamp, request.Body),
            DispatcherTestExtensions.SignatureBySpec(old, webhookId, timestamp, request.Body)]);

        using var configured = await api.Zapier.PostAsync("subscriptions/none/rotate-secret", null, Cancellation);
        configured.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
