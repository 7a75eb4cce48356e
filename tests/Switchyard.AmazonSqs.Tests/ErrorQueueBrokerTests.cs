using System.Text;
using Microsoft.Extensions.Configuration;
using Switchyard.AmazonSqs.ErrorQueues;
using Switchyard.AmazonSqs.Faults;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.Messaging;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>The operator's SQS broker against an SQS in memory (<see cref="FakeSqs"/>).</summary>
public class ErrorQueueBrokerTests
{
    sealed class Setup : IAsyncDisposable
    {
        public Setup(string? scope, TimeSpan visibility)
        {
            Topology = AmazonSqsTopology.From(new AmazonSqsOptions { Region = "eu-west-1", Scope = scope });
            Broker = new AmazonSqsErrorQueueBroker(Sqs.Client, Faults, Topology, visibility, TimeProvider.System);
        }

        public FakeSqs Sqs { get; } = new();
        public FakeFaultStore Faults { get; } = new();
        public AmazonSqsTopology Topology { get; }
        public AmazonSqsErrorQueueBroker Broker { get; }

        public ValueTask DisposeAsync() => Broker.DisposeAsync();
    }

    static Setup Create(string? scope = "staging", TimeSpan? visibility = null) => new(scope, visibility ?? TimeSpan.FromMinutes(2));

    static string Envelope(Guid messageId) =>
        $$$"""{"messageId":"{{{messageId}}}","messageType":["urn:message:Switchyard.Contracts.HubSpot:HubSpotEventReceived"],"message":{"objectId":4242}}""";

    static async Task<List<ErrorQueueEntry>> ReadAllAsync(IErrorQueueBroker broker, string queue, Func<ErrorQueueEntry, Task>? each = null)
    {
        var entries = new List<ErrorQueueEntry>();
        await foreach (var entry in broker.ReadAsync(queue, TestContext.Current.CancellationToken))
        {
            entries.Add(entry);
            if (each is not null)
                await each(entry);
        }
        return entries;
    }

    [Fact]
    public async Task Queues_are_listed_by_the_services_names_with_their_error_and_skipped_counts_within_the_scope()
    {
        await using var setup = Create();
        foreach (var queue in new[] { "staging_processor.fifo", "staging_processor_error.fifo", "staging_dispatcher", "staging_dispatcher_error",
                     "staging_dispatcher_skipped", "production_processor.fifo", "staging_ip-10-0-0-1_dotnet_bus_x7y", })
            setup.Sqs.CreateQueue(queue);
        setup.Sqs.Put("staging_processor.fifo", "{}", groupId: "1");
        setup.Sqs.Put("staging_processor.fifo", "{}", groupId: "2");
        for (var i = 0; i < 3; i++)
            setup.Sqs.Put("staging_processor_error.fifo", "{}", groupId: "1");
        setup.Sqs.Put("staging_dispatcher_error", "{}");
        setup.Sqs.Put("staging_dispatcher_skipped", "{}");
        setup.Sqs.Put("production_processor.fifo", "{}", groupId: "1");

        var queues = await setup.Broker.GetQueuesAsync(TestContext.Current.CancellationToken);

        queues.ShouldBe([
            new QueueStatus("dispatcher", 0, 1, 1, null),
            new QueueStatus("processor", 2, 3, 0, null),
        ]);
    }

    [Fact]
    public async Task A_read_holds_its_messages_out_of_sight_and_puts_back_what_was_not_removed()
    {
        await using var setup = Create();
        setup.Sqs.CreateQueue("staging_dispatcher-delivery_error");
        for (var i = 0; i < 3; i++)
            setup.Sqs.Put("staging_dispatcher-delivery_error", Envelope(Guid.NewGuid()));
        var visibleDuringRead = new List<int>();

        var entries = await ReadAllAsync(setup.Broker, "dispatcher-delivery_error", async entry =>
        {
            visibleDuringRead.Add(setup.Sqs.Visible("staging_dispatcher-delivery_error"));
            if (visibleDuringRead.Count == 2)
                await entry.RemoveAsync(TestContext.Current.CancellationToken);
        });

        entries.Count.ShouldBe(3);
        visibleDuringRead.ShouldAllBe(v => v == 0);
        setup.Sqs.Count("staging_dispatcher-delivery_error").ShouldBe(2);
        setup.Sqs.Visible("staging_dispatcher-delivery_error").ShouldBe(2);
        entries.ShouldAllBe(e => e.Queue == "dispatcher-delivery_error");
    }

