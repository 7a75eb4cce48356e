using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.HubSpot;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The services lose their broker and get it back, on the real RabbitMQ broker.</summary>
public partial class BrokerOutageTests
{
    /// <summary>
    /// How long a client waits for its 503 while the broker is cut off, with the publish timeout at 1 s: a receipt that
    /// waited for the broker instead would hold the request for the whole outage. Room for a loaded machine; that the
    /// answer comes by the publish timeout itself, however the transport behaves, is StuckPublishTests' business.
    /// </summary>
    static readonly TimeSpan AnswerPatience = TimeSpan.FromSeconds(15);

    static StringContent Batch(params long[] dealIds) => new("[" + string.Join(",", dealIds.Select(id =>
        $$"""{"eventId":{{id}},"subscriptionId":1,"portalId":62515,"appId":2,"occurredAt":1763800000000,"subscriptionType":"deal.creation","attemptNumber":0,"objectId":{{id}}}"""))
        + "]", Encoding.UTF8, "application/json");

    [Fact]
    public async Task Without_the_broker_nothing_is_acknowledged_and_once_it_is_back_the_redelivered_batch_is_accepted()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("outage");
        await using var proxy = TcpProxy.Start(broker.Host, broker.Port);
        await using var observer = await SwitchyardTestHost.StartAsync([new RecordingModule<HubSpotEventReceived>("observer")], virtualHost.BusSettings);
        var receiptSettings = new Dictionary<string, string?>(virtualHost.BusSettings)
        {
            ["Bus:RabbitMq:Port"] = proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Long enough for a busy machine to confirm, short enough to answer 503 well before the test's deadline.
            ["Receipt:PublishTimeout"] = "00:00:05",
        };
        await using var receipt = await SwitchyardTestHost.StartAsync([new ReceiptModule()], receiptSettings);
        var recorded = observer.Services.GetRequiredService<Recorded<HubSpotEventReceived>>();
        async Task<HttpResponseMessage> PostAsync(params long[] ids) =>
            await receipt.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative), Batch(ids), TestContext.Current.CancellationToken);

        // With the broker up the batch is confirmed; on a busy machine perhaps only when HubSpot sends it again.
        await Poll.UntilAsync(async () =>
        {
            using var before = await PostAsync(1, 2, 3);
            return before.StatusCode == HttpStatusCode.OK;
        }, "the first batch to be accepted");
        await Poll.UntilAsync(() => recorded.Messages.Count >= 3, "the first batch to arrive");
        var firstBatchIds = recorded.Messages.Select(m => m.MessageId).ToHashSet();

        proxy.Cut();
        using (var during = await PostAsync(4, 5, 6))
        {
            during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            during.Headers.RetryAfter.ShouldNotBeNull();
        }

        // HubSpot redelivers the refused batch until it is acknowledged.
        proxy.Restore();
        await Poll.UntilAsync(async () =>
        {
            using var retried = await PostAsync(4, 5, 6);
            return retried.StatusCode == HttpStatusCode.OK;
        }, "the redelivered batch to be accepted", TimeSpan.FromSeconds(60));

        await Poll.UntilAsync(() => recorded.Messages.Select(m => m.Message.ObjectId).Distinct().Count() == 6, "every event of both batches");
        // An attempt cut off after the broker took a message may repeat it, but always under the same message id.
        recorded.Messages.GroupBy(m => m.Message.ObjectId).ShouldAllBe(copies => copies.Select(c => c.MessageId).Distinct().Count() == 1);
        recorded.Messages.Where(m => m.Message.ObjectId <= 3).Select(m => m.MessageId).ShouldAllBe(id => firstBatchIds.Contains(id));
    }

    [Fact]
    public async Task An_outage_is_a_handful_of_log_lines_without_stack_traces_however_many_attempts_and_refused_requests_it_lasts()
    {
        const int refusedRequests = 5;
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("outage-log");
        await using var proxy = TcpProxy.Start(broker.Host, broker.Port);
        var storage = Directory.CreateTempSubdirectory("switchyard-outage-log-");
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = new Dictionary<string, string?>(virtualHost.BusSettings)
        {
            ["Bus:RabbitMq:Port"] = proxy.Port.ToString(CultureInfo.InvariantCulture),
            ["Urls"] = baseAddress.ToString(),
            ["Receipt:PublishTimeout"] = "00:00:01",
            // A poll every second, so the outage cuts polls off mid-call: they must not add a line either.
            ["Processor:Polling:Interval"] = "00:00:01",
            ["Dispatcher:Storage:ConnectionString"] = $"Data Source={Path.Combine(storage.FullName, "dispatcher.db")}",
            ["Dispatcher:Subscriptions:0:Url"] = $"{baseAddress}sample-subscriber",
        };
        try
        {
            // Every service in one process, as operators run a small installation, writing its log as it does by default.
            await using var allInOne = HostProcess.AllInOne(HostProcess.Arguments(settings));
            using var client = new HttpClient { BaseAddress = baseAddress };
            await ReadinessAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(120));

            var outageStart = allInOne.Output.Count;
            proxy.Cut();
            await ReadinessAsync(client, HttpStatusCode.ServiceUnavailable);
            for (var i = 1; i <= refusedRequests; i++)
            {
                using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                patience.CancelAfter(AnswerPatience);
                using var refused = await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative), Batch(4243_000 + i), patience.Token);
                refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            }

            proxy.Restore();
            await ReadinessAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            await allInOne.WaitForOutputAsync("The bus is back after");
            // HubSpot sends the batch again until it is acknowledged; the first publishes after an outage open a channel
            // and declare the exchange again, which a loaded machine may not fit into the 1 s publish timeout.
            var refusedAfter = 0;
            await Poll.UntilAsync(async () =>
            {
                using var accepted = await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative), Batch(4243), TestContext.Current.CancellationToken);
                accepted.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
                refusedAfter += accepted.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
                return accepted.StatusCode == HttpStatusCode.OK;
            }, "a webhook to be acknowledged after the outage");
            await allInOne.WaitForOutputAsync("The broker confirms publishes again");

            var output = allInOne.Output;
            var end = output.ToList().FindIndex(outageStart, l => l.Contains("The broker confirms publishes again", StringComparison.Ordinal));
            var outage = output.Skip(outageStart).Take(end - outageStart + 1).ToList();
            var shown = string.Join('\n', outage);
            outage.Count.ShouldBeLessThanOrEqualTo(6, shown);
            outage.ShouldNotContain(l => StackTraceLine().IsMatch(l), shown);
            outage.Count(l => l.Contains("The broker is gone (broker: Cannot reach the broker at rabbitmq://", StringComparison.Ordinal)).ShouldBe(1, shown);
            outage.Count(l => l.Contains("Reconnecting", StringComparison.OrdinalIgnoreCase)).ShouldBe(1, shown);
            outage.Count(l => l.Contains("The broker does not confirm publishes", StringComparison.Ordinal)).ShouldBe(1, shown);
            outage.Count(l => l.Contains("The bus is back after", StringComparison.Ordinal)).ShouldBe(1, shown);
            outage.Count(l => l.Contains($" {refusedRequests + refusedAfter} request(s) were refused with 503", StringComparison.Ordinal)).ShouldBe(1, shown);
        }
        finally
        {
            storage.Delete(recursive: true);
        }
    }

    static async Task ReadinessAsync(HttpClient client, HttpStatusCode status, TimeSpan? timeout = null) =>
        await Poll.UntilAsync(async () =>
        {
            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
                return response.StatusCode == status;
            }
            catch (HttpRequestException) when (status == HttpStatusCode.OK)
            {
                // Not listening yet.
                return false;
            }
        }, $"/health/ready to answer {(int)status}", timeout ?? TimeSpan.FromSeconds(60));

    /// <summary>A line of an exception's text as the text log writes it under its event: a frame or an inner exception.</summary>
    [GeneratedRegex(@"^\s+at |^\s*---> |^\s*--- End of |Exception: ")]
    private static partial Regex StackTraceLine();
}
