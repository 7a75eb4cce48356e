using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>What the operator sees of a virtual host's queues.</summary>
public class RabbitMqQueueListingTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lists_each_consumer_queue_with_its_ready_error_and_skipped_counts_and_when_the_oldest_error_failed()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("listing");
        var first = new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.Zero);
        // A MassTransit bus queue ({machine}_{process}_bus_{NewId in z-base-32}), with an error queue of its own.
        const string busQueue = "worker1_switchyardprocessor_bus_ybndrfg8ejkmcpqxot1uwisza3";
        await bed.DeclareAsync("orders", "orders_error", "orders_skipped", "billing_error", "payments", "refunds", "refunds_error",
            busQueue, busQueue + "_error");
        await bed.PublishAsync("orders", "ready-1", [1]);
        await bed.PublishAsync("orders", "ready-2", [2]);
        await bed.PublishFaultedAsync("orders_error", "failed-1", first);
        await bed.PublishFaultedAsync("orders_error", "failed-2", first.AddMinutes(5));
        await bed.PublishFaultedAsync("orders_error", "failed-3", first.AddMinutes(-5)); // failed earlier, but queued last
        await bed.PublishAsync("orders_skipped", "skipped-1", [3]);
        await bed.PublishFaultedAsync("billing_error", "failed-4", first.AddHours(1));
        await bed.PublishFaultedAsync(busQueue + "_error", "failed-5", first);
        await using var broker = await bed.ConnectAsync();

        var queues = await broker.GetQueuesAsync(Cancellation);

        queues.ShouldBe([
            // The consumer queue is gone, but its failures are still there to see.
            new QueueStatus("billing", null, 1, 0, first.AddHours(1)),
            // The head of the error queue is the one that has waited longest there.
            new QueueStatus("orders", 2, 3, 1, first),
            new QueueStatus("payments", 0, 0, 0, null),
            new QueueStatus("refunds", 0, 0, 0, null),
        ]);
        // Looking at the head of the error queue left it where it was.
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["failed-1", "failed-2", "failed-3"]);
    }

    [Fact]
    public async Task Counts_include_messages_published_just_before_the_listing()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("listing-fresh");
        await bed.DeclareAsync("orders", "orders_error");
        await using var broker = await bed.ConnectAsync();
        (await broker.GetQueuesAsync(Cancellation)).ShouldBe([new QueueStatus("orders", 0, 0, 0, null)]);

        // The management API's counts lag by its statistics interval; these must not.
        await bed.PublishAsync("orders", "ready-1", [1]);
        await bed.PublishFaultedAsync("orders_error", "failed-1", DateTimeOffset.UnixEpoch);

        (await broker.GetQueuesAsync(Cancellation)).ShouldBe([new QueueStatus("orders", 1, 1, 0, DateTimeOffset.UnixEpoch)]);
    }
}
