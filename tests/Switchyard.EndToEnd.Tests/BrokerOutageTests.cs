using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.HubSpot;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The receipt loses its broker and gets it back, on the real RabbitMQ broker.</summary>
public class BrokerOutageTests
{
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
}
