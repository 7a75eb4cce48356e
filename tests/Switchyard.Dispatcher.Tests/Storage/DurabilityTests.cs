using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Triggers;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Dispatcher.Tests.Api;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Storage;

public class DurabilityTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Subscriptions_made_through_the_api_and_a_configured_ones_state_survive_a_restart_while_removed_configuration_goes()
    {
        await using var sink = await WebhookSink.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"switchyard-durable-{Guid.NewGuid():N}.db");
        var storage = new KeyValuePair<string, string?>("Dispatcher:Storage:ConnectionString", $"Data Source={file}");
        try
        {
            string id;
            await using (var api = await DispatcherApi.StartAsync([.. Dispatcher.Subscriptions(sink), storage]))
            {
                using var created = await api.Zapier.PostAsJsonAsync("hooks", new { target_url = sink.Url("/zap").ToString(), @event = "*" }, Cancellation);
                id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;
                using var disabled = await api.Zapier.PostAsync("subscriptions/skips/enable", null, Cancellation);
                await using var scope = api.Host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SubscriptionStore>()
                    .LeaveActiveAsync("everything", SubscriptionStatuses.Disabled, "test", Cancellation);
            }

            // The restart drops "created" and "skips" from configuration and moves "everything" to another URL.
            await using (var api = await DispatcherApi.StartAsync([
                new("Dispatcher:Subscriptions:0:Id", "everything"),
                new("Dispatcher:Subscriptions:0:Url", sink.Url("/moved").ToString()),
                new("Dispatcher:Subscriptions:0:Events:0", "*"),
                new("Dispatcher:Subscriptions:0:Secrets:0", Dispatcher.Secret),
                storage]))
            {
                var ids = (await api.Zapier.GetFromJsonAsync<JsonElement>("subscriptions", Cancellation)).EnumerateArray()
                    .ToDictionary(s => s.GetProperty("id").GetString()!);
                ids.Keys.ShouldBe(["everything", id], ignoreOrder: true);
                ids["everything"].GetProperty("url").GetString().ShouldBe(sink.Url("/moved").ToString());
                ids["everything"].GetProperty("status").GetString().ShouldBe(SubscriptionStatuses.Disabled);

                await api.Host.Services.GetRequiredService<IBus>().Publish(new TriggerEventReceived
                {
                    EventId = Guid.NewGuid(), Type = "invoice.paid", Source = "billing",
                    Payload = JsonDocument.Parse("{}").RootElement, ReceivedAt = DateTimeOffset.UtcNow,
                }, Cancellation);
                (await sink.WaitForAsync(1)).ShouldHaveSingleItem().Path.ShouldBe("/zap");
            }
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
        }
    }

    [Fact]
    public async Task The_dispatcher_runs_on_PostgreSQL()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("dispatcher");
        await using var sink = await WebhookSink.StartAsync();
        await using var api = await DispatcherApi.StartAsync([
            new("Dispatcher:Storage:Provider", "PostgreSql"),
            new("Dispatcher:Storage:ConnectionString", database.ConnectionString),
            new("Dispatcher:Subscriptions:0:Id", "poller"),
            new("Dispatcher:Subscriptions:0:Inbox", "crm-app"),
            new("Dispatcher:Subscriptions:0:Events:0", "*")]);
        using var created = await api.Zapier.PostAsJsonAsync("hooks", new { target_url = sink.Url("/zap").ToString(), @event = "invoice.paid" }, Cancellation);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString()!;

        await api.Host.Services.GetRequiredService<IBus>().Publish(new TriggerEventReceived
        {
            EventId = Guid.NewGuid(), Type = "invoice.paid", Source = "billing",
            Payload = JsonDocument.Parse("""{"n":7}""").RootElement, ReceivedAt = DateTimeOffset.UtcNow,
        }, Cancellation);

        (await sink.WaitForAsync(1)).ShouldHaveSingleItem().Json.GetProperty("data").GetProperty("n").GetInt32().ShouldBe(7);
        (await api.Host.Services.WaitForAttemptsAsync(id, 1)).ShouldHaveSingleItem().Outcome.ShouldBe("delivered");
        await Poll.UntilAsync(async () => (await api.Crm.GetFromJsonAsync<JsonElement>("inbox", Cancellation)).GetProperty("items").GetArrayLength() == 1, "the event in the inbox");
        (await api.Zapier.GetFromJsonAsync<JsonElement>("hooks/samples/invoice.paid", Cancellation)).GetArrayLength().ShouldBe(1);
    }
}