    [Fact]
    public async Task Each_message_is_read_once_oldest_first_and_one_received_again_is_removed_under_its_new_handle()
    {
        await using var setup = Create();
        const string queue = "staging_dispatcher_error";
        setup.Sqs.CreateQueue(queue);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var sqsIds = new Dictionary<string, string>();
        for (var i = 0; i < 12; i++)
        {
            var id = Guid.NewGuid();
            // Put newest first, so that SQS's order and the age order differ.
            sqsIds[id.ToString()] = setup.Sqs.Put(queue, Envelope(id), sentAt: start.AddMinutes(12 - i));
        }

        ErrorQueueEntry? first = null;
        var entries = await ReadAllAsync(setup.Broker, "dispatcher_error", entry =>
        {
            if (first is null)
            {
                first = entry;
                // Its timeout passes: the next receive hands it out again, with a new receipt handle.
                setup.Sqs.Expire(queue, sqsIds[entry.Message.MessageId]);
            }
            return Task.CompletedTask;
        });
        await first!.RemoveAsync(TestContext.Current.CancellationToken);

        entries.Select(e => e.Message.MessageId).Distinct().Count().ShouldBe(12);
        entries.Take(10).Select(e => sqsIds[e.Message.MessageId]).ShouldBe(
            sqsIds.Values.Take(10).Reverse(), "the first batch, oldest first");
        setup.Sqs.Count(queue).ShouldBe(11);
    }

    [Fact]
    public async Task The_visibility_timeout_is_extended_while_the_read_runs()
    {
        await using var setup = Create(visibility: TimeSpan.FromSeconds(2));
        setup.Sqs.CreateQueue("staging_dispatcher_error");
        setup.Sqs.Put("staging_dispatcher_error", Envelope(Guid.NewGuid()));

        await using (var reading = setup.Broker.ReadAsync("dispatcher_error", TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            (await reading.MoveNextAsync()).ShouldBeTrue();
            await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);

            setup.Sqs.Visible("staging_dispatcher_error").ShouldBe(0, "still held after more than its timeout");
            setup.Sqs.VisibilityChanges.ShouldContain(2);
        }

        setup.Sqs.Visible("staging_dispatcher_error").ShouldBe(1);
        setup.Sqs.VisibilityChanges[^1].ShouldBe(0);
    }

