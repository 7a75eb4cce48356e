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

    static Task<ReceiptUnderTest> StartAsync(PublishGate gate, string publishTimeout) =>
        ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["Receipt:PublishTimeout"] = publishTimeout },
            services => services.AddPublishObserver(_ => gate));

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
