using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Switchyard.Dispatcher;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Another application's events, through the receipt and the dispatcher on a real broker, to webhook subscribers.</summary>
public class EventsToSubscribersTests
{
    const string SigningKey = "end-to-end-signing-key-0123456789abcdef";
    const string Secret = "whsec_MfKQ9r8GKYqrTmkWxUUeSw8hJtq0y4uoGpWGcxe9CZ0=";

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_posted_to_the_receipt_reach_each_subscriber_exactly_as_subscribed_and_a_failing_one_ends_in_the_error_queue()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("events");
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(r => r.Path == "/broken" ? 500 : 200);
        Dictionary<string, string?> auth = new(virtualHost.BusSettings)
        {
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:ApiKeys:0:Name"] = "billing",
            ["Auth:ApiKeys:0:Key"] = "billing-key-0123456789",
        };
        await using var dispatcher = await SwitchyardTestHost.StartAsync([new DispatcherModule()], new Dictionary<string, string?>(auth)
        {
            ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Dispatcher:Subscriptions:0:Id"] = "payments",
            ["Dispatcher:Subscriptions:0:Url"] = sink.Url("/payments").ToString(),
            ["Dispatcher:Subscriptions:0:Events:0"] = "invoice.paid",
            ["Dispatcher:Subscriptions:0:Secrets:0"] = Secret,
            ["Dispatcher:Subscriptions:1:Id"] = "voids",
            ["Dispatcher:Subscriptions:1:Url"] = sink.Url("/voids").ToString(),
            ["Dispatcher:Subscriptions:1:Events:0"] = "invoice.voided",
            ["Dispatcher:Subscriptions:1:Secrets:0"] = Secret,
            ["Dispatcher:Subscriptions:2:Id"] = "broken",
            ["Dispatcher:Subscriptions:2:Url"] = sink.Url("/broken").ToString(),
            ["Dispatcher:Subscriptions:2:Events:0"] = "invoice.voided",
            ["Dispatcher:Subscriptions:2:Secrets:0"] = Secret,
        });
        await using var receipt = await SwitchyardTestHost.StartAsync([new ReceiptModule()], auth);

        using var tokenResponse = await receipt.Client.PostAsync("token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = "billing", ["password"] = "billing-key-0123456789",
        }), Cancellation);
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("access_token").GetString();
        receipt.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        foreach (var (type, n) in new[] { ("invoice.paid", 1), ("invoice.voided", 2), ("invoice.paid", 3), ("invoice.created", 4) })
        {
            using var accepted = await receipt.Client.PostAsJsonAsync("events", new { type, source = "billing", payload = new { n } }, Cancellation);
            accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var payments = await sink.WaitForAsync(2, r => r.Path == "/payments");
        var voids = await sink.WaitForAsync(1, r => r.Path == "/voids");
        var errorQueue = DispatcherModule.DeliveryEndpointName + "_error";
        await Poll.UntilAsync(async () => await virtualHost.CountMessagesAsync(errorQueue) == 1, $"the broken subscriber's delivery in {errorQueue}");

        payments.Select(r => r.Json.GetProperty("data").GetProperty("n").GetInt32()).ShouldBe([1, 3], ignoreOrder: true);
        voids.ShouldHaveSingleItem().Json.GetProperty("data").GetProperty("n").GetInt32().ShouldBe(2);
        sink.Requests.Count(r => r.Path == "/payments").ShouldBe(2);
        sink.Requests.Count(r => r.Path == "/voids").ShouldBe(1);
        sink.Requests.ShouldAllBe(r => r.Json.GetProperty("data").GetProperty("n").GetInt32() != 4);
        var failed = (await virtualHost.PeekAsync(errorQueue)).ShouldHaveSingleItem();
        failed.Headers["MT-Fault-ExceptionType"].ShouldBe("Switchyard.Dispatcher.Delivery.TransientDeliveryException");
        failed.Headers["MT-Fault-Message"].ShouldBe("Delivery to subscription broken failed: The subscriber answered HTTP 500.");
        (await virtualHost.CountMessagesAsync(DispatcherModule.EndpointName + "_error") ?? 0).ShouldBe(0u);
    }
}
