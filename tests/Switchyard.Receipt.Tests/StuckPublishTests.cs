using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Triggers;
using Switchyard.Hosting;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

/// <summary>
/// Publishes the broker does not answer, clients that give up on them, and what a retry with the same
/// <c>Idempotency-Key</c> then gets. A <see cref="PublishGate"/> holds the first publish the way a transport stuck on a
/// closing connection does: deaf to cancellation, until the test lets it be confirmed or fail.
/// </summary>
public class StuckPublishTests
{
    const string Invoice = """{"type":"invoice.paid","source":"billing","payload":{"invoice":"INV-9"}}""";

    // Far beyond the publish timeouts below: a receipt that waits for the stuck publish instead fails the test here.
    static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(30);

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_webhook_whose_publish_is_stuck_and_deaf_to_cancellation_is_answered_503_by_the_publish_timeout()
    {
        var gate = new PublishGate();
        await using var receipt = await StartAsync(gate, "00:00:00.500");

        using var response = await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(1))).WaitAsync(ClientPatience, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        (await ReceiptUnderTest.JsonAsync(response)).GetProperty("type").GetString().ShouldBe(ProblemTypes.BrokerUnavailable);
        gate.Open();
    }

    [Fact]
    public async Task A_client_that_disconnects_while_its_event_is_being_published_can_send_it_again_once_that_publish_failed()
    {
        var gate = new PublishGate();
        await using var receipt = await StartAsync(gate, "00:00:20");
        var token = await receipt.TokenAsync();

        await DisconnectWhilePublishingAsync(receipt, gate, token, "invoice-9-paid");
        using (var meanwhile = await PostAsync(receipt, token, "invoice-9-paid"))
        {
            meanwhile.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            meanwhile.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(25));
        }

        gate.Fail(new InvalidOperationException("The connection was closed by the broker."));
        var retried = await RetryUntilSettledAsync(receipt, token, "invoice-9-paid");

        retried.Status.ShouldBe(HttpStatusCode.Accepted);
        retried.Replayed.ShouldBeFalse();
        receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem().Message.EventId.ShouldBe(retried.Id);
    }

    [Fact]
    public async Task A_publish_confirmed_after_its_client_disconnected_is_replayed_to_the_retry_and_not_published_again()
    {
        var gate = new PublishGate();
        await using var receipt = await StartAsync(gate, "00:00:20");
        var token = await receipt.TokenAsync();

        await DisconnectWhilePublishingAsync(receipt, gate, token, "invoice-9-paid");
        gate.Open();
        var retried = await RetryUntilSettledAsync(receipt, token, "invoice-9-paid");

        retried.Status.ShouldBe(HttpStatusCode.Accepted);
        retried.Replayed.ShouldBeTrue();
        var published = receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem();
        retried.Id.ShouldBe(published.Message.EventId);
    }

    [Fact]
    public async Task A_publish_still_stuck_when_its_request_was_answered_503_holds_the_key_until_it_ends_and_the_event_is_published_once()
    {
        var gate = new PublishGate();
        await using var receipt = await StartAsync(gate, "00:00:00.500");
        var token = await receipt.TokenAsync();

        using (var first = await PostAsync(receipt, token, "invoice-9-paid").WaitAsync(ClientPatience, Cancellation))
            first.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using (var meanwhile = await PostAsync(receipt, token, "invoice-9-paid"))
            meanwhile.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // MassTransit drops the publish it was told to cancel once it gets going again (published, the retry would
        // replay it instead): either way the retry is accepted, and the event is out once.
        gate.Open();
        var retried = await RetryUntilSettledAsync(receipt, token, "invoice-9-paid");

        retried.Status.ShouldBe(HttpStatusCode.Accepted);
        receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem().Message.EventId.ShouldBe(retried.Id);
    }

    [Fact]
    public async Task A_key_whose_publish_never_settles_is_released_soon_after_the_publish_timeout()
    {
        var gate = new PublishGate();
        await using var receipt = await StartAsync(gate, "00:00:00.500");
        var token = await receipt.TokenAsync();

        using (var first = await PostAsync(receipt, token, "invoice-9-paid").WaitAsync(ClientPatience, Cancellation))
            first.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);

        // The first publish stays stuck; the key is in flight for the publish timeout and the grace, then free.
        var retried = await RetryUntilSettledAsync(receipt, token, "invoice-9-paid");

        retried.Status.ShouldBe(HttpStatusCode.Accepted);
        receipt.Published.Of<TriggerEventReceived>().ShouldHaveSingleItem().Message.EventId.ShouldBe(retried.Id);
        gate.Open();
    }

    static Task<ReceiptUnderTest> StartAsync(PublishGate gate, string publishTimeout) =>
        ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["Receipt:PublishTimeout"] = publishTimeout },
            services => services.AddPublishObserver(_ => gate));

    static Task<HttpResponseMessage> PostAsync(ReceiptUnderTest receipt, string token, string key) => receipt.PostEventAsync(Invoice, token, key);

    /// <summary>Posts the event and disconnects once the receipt is publishing it.</summary>
    static async Task DisconnectWhilePublishingAsync(ReceiptUnderTest receipt, PublishGate gate, string token, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("events", UriKind.Relative))
        {
            Content = new StringContent(Invoice, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", key);
        using var disconnect = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var posting = receipt.Client.SendAsync(request, disconnect.Token);

        await gate.Entered.WaitAsync(ClientPatience, Cancellation);
        await disconnect.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(posting);
    }

    static async Task<(HttpStatusCode Status, bool Replayed, Guid Id)> RetryUntilSettledAsync(ReceiptUnderTest receipt, string token, string key)
    {
        (HttpStatusCode Status, bool Replayed, Guid Id) last = default;
        await Poll.UntilAsync(async () =>
        {
            using var response = await PostAsync(receipt, token, key);
            last = (response.StatusCode, response.Headers.Contains("Idempotent-Replayed"),
                response.StatusCode == HttpStatusCode.Accepted ? (await ReceiptUnderTest.JsonAsync(response)).GetProperty("id").GetGuid() : Guid.Empty);
            return response.StatusCode != HttpStatusCode.Conflict;
        }, "the first request's key to be settled or released");
        return last;
    }

    /// <summary>Holds the first publish until opened or failed; later publishes pass.</summary>
    sealed class PublishGate : IPublishObserver
    {
        readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _publishes;

        public Task Entered => _entered.Task;

        public void Open() => _gate.TrySetResult();

        public void Fail(Exception exception) => _gate.TrySetException(exception);

        public Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            if (Interlocked.Increment(ref _publishes) > 1)
                return Task.CompletedTask;
            _entered.TrySetResult();
            return _gate.Task;
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
