using System.Text;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>Reading an error queue: every message once, each held until the read ends, nothing lost.</summary>
public class RabbitMqReadTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_yields_every_message_once_as_the_broker_holds_it_with_its_fault()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read");
        await bed.DeclareAsync("orders_error");
        var failedAt = new DateTimeOffset(2025, 3, 1, 8, 30, 15, TimeSpan.Zero);
        // Every byte value, so nothing in between may treat the body as text.
        var body = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var headers = bed.FaultHeaders(failedAt, "orders");
        headers["x-text"] = "déjà vu";
        headers["x-whole"] = 42L;
        headers["x-small"] = 7;
        headers["x-fraction"] = 2.5;
        headers["x-flag"] = true;
        await bed.PublishAsync("orders_error", "message-1", body, headers, correlationId: "correlation-1", contentType: "application/octet-stream");
        await bed.PublishFaultedAsync("orders_error", "message-2", failedAt);
        await bed.PublishFaultedAsync("orders_error", "message-3", failedAt);
        await using var broker = await bed.ConnectAsync();

        var entries = new List<ErrorQueueEntry>();
        await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
            entries.Add(entry);

        entries.Select(e => e.Message.MessageId).ShouldBe(["message-1", "message-2", "message-3"]);
        entries.ShouldAllBe(e => e.Queue == "orders_error");
        var first = entries[0];
        first.Message.Body.ShouldBe(body);
        first.Message.ContentType.ShouldBe("application/octet-stream");
        first.Message.CorrelationId.ShouldBe("correlation-1");
        first.Message.Headers["x-text"].ShouldBe("déjà vu");
        first.Message.Headers["x-whole"].ShouldBe(42L);
        first.Message.Headers["x-small"].ShouldBe(7L);
        first.Message.Headers["x-fraction"].ShouldBe(2.5);
        first.Message.Headers["x-flag"].ShouldBe(true);
        first.Fault.ShouldBe(new FaultDetails
        {
            ExceptionType = "System.InvalidOperationException",
            Message = "The deal is gone.",
            StackTrace = "   at Switchyard.Processor.DealConsumer.Consume()",
            Timestamp = failedAt,
            InputAddress = $"rabbitmq://{bed.Broker.Host}:{bed.Broker.Port}/{bed.VirtualHost.Name}/orders",
            ConsumerType = "Switchyard.Processor.DealConsumer",
            MessageType = "Switchyard.Contracts.DealChanged",
            RetryCount = 3,
            MachineName = "worker-1",
            Reason = "fault",
        });
        entries[1].Message.Body.ShouldBe(Encoding.UTF8.GetBytes("{}"));
        // Nothing was removed, so all of it is back, in order.
        await bed.WaitForCountAsync("orders_error", 3);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1", "message-2", "message-3"]);
    }

    [Fact]
    public async Task Entries_are_held_while_the_read_runs_and_those_not_removed_go_back_in_their_places()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-remove");
        await bed.DeclareAsync("orders_error");
        for (var i = 1; i <= 5; i++)
            await bed.PublishFaultedAsync("orders_error", $"message-{i}", DateTimeOffset.UnixEpoch);
        await using var broker = await bed.ConnectAsync();

        var read = new List<string>();
        await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
        {
            read.Add(entry.Message.MessageId);
            if (entry.Message.MessageId is "message-2" or "message-4")
            {
                await entry.RemoveAsync(Cancellation);
                // A second removal of the same entry changes nothing (a second ack would break the read).
                await entry.RemoveAsync(Cancellation);
            }
            if (read.Count == 5)
            {
                // Everything read is out of other readers' sight, removed or not.
                (await bed.VirtualHost.CountMessagesAsync("orders_error")).ShouldBe(0u);
            }
        }

        read.ShouldBe(["message-1", "message-2", "message-3", "message-4", "message-5"]);
        await bed.WaitForCountAsync("orders_error", 3);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1", "message-3", "message-5"]);
    }

    [Fact]
    public async Task Removing_after_the_read_ended_is_refused_and_the_message_stays()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-late-remove");
        await bed.DeclareAsync("orders_error");
        await bed.PublishFaultedAsync("orders_error", "message-1", DateTimeOffset.UnixEpoch);
        await using var broker = await bed.ConnectAsync();

        ErrorQueueEntry? kept = null;
        await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
            kept = entry;

        await Should.ThrowAsync<InvalidOperationException>(() => kept!.RemoveAsync(Cancellation));
        await bed.WaitForCountAsync("orders_error", 1);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1"]);
    }

    [Fact]
    public async Task Abandoning_a_read_early_puts_every_message_not_removed_back()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-break");
        await bed.DeclareAsync("orders_error");
        for (var i = 1; i <= 4; i++)
            await bed.PublishFaultedAsync("orders_error", $"message-{i}", DateTimeOffset.UnixEpoch);
        await using var broker = await bed.ConnectAsync();

        await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
        {
            if (entry.Message.MessageId == "message-1")
                await entry.RemoveAsync(Cancellation);
            if (entry.Message.MessageId == "message-2")
                break;
        }

        // The broker connection is still open: it is the end of the read, not a closed connection, that gave them back.
        await bed.WaitForCountAsync("orders_error", 3);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-2", "message-3", "message-4"]);
    }

    [Fact]
    public async Task Cancelling_a_read_puts_every_message_back()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-cancel");
        await bed.DeclareAsync("orders_error");
        for (var i = 1; i <= 3; i++)
            await bed.PublishFaultedAsync("orders_error", $"message-{i}", DateTimeOffset.UnixEpoch);
        await using var broker = await bed.ConnectAsync();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);

        var read = new List<string>();
        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in broker.ReadAsync("orders_error", cancellation.Token))
            {
                read.Add(entry.Message.MessageId);
                if (read.Count == 2)
                    await cancellation.CancelAsync();
            }
        });

        read.ShouldBe(["message-1", "message-2"]);
        await bed.WaitForCountAsync("orders_error", 3);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1", "message-2", "message-3"]);
    }

    [Fact]
    public async Task Reading_a_queue_that_does_not_exist_throws_QueueNotFoundException()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-missing");
        await using var broker = await bed.ConnectAsync();

        var thrown = await Should.ThrowAsync<QueueNotFoundException>(async () =>
        {
            await foreach (var _ in broker.ReadAsync("nothing_error", Cancellation))
            {
            }
        });

        thrown.Queue.ShouldBe("nothing_error");
        // The broker stays usable after the channel error.
        (await broker.GetQueuesAsync(Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_empty_error_queue_reads_as_nothing()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("read-empty");
        await bed.DeclareAsync("orders_error");
        await using var broker = await bed.ConnectAsync();

        var count = 0;
        await foreach (var _ in broker.ReadAsync("orders_error", Cancellation))
            count++;

        count.ShouldBe(0);
    }
}
