using System.Text;
using Amazon.SQS.Model;
using Microsoft.Extensions.Configuration;
using Switchyard.AmazonSqs.ErrorQueues;
using Switchyard.AmazonSqs.Faults;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.Messaging;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>The broker and the fault store against a real SQS endpoint (see <see cref="SqsEndpoint"/>).</summary>
public class ErrorQueueBrokerEndpointTests
{
    [Fact]
    public async Task Listing_reading_holding_putting_back_removing_and_sending_work_against_the_endpoint()
    {
        var settings = SqsEndpoint.RequireSettings(out var scope);
        var topology = SqsEndpoint.Topology(settings);
        var ct = TestContext.Current.CancellationToken;
        try
        {
            using var sqs = SqsEndpoint.Sqs(topology);
            var errorQueue = (await sqs.CreateQueueAsync($"{scope}_probe_error", ct)).QueueUrl;
            await sqs.CreateQueueAsync($"{scope}_probe", ct);
            for (var i = 0; i < 2; i++)
            {
                await sqs.SendMessageAsync(new SendMessageRequest
                {
                    QueueUrl = errorQueue,
                    MessageBody = $$$"""{"messageId":"{{{Guid.NewGuid()}}}","message":{}}""",
                    MessageAttributes = new Dictionary<string, MessageAttributeValue>
                    {
                        ["MT-Reason"] = new() { DataType = "String", StringValue = "fault" },
                        ["MT-Fault-Message"] = new() { DataType = "String", StringValue = "Boom" },
                    },
                }, ct);
            }

            var bus = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(BusOptions.Section);
            await using var broker = await AmazonSqsErrorQueueBroker.CreateAsync(bus, ct);

            (await broker.GetQueuesAsync(ct)).ShouldBe([new QueueStatus("probe", 0, 2, 0, null)]);

            var read = 0;
            await foreach (var entry in broker.ReadAsync("probe_error", ct))
            {
                read++;
                entry.Fault.Message.ShouldBe("Boom");
                var meanwhile = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = errorQueue, WaitTimeSeconds = 1, VisibilityTimeout = 0 }, ct);
                (meanwhile.Messages ?? []).ShouldBeEmpty("the read holds its messages out of sight");
                if (read == 1)
                {
                    await broker.SendAsync("probe", entry.Message, ct);
                    await entry.RemoveAsync(ct);
                }
            }

            read.ShouldBe(2);
            var left = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = errorQueue, WaitTimeSeconds = 2, MaxNumberOfMessages = 10 }, ct);
            (left.Messages ?? []).Count.ShouldBe(1, "put back, not removed");
            var replayed = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = (await sqs.GetQueueUrlAsync($"{scope}_probe", ct)).QueueUrl, WaitTimeSeconds = 2, MessageAttributeNames = ["All"],
            }, ct);
            replayed.Messages.ShouldHaveSingleItem().MessageAttributes["MT-Reason"].StringValue.ShouldBe("fault");
        }
        finally
        {
            await SqsEndpoint.CleanUpAsync(topology);
        }
    }

    [Fact]
    public async Task A_replay_to_a_FIFO_queue_is_not_dropped_as_a_duplicate_of_one_sent_just_before()
    {
        var settings = SqsEndpoint.RequireSettings(out var scope);
        var topology = SqsEndpoint.Topology(settings);
        var ct = TestContext.Current.CancellationToken;
        try
        {
            using var sqs = SqsEndpoint.Sqs(topology);
            var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
            {
                QueueName = $"{scope}_processor.fifo",
                Attributes = new Dictionary<string, string> { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" },
            }, ct)).QueueUrl;
            var bus = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(BusOptions.Section);
            await using var broker = await AmazonSqsErrorQueueBroker.CreateAsync(bus, ct);
            var message = new TransportMessage
            {
                MessageId = Guid.NewGuid().ToString(),
                Headers = new Dictionary<string, object> { [OrderingKey.Header] = "4242" },
                Body = Encoding.UTF8.GetBytes("""{"message":{}}"""),
            };

            await broker.SendAsync("processor", message, ct);
            await broker.SendAsync("processor", message, ct);

            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url, WaitTimeSeconds = 2, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["All"],
            }, ct);
            (received.Messages ?? []).Count.ShouldBe(2);
            received.Messages!.ShouldAllBe(m => m.Attributes["MessageGroupId"] == "4242");
        }
        finally
        {
            await SqsEndpoint.CleanUpAsync(topology);
        }
    }

    [Fact]
    public async Task The_fault_store_creates_its_table_for_local_runs_and_finds_what_it_recorded()
    {
        var settings = SqsEndpoint.RequireSettings(out _);
        var topology = SqsEndpoint.Topology(settings);
        var ct = TestContext.Current.CancellationToken;
        try
        {
            using var store = new DynamoDbFaultStore(SqsEndpoint.DynamoDb(topology), topology.FaultTable, TimeSpan.FromDays(1), createTable: true, TimeProvider.System);
            var record = new FaultRecord(Guid.NewGuid().ToString(), "probe_error",
                new Dictionary<string, string> { ["MT-Fault-ExceptionType"] = "System.TimeoutException" }, DateTimeOffset.UtcNow);

            (await store.FindAsync(record.MessageId, record.ErrorQueue, ct)).ShouldBeNull();
            await store.RecordAsync(record, ct);
            var found = await store.FindAsync(record.MessageId, record.ErrorQueue, ct);

            found.ShouldNotBeNull().Headers["MT-Fault-ExceptionType"].ShouldBe("System.TimeoutException");
            (await store.FindAsync(record.MessageId, "other_error", ct)).ShouldBeNull();
        }
        finally
        {
            await SqsEndpoint.CleanUpAsync(topology);
        }
    }
}
