using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Triggers;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Api;

public class InboxAndDeliveriesTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static Task PublishAsync(DispatcherApi api, string type, int n, Guid? id = null) =>
        api.Host.Services.GetRequiredService<IBus>().Publish(new TriggerEventReceived
        {
            EventId = id ?? Guid.NewGuid(),
            Type = type,
            Source = "billing",
            Payload = JsonDocument.Parse($$"""{"n":{{n}}}""").RootElement,
            ReceivedAt = DateTimeOffset.UtcNow,
        }, Cancellation);

    static readonly Dictionary<string, string?> Poller = new()
    {
        ["Dispatcher:Subscriptions:0:Id"] = "poller",
        ["Dispatcher:Subscriptions:0:Inbox"] = "crm-app",
        ["Dispatcher:Subscriptions:0:Events:0"] = "invoice.paid",
    };

    [Fact]
    public async Task The_inbox_lists_the_callers_undelivered_events_oldest_first_in_pages_until_acknowledged()
    {
        await using var api = await DispatcherApi.StartAsync(Poller);
        var first = Guid.NewGuid();
        await PublishAsync(api, "invoice.paid", 1, first);
        await PublishAsync(api, "invoice.voided", 99);
        await Poll.UntilAsync(async () => (await api.Crm.GetFromJsonAsync<JsonElement>("inbox", Cancellation)).GetProperty("items").GetArrayLength() == 1, "the first event in the inbox");
        await PublishAsync(api, "invoice.paid", 1, first);
        await PublishAsync(api, "invoice.paid", 2);
        await Poll.UntilAsync(async () => (await api.Crm.GetFromJsonAsync<JsonElement>("inbox", Cancellation)).GetProperty("items").GetArrayLength() == 2, "the second event in the inbox");

        var page1 = await api.Crm.GetFromJsonAsync<JsonElement>("inbox?limit=1", Cancellation);
        var item = page1.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("type").GetString().ShouldBe("invoice.paid");
        item.GetProperty("data").GetProperty("n").GetInt32().ShouldBe(1);
        var page2 = await api.Crm.GetFromJsonAsync<JsonElement>($"inbox?limit=1&after={page1.GetProperty("next").GetInt64()}", Cancellation);
        page2.GetProperty("items")[0].GetProperty("data").GetProperty("n").GetInt32().ShouldBe(2);
        page2.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        (await api.Zapier.GetFromJsonAsync<JsonElement>("inbox", Cancellation)).GetProperty("items").GetArrayLength().ShouldBe(0);

        var id = item.GetProperty("id").GetString();
        using var foreign = await api.Zapier.PostAsync($"inbox/{id}/ack", null, Cancellation);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var ack = await api.Crm.PostAsync($"inbox/{id}/ack", null, Cancellation);
        ack.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var again = await api.Crm.PostAsync($"inbox/{id}/ack", null, Cancellation);
        again.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var rest = await api.Crm.GetFromJsonAsync<JsonElement>("inbox", Cancellation);
        rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("data").GetProperty("n").GetInt32()).ShouldBe([2]);
    }

    [Fact]
    public async Task The_delivery_log_filters_by_subscription_and_outcome_pages_newest_first_and_hides_other_clients_hooks()
    {
        await using var sink = await WebhookSink.StartAsync();
        var calls = 0;
        sink.RespondWith(r => r.Path == "/zap" && Interlocked.Increment(ref calls) == 1 ? 500 : 200);
        await using var api = await DispatcherApi.StartAsync();
        using var created = await api.Zapier.PostAsJsonAsync("hooks", new { target_url = sink.Url("/zap").ToString(), @event = "invoice.paid" }, Cancellation);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;

        await PublishAsync(api, "invoice.paid", 1);
        await api.Host.Services.WaitForAttemptsAsync(id, 2);

        var all = await api.Zapier.GetFromJsonAsync<JsonElement>($"deliveries?subscription={id}", Cancellation);
        all.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()).ShouldBe(["delivered", "retrying"]);
        var retrying = all.GetProperty("items")[1];
        retrying.GetProperty("statusCode").GetInt32().ShouldBe(500);
        retrying.GetProperty("attempt").GetInt32().ShouldBe(1);
        retrying.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.String);

        var delivered = await api.Zapier.GetFromJsonAsync<JsonElement>($"deliveries?outcome=delivered&limit=1", Cancellation);
        delivered.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("subscriptionId").GetString().ShouldBe(id);
        var page = await api.Zapier.GetFromJsonAsync<JsonElement>($"deliveries?limit=1", Cancellation);
        var older = await api.Zapier.GetFromJsonAsync<JsonElement>($"deliveries?limit=1&before={page.GetProperty("next").GetInt64()}", Cancellation);
        older.GetProperty("items")[0].GetProperty("outcome").GetString().ShouldBe("retrying");

        (await api.Crm.GetFromJsonAsync<JsonElement>("deliveries", Cancellation)).GetProperty("items").GetArrayLength().ShouldBe(0);
        using var bad = await api.Zapier.GetAsync("deliveries?limit=0", Cancellation);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