    [Fact]
    public async Task Fault_details_are_the_three_attributes_SQS_kept_completed_with_the_recorded_ones()
    {
        await using var setup = Create();
        setup.Sqs.CreateQueue("staging_processor_error.fifo");
        var messageId = Guid.NewGuid();
        setup.Sqs.Put("staging_processor_error.fifo", Envelope(messageId), new Dictionary<string, string>
        {
            ["Content-Type"] = "application/vnd.masstransit+json",
            ["MessageId"] = "an-earlier-sqs-message-id",
            [OrderingKey.Header] = "4242",
            ["MT-Reason"] = "fault",
            ["MT-Fault-InputAddress"] = "amazonsqs://eu-west-1/staging_processor.fifo",
            ["MT-Fault-Message"] = "HubSpot did not answer in time.",
        }, groupId: "4242");
        await setup.Faults.RecordAsync(new FaultRecord(messageId.ToString(), "processor_error", new Dictionary<string, string>
        {
            ["MT-Fault-ExceptionType"] = "System.TimeoutException",
            ["MT-Fault-Message"] = "recorded, but the message's own attribute wins",
            ["MT-Fault-StackTrace"] = "at Switchyard.Processor.HubSpot.HubSpotCrmClient.GetDealAsync()",
            ["MT-Fault-ConsumerType"] = "Switchyard.Processor.HubSpotEvents.DealCreatedConsumer",
            ["MT-Fault-MessageType"] = "Switchyard.Contracts.HubSpot.HubSpotEventReceived",
            ["MT-Fault-Timestamp"] = "2026-11-22T10:00:00.0000000Z",
            ["MT-Fault-RetryCount"] = "3",
            ["MT-Host-MachineName"] = "processor-1",
        }, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        var entry = (await ReadAllAsync(setup.Broker, "processor_error")).ShouldHaveSingleItem();

        entry.Message.MessageId.ShouldBe(messageId.ToString());
        entry.Message.ContentType.ShouldBe("application/vnd.masstransit+json");
        entry.Message.Header(OrderingKey.Header).ShouldBe("4242");
        entry.Message.Headers.ContainsKey("Content-Type").ShouldBeFalse();
        Encoding.UTF8.GetString(entry.Message.Body).ShouldBe(Envelope(messageId));
        entry.Fault.ShouldBe(new FaultDetails
        {
            ExceptionType = "System.TimeoutException",
            Message = "HubSpot did not answer in time.",
            StackTrace = "at Switchyard.Processor.HubSpot.HubSpotCrmClient.GetDealAsync()",
            Timestamp = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero),
            InputAddress = "amazonsqs://eu-west-1/staging_processor.fifo",
            ConsumerType = "Switchyard.Processor.HubSpotEvents.DealCreatedConsumer",
            MessageType = "Switchyard.Contracts.HubSpot.HubSpotEventReceived",
            RetryCount = 3,
            MachineName = "processor-1",
            Reason = "fault",
        });
    }

    [Fact]
    public async Task Without_a_record_the_details_are_what_SQS_kept()
    {
        await using var setup = Create();
        setup.Sqs.CreateQueue("staging_dispatcher_error");
        setup.Sqs.Put("staging_dispatcher_error", Envelope(Guid.NewGuid()), new Dictionary<string, string>
        {
            ["MT-Reason"] = "fault",
            ["MT-Fault-Message"] = "Boom",
        });

        var entry = (await ReadAllAsync(setup.Broker, "dispatcher_error")).ShouldHaveSingleItem();

        entry.Fault.ShouldBe(new FaultDetails { Message = "Boom", Reason = "fault" });
    }

    [Fact]
    public async Task Sending_keeps_body_and_attributes_and_puts_a_FIFO_message_in_its_group_with_a_fresh_deduplication_id()
    {
        await using var setup = Create();
        setup.Sqs.CreateQueue("staging_processor.fifo");
        setup.Sqs.CreateQueue("staging_dispatcher");
        var message = new TransportMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            ContentType = "application/vnd.masstransit+json",
            CorrelationId = "7d1e0c4a-0000-0000-0000-000000000001",
            Headers = new Dictionary<string, object> { [OrderingKey.Header] = "4242", ["MT-Activity-Id"] = "00-abc-def-01", ["Retries"] = 2L },
            Body = Encoding.UTF8.GetBytes(Envelope(Guid.NewGuid())),
        };

        await setup.Broker.SendAsync("processor", message, TestContext.Current.CancellationToken);
        await setup.Broker.SendAsync("processor", message, TestContext.Current.CancellationToken);
        await setup.Broker.SendAsync("dispatcher", message, TestContext.Current.CancellationToken);

        var (first, second, standard) = (setup.Sqs.Sent[0], setup.Sqs.Sent[1], setup.Sqs.Sent[2]);
        first.QueueUrl.ShouldBe(FakeSqs.UrlOf("staging_processor.fifo"));
        first.MessageBody.ShouldBe(Encoding.UTF8.GetString(message.Body));
        first.MessageAttributes.ToDictionary(a => a.Key, a => (a.Value.DataType, a.Value.StringValue)).ShouldBe(new Dictionary<string, (string, string)>
        {
            ["Content-Type"] = ("String", "application/vnd.masstransit+json"),
            ["CorrelationId"] = ("String", "7d1e0c4a-0000-0000-0000-000000000001"),
            [OrderingKey.Header] = ("String", "4242"),
            ["MT-Activity-Id"] = ("String", "00-abc-def-01"),
            ["Retries"] = ("String", "2"),
        }, ignoreOrder: true);
        first.MessageGroupId.ShouldBe("4242");
        first.MessageDeduplicationId.ShouldStartWith(message.MessageId);
        second.MessageDeduplicationId.ShouldNotBe(first.MessageDeduplicationId);
        standard.QueueUrl.ShouldBe(FakeSqs.UrlOf("staging_dispatcher"));
        standard.MessageGroupId.ShouldBeNull();
        standard.MessageDeduplicationId.ShouldBeNull();
    }

