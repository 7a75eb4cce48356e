using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Triggers;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A client that gives up on <c>POST /events</c> while the broker is away, then retries with the same
/// <c>Idempotency-Key</c>: the retry is accepted and a real consumer gets the event exactly once.
/// </summary>
public class IdempotencyDuringOutageTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_that_disconnects_during_a_broker_outage_gets_its_retry_accepted_once_the_broker_is_back_and_the_event_is_consumed_once()
    {
        await using var setup = await Setup.StartAsync("outage-key", publishTimeout: "00:00:05");

        // The broker stops answering while the event is on its way, the client gives up, then the connection drops.
        await setup.DisconnectWhilePublishingAsync("invoice-11-paid");
        setup.Proxy.Cut();

        // The abandoned publish fails and releases the key: the next try is a publish of its own (503 while cut off).
        await Poll.UntilAsync(async () =>
        {
            using var retried = await setup.PostAsync("invoice-11-paid", Cancellation);
            retried.StatusCode.ShouldNotBe(HttpStatusCode.Accepted);
            return retried.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, "the key to be released while the broker is still away", TimeSpan.FromSeconds(60));

        setup.Proxy.Resume();
        setup.Proxy.Restore();
        HttpStatusCode status = default;
        Guid id = default;
        await Poll.UntilAsync(async () =>
        {
            using var retried = await setup.PostAsync("invoice-11-paid", Cancellation);
            status = retried.StatusCode;
            if (status == HttpStatusCode.Accepted)
                id = (await retried.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
            return status is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict);
        }, "the retry to be accepted once the broker is back", TimeSpan.FromSeconds(90));

        status.ShouldBe(HttpStatusCode.Accepted);
        await setup.WaitForBarrierAsync();
        setup.Consumed.Messages.Count(m => m.Message.EventId == id).ShouldBe(1);
    }

    [Fact]
    public async Task A_publish_the_broker_confirms_after_its_client_disconnected_is_replayed_to_the_retry_and_consumed_once()
    {
        // Long enough that the stalled publish is still waiting for its confirmation when the broker answers again.
        await using var setup = await Setup.StartAsync("late-confirm", publishTimeout: "00:00:30");

        await setup.DisconnectWhilePublishingAsync("invoice-12-paid");
        setup.Proxy.Resume();

        HttpResponseMessage? retried = null;
        await Poll.UntilAsync(async () =>
        {
            retried?.Dispose();
            retried = await setup.PostAsync("invoice-12-paid", Cancellation);
            return retried.StatusCode != HttpStatusCode.Conflict;
        }, "the first publish to be confirmed", TimeSpan.FromSeconds(60));

        using (retried)
        {
            retried!.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            retried.Headers.GetValues("Idempotent-Replayed").ShouldHaveSingleItem().ShouldBe("true");
            var id = (await retried.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("id").GetGuid();
            await setup.WaitForBarrierAsync();
            setup.Consumed.Messages.Count(m => m.Message.EventId == id).ShouldBe(1);
        }
    }

    /// <summary>Signals when the receipt starts publishing an event (before the broker has seen it).</summary>
    sealed class PublishStarted : IPublishObserver
    {
        volatile TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the next publish starts.</summary>
        public Task Next()
        {
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }

        public Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            _next.TrySetResult();
            return Task.CompletedTask;
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    /// <summary>
    /// A consumer host on the broker itself, and the receipt behind a proxy the test cuts or pauses, each in the test's
    /// own virtual host.
    /// </summary>
    sealed class Setup : IAsyncDisposable
    {
        const string SigningKey = "end-to-end-signing-key-0123456789abcdef";
        const string Invoice = """{"type":"invoice.paid","source":"billing","payload":{"invoice":"INV-11"}}""";

        public required RabbitMqVirtualHost VirtualHost { get; init; }
        public required TcpProxy Proxy { get; init; }
        public required SwitchyardTestHost Consumer { get; init; }
        public required SwitchyardTestHost Receipt { get; init; }
        public required string Token { get; init; }
        public required PublishStarted Started { get; init; }

        public Recorded<TriggerEventReceived> Consumed => Consumer.Services.GetRequiredService<Recorded<TriggerEventReceived>>();

        public static async Task<Setup> StartAsync(string purpose, string publishTimeout)
        {
            var broker = RabbitMqBroker.Require();
            var virtualHost = await broker.CreateVirtualHostAsync(purpose);
            var proxy = TcpProxy.Start(broker.Host, broker.Port);
            var consumer = await SwitchyardTestHost.StartAsync([new RecordingModule<TriggerEventReceived>("observer")], virtualHost.BusSettings);
            var started = new PublishStarted();
            var receipt = await SwitchyardTestHost.StartAsync([new ReceiptModule()], new Dictionary<string, string?>(virtualHost.BusSettings)
            {
                ["Bus:RabbitMq:Port"] = proxy.Port.ToString(CultureInfo.InvariantCulture),
                ["Receipt:PublishTimeout"] = publishTimeout,
                ["Auth:SigningKey"] = SigningKey,
                ["Auth:ApiKeys:0:Name"] = "billing",
                ["Auth:ApiKeys:0:Key"] = "billing-key-0123456789",
            }, builder => builder.Services.AddPublishObserver(_ => started));
            using var token = await receipt.Client.PostAsync(new Uri("token", UriKind.Relative), new FormUrlEncodedContent(
                new Dictionary<string, string> { ["username"] = "billing", ["password"] = "billing-key-0123456789" }), Cancellation);
            token.StatusCode.ShouldBe(HttpStatusCode.OK);
            var setup = new Setup
            {
                VirtualHost = virtualHost, Proxy = proxy, Consumer = consumer, Receipt = receipt, Started = started,
                Token = (await token.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("access_token").GetString()!,
            };

            // The first event of its type opens a channel and declares its exchange, which needs the broker's answers:
            // done here, the events under test go straight out, where the proxy can hold them.
            using var warmUp = await setup.PostAsync(null, Cancellation, """{"type":"warm-up","source":"test","payload":{}}""");
            warmUp.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            return setup;
        }

        public async Task<HttpResponseMessage> PostAsync(string? idempotencyKey, CancellationToken cancellationToken, string body = Invoice)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("events", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await Receipt.Client.SendAsync(request, cancellationToken);
        }

        /// <summary>
        /// Pauses the broker's connection, posts the event and disconnects once the receipt is publishing it (the key is
        /// claimed by then, and the message held in the proxy).
        /// </summary>
        public async Task DisconnectWhilePublishingAsync(string idempotencyKey)
        {
            Proxy.Pause();
            var started = Started.Next();
            using var disconnect = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            var posting = PostAsync(idempotencyKey, disconnect.Token);
            await started.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
            await disconnect.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(posting);
        }

        /// <summary>
        /// Publishes one more event and waits until it is consumed: anything published before it has been consumed by
        /// then, so counting copies afterwards is final.
        /// </summary>
        public async Task WaitForBarrierAsync()
        {
            using var barrier = await PostAsync(null, Cancellation, """{"type":"barrier","source":"test","payload":{}}""");
            barrier.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            await Poll.UntilAsync(() => Consumed.Messages.Any(m => m.Message.Type == "barrier"), "the barrier event to be consumed");
        }

        public async ValueTask DisposeAsync()
        {
            await Receipt.DisposeAsync();
            await Consumer.DisposeAsync();
            await Proxy.DisposeAsync();
            await VirtualHost.DisposeAsync();
        }
    }
}
