using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Triggers;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Api;

public class RestHooksTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static Task PublishAsync(DispatcherApi api, string type, string payload, Guid? id = null) =>
        api.Host.Services.GetRequiredService<IBus>().Publish(new TriggerEventReceived
        {
            EventId = id ?? Guid.NewGuid(),
            Type = type,
            Source = "billing",
            Payload = JsonDocument.Parse(payload).RootElement,
            ReceivedAt = DateTimeOffset.UtcNow,
        }, Cancellation);

    [Fact]
    public async Task A_zapier_subscription_receives_its_event_type_signed_with_the_secret_it_was_given()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var api = await DispatcherApi.StartAsync();

        using var created = await api.Zapier.PostAsync("hooks", Json($$"""{"target_url":"{{sink.Url("/zap")}}","event":"invoice.paid"}"""), Cancellation);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var hook = await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var id = hook.GetProperty("id").GetString()!;
        created.Headers.Location!.ToString().ShouldBe($"/hooks/{id}");
        var secret = hook.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");

        await PublishAsync(api, "invoice.paid", """{"invoice":"INV-9"}""");
        await PublishAsync(api, "invoice.voided", """{"invoice":"INV-9"}""");

        var request = (await sink.WaitForAsync(1)).ShouldHaveSingleItem();
        request.Json.GetProperty("data").GetProperty("invoice").GetString().ShouldBe("INV-9");
        request.Header("webhook-signature").ShouldBe(DispatcherTestExtensions.SignatureBySpec(secret, request.Header("webhook-id")!, request.Header("webhook-timestamp")!, request.Body));
        await api.Host.Services.WaitForAttemptsAsync(id, 1);
        sink.Requests.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task After_unsubscribing_nothing_more_is_delivered_and_only_the_owner_can_unsubscribe()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var api = await DispatcherApi.StartAsync();
        using var created = await api.Zapier.PostAsync("hooks", Json($$"""{"target_url":"{{sink.Url("/zap")}}","event":"*"}"""), Cancellation);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetString();

        using var foreign = await api.Crm.DeleteAsync($"hooks/{id}", Cancellation);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await foreign.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("type").GetString().ShouldBe("https://switchyard.dev/problems/not-found");

        using var deleted = await api.Zapier.DeleteAsync($"hooks/{id}", Cancellation);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var again = await api.Zapier.DeleteAsync($"hooks/{id}", Cancellation);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var eventId = Guid.NewGuid();
        await PublishAsync(api, "invoice.paid", "{}", eventId);
        await Poll.UntilAsync(async () => (await SamplesAsync(api, "invoice.paid")).GetArrayLength() == 1, "the event to be fanned out");
        sink.Requests.ShouldBeEmpty();
    }

    static async Task<JsonElement> SamplesAsync(DispatcherApi api, string type) =>
        await api.Zapier.GetFromJsonAsync<JsonElement>($"hooks/samples/{type}", Cancellation);

    [Fact]
    public async Task Samples_list_the_newest_events_of_a_type_first_as_webhooks_carry_them_and_each_event_once()
    {
        await using var api = await DispatcherApi.StartAsync([new("Dispatcher:SamplesPerEventType", "2"), new("Dispatcher:SampleInterval", "00:00:00")]);
        var first = Guid.NewGuid();

        await PublishAsync(api, "invoice.paid", """{"n":1}""", first);
        await Poll.UntilAsync(async () => (await SamplesAsync(api, "invoice.paid")).GetArrayLength() == 1, "the first sample");
        await PublishAsync(api, "invoice.paid", """{"n":1}""", first);
        await PublishAsync(api, "invoice.paid", """{"n":2}""");
        await Poll.UntilAsync(async () => (await SamplesAsync(api, "invoice.paid"))[0].GetProperty("data").GetProperty("n").GetInt32() == 2, "the second sample");
        await PublishAsync(api, "invoice.paid", """{"n":3}""");
        await Poll.UntilAsync(async () => (await SamplesAsync(api, "invoice.paid"))[0].GetProperty("data").GetProperty("n").GetInt32() == 3, "the third sample");

        var samples = await SamplesAsync(api, "invoice.paid");
        samples.EnumerateArray().Select(s => s.GetProperty("data").GetProperty("n").GetInt32()).ShouldBe([3, 2]);
        samples[0].GetProperty("type").GetString().ShouldBe("invoice.paid");
        (await SamplesAsync(api, "never.seen")).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"event":"invoice.paid"}""", "/target_url")]
    [InlineData("""{"target_url":"ftp://example.com/x","event":"invoice.paid"}""", "/target_url")]
    [InlineData("""{"target_url":"https://example.com/x"}""", "/event")]
    [InlineData("""{"target_url":"https://example.com/x","event":"bad type!"}""", "/event")]
    [InlineData("""[1,2]""", "")]
    public async Task A_malformed_subscription_is_refused_naming_the_field(string body, string field)
    {
        await using var api = await DispatcherApi.StartAsync();

        using var response = await api.Zapier.PostAsync("hooks", Json(body), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        problem.GetProperty("type").GetString().ShouldBe("https://switchyard.dev/problems/invalid-body");
        problem.GetProperty("pointer").GetString().ShouldBe(field);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("http://localhost:9/hook", "loopback")]
    public async Task A_target_on_a_private_loopback_or_metadata_address_is_refused_unless_allowed(string url, string kind)
    {
        await using var api = await DispatcherApi.StartAsync([new("Dispatcher:Delivery:AllowedNetworks:0", "192.0.2.0/24")]);

        using var response = await api.Zapier.PostAsync("hooks", Json($$"""{"target_url":"{{url}}","event":"*"}"""), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        problem.GetProperty("type").GetString().ShouldBe("https://switchyard.dev/problems/target-refused");
        problem.GetProperty("detail").GetString()!.ShouldContain(kind);
    }

    [Fact]
    public async Task Hooks_need_a_bearer_token()
    {
        await using var api = await DispatcherApi.StartAsync();

        using var response = await api.Host.Client.PostAsync("hooks", Json("""{"target_url":"https://example.com/","event":"*"}"""), Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