    [Fact]
    public async Task A_message_with_more_attributes_than_SQS_carries_is_refused_and_nothing_is_sent()
    {
        await using var setup = Create();
        setup.Sqs.CreateQueue("staging_dispatcher");
        var message = new TransportMessage
        {
            MessageId = "m-1",
            Headers = Enumerable.Range(1, 11).ToDictionary(i => $"MT-Fault-Detail-{i}", i => (object)"x"),
            Body = "{}"u8.ToArray(),
        };

        var error = await Should.ThrowAsync<InvalidOperationException>(() => setup.Broker.SendAsync("dispatcher", message, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("SQS carries at most 10");
        error.Message.ShouldContain("Nothing was sent");
        setup.Sqs.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_text_is_refused()
    {
        await using var setup = Create();
        setup.Sqs.CreateQueue("staging_dispatcher");

        await Should.ThrowAsync<InvalidOperationException>(() => setup.Broker.SendAsync("dispatcher",
            new TransportMessage { MessageId = "m-1", Body = [0xC3, 0x28] }, TestContext.Current.CancellationToken));

        setup.Sqs.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_reported_as_such()
    {
        await using var setup = Create();

        var send = await Should.ThrowAsync<QueueNotFoundException>(() => setup.Broker.SendAsync("nothing",
            new TransportMessage { MessageId = "m-1", Body = "{}"u8.ToArray() }, TestContext.Current.CancellationToken));
        var read = await Should.ThrowAsync<QueueNotFoundException>(() => ReadAllAsync(setup.Broker, "nothing_error"));

        send.Queue.ShouldBe("nothing");
        read.Queue.ShouldBe("nothing_error");
    }

    [Theory]
    [InlineData("processor_error", "staging_processor_error.fifo")]
    [InlineData("staging_processor_error.fifo", "staging_processor_error.fifo")]
    [InlineData("processor", "staging_processor.fifo")]
    [InlineData("amazonsqs://eu-west-1/staging_processor.fifo", "staging_processor.fifo")]
    [InlineData("dispatcher-delivery", "staging_dispatcher-delivery")]
    public async Task Queues_are_found_by_the_services_names_their_SQS_names_or_a_faults_input_address(string given, string queue)
    {
        await using var setup = Create();
        foreach (var name in new[] { "processor.fifo", "staging_processor.fifo", "staging_processor_error.fifo", "staging_dispatcher-delivery" })
            setup.Sqs.CreateQueue(name);

        (await setup.Broker.UrlOfAsync(given, TestContext.Current.CancellationToken)).ShouldBe(FakeSqs.UrlOf(queue));
    }

    [Fact]
    public async Task Without_a_scope_a_FIFO_queue_is_found_by_its_plain_name()
    {
        await using var setup = Create(scope: null);
        setup.Sqs.CreateQueue("processor_error.fifo");

        (await setup.Broker.UrlOfAsync("processor_error", TestContext.Current.CancellationToken)).ShouldBe(FakeSqs.UrlOf("processor_error.fifo"));
    }

    [Fact]
    public async Task Creating_a_broker_from_invalid_settings_lists_every_problem()
    {
        var bus = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:AmazonSqs:ServiceUrl"] = "localstack",
            ["Bus:AmazonSqs:Scope"] = "no spaces",
        }).Build().GetSection(BusOptions.Section);

        var error = await Should.ThrowAsync<InvalidConfigurationException>(() => AmazonSqsErrorQueueBroker.CreateAsync(bus, TestContext.Current.CancellationToken));

        error.Problems.Count.ShouldBe(3);
        error.Problems.ShouldContain("Bus:AmazonSqs:Region is empty: set the AWS region, e.g. eu-west-1.");
    }

    [Fact]
    public void The_description_says_where_and_as_whom_without_secrets()
    {
        var topology = AmazonSqsTopology.From(new AmazonSqsOptions
        {
            Region = "eu-west-1", Scope = "staging", RoleArn = "arn:aws:iam::123456789012:role/ops", ExternalId = "Sekr1t-External-Id",
        });
        var broker = new AmazonSqsErrorQueueBroker(new FakeSqs().Client, new FakeFaultStore(), topology, TimeSpan.FromMinutes(2), TimeProvider.System);

        broker.Description.ShouldBe("Amazon SQS in eu-west-1, scope staging, credentials from the default chain assuming arn:aws:iam::123456789012:role/ops, FIFO queues staging_processor.fifo, staging_processor-polling.fifo");
    }
}
