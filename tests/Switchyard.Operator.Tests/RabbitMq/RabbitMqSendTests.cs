using System.Text;
using RabbitMQ.Client;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>Sending a message back to a queue: confirmed, unchanged, and never to a queue that is not there.</summary>
public class RabbitMqSendTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static TransportMessage Message(string id) => new()
    {
        MessageId = id,
        ContentType = "application/vnd.masstransit+json",
        CorrelationId = "correlation-" + id,
        Headers = new Dictionary<string, object>
        {
            ["MT-Activity-Id"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["x-whole"] = 42L,
            ["x-fraction"] = 2.5,
            ["x-flag"] = true,
        },
        Body = [.. Enumerable.Range(0, 256).Select(b => (byte)b)],
    };

    [Fact]
    public async Task Send_delivers_the_id_properties_headers_and_body_unchanged_and_persistent()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("send");
        await bed.DeclareAsync("orders");
        await using var broker = await bed.ConnectAsync();
        var message = Message("message-1");

        await broker.SendAsync("orders", message, Cancellation);

        var delivered = (await bed.PeekAsync("orders")).ShouldHaveSingleItem();
        var properties = delivered.BasicProperties;
        properties.MessageId.ShouldBe("message-1");
        properties.ContentType.ShouldBe("application/vnd.masstransit+json");
        properties.CorrelationId.ShouldBe("correlation-message-1");
        properties.DeliveryMode.ShouldBe(DeliveryModes.Persistent);
        delivered.Body.ToArray().ShouldBe(message.Body);
        // Exactly the headers sent: the client's confirm tracking would have added one of its own.
        var headers = properties.Headers.ShouldNotBeNull();
        headers.Keys.Order(StringComparer.Ordinal).ShouldBe(["MT-Activity-Id", "x-flag", "x-fraction", "x-whole"]);
        // A string goes as an AMQP long string, which the client hands back as bytes.
        Encoding.UTF8.GetString(headers["MT-Activity-Id"].ShouldBeOfType<byte[]>()).ShouldBe("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        headers["x-whole"].ShouldBe(42L);
        headers["x-fraction"].ShouldBe(2.5);
        headers["x-flag"].ShouldBe(true);
    }

    [Fact]
    public async Task A_message_read_and_sent_arrives_as_it_was_read()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("send-roundtrip");
        await bed.DeclareAsync("orders", "orders_error");
        await bed.PublishFaultedAsync("orders_error", "message-1", DateTimeOffset.UnixEpoch, """{"deal":1}""");
        await using var broker = await bed.ConnectAsync();

        TransportMessage? read = null;
        await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
        {
            read = entry.Message;
            await broker.SendAsync("orders", entry.Message, Cancellation);
            await entry.RemoveAsync(Cancellation);
        }

        read.ShouldNotBeNull();
        (await bed.VirtualHost.CountMessagesAsync("orders_error")).ShouldBe(0u);
        TransportMessage? moved = null;
        await foreach (var entry in broker.ReadAsync("orders", Cancellation))
            moved = entry.Message;
        moved.ShouldNotBeNull();
        moved.MessageId.ShouldBe(read.MessageId);
        moved.ContentType.ShouldBe(read.ContentType);
        moved.CorrelationId.ShouldBe(read.CorrelationId);
        moved.Body.ShouldBe(Encoding.UTF8.GetBytes("""{"deal":1}"""));
        moved.Headers.ShouldBe(read.Headers, ignoreOrder: true);
        read.Headers["MT-Fault-Message"].ShouldBe("The deal is gone.");
        // Whole numbers travel as 64-bit integers, whatever width the original had.
        var delivered = (await bed.PeekAsync("orders")).ShouldHaveSingleItem();
        delivered.BasicProperties.Headers!["MT-Fault-RetryCount"].ShouldBe(3L);
    }

    [Fact]
    public async Task Sending_to_a_queue_that_does_not_exist_throws_QueueNotFoundException_and_loses_nothing()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("send-missing");
        await bed.DeclareAsync("orders", "orders_error");
        await bed.PublishFaultedAsync("orders_error", "message-1", DateTimeOffset.UnixEpoch);
        await using var broker = await bed.ConnectAsync();

        await foreach (var entry in broker.ReadAsync("orders_error", Cancellation))
        {
            var thrown = await Should.ThrowAsync<QueueNotFoundException>(() => broker.SendAsync("ordres", entry.Message, Cancellation));
            thrown.Queue.ShouldBe("ordres");
        }

        // Publishing through the default exchange declared nothing.
        (await bed.VirtualHost.CountMessagesAsync("ordres")).ShouldBeNull();
        // The caller did not remove the entry, so the message is back where it was.
        await bed.WaitForCountAsync("orders_error", 1);
        (await bed.MessageIdsAsync("orders_error")).ShouldBe(["message-1"]);
        // And the sender is still in order: the next send is confirmed as its own.
        await broker.SendAsync("orders", Message("message-2"), Cancellation);
        (await bed.MessageIdsAsync("orders")).ShouldBe(["message-2"]);
    }

    [Fact]
    public async Task Sends_one_after_another_each_arrive_once_in_order()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("send-many");
        await bed.DeclareAsync("orders");
        await using var broker = await bed.ConnectAsync();
        var ids = Enumerable.Range(1, 20).Select(i => $"message-{i}").ToList();

        foreach (var id in ids)
        {
            await broker.SendAsync("orders", Message(id), Cancellation);
            if (id == "message-10")
                await Should.ThrowAsync<QueueNotFoundException>(() => broker.SendAsync("missing", Message("lost"), Cancellation));
        }

        // Each send returned after its confirm, so every message is there as soon as the last one returns.
        (await bed.VirtualHost.CountMessagesAsync("orders")).ShouldBe(20u);
        (await bed.MessageIdsAsync("orders")).ShouldBe(ids);
    }

    [Fact]
    public async Task Sending_to_a_single_active_consumer_queue_leaves_its_arguments_alone()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("send-sac");
        await using (var channel = await bed.Connection.CreateChannelAsync(cancellationToken: Cancellation))
        {
            await channel.QueueDeclareAsync("partner-central", durable: true, exclusive: false, autoDelete: false,
                new Dictionary<string, object?> { ["x-single-active-consumer"] = true }, cancellationToken: Cancellation);
        }
        await using var broker = await bed.ConnectAsync();

        await broker.SendAsync("partner-central", Message("message-1"), Cancellation);

        (await bed.MessageIdsAsync("partner-central")).ShouldBe(["message-1"]);
        var described = (await bed.VirtualHost.DescribeQueueAsync("partner-central")).ShouldNotBeNull();
        described.GetProperty("arguments").GetProperty("x-single-active-consumer").GetBoolean().ShouldBeTrue();
    }
}
