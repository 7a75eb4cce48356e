using System.Text;
using MassTransit;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.InMemory;

/// <summary>The in-memory host keeps failed and skipped messages, and the operator's client reads, replays, removes and imports them.</summary>
public class InMemoryErrorQueueTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static async Task<List<ErrorQueueEntry>> ReadAllAsync(IErrorQueueBroker broker, string queue)
    {
        var entries = new List<ErrorQueueEntry>();
        await foreach (var entry in broker.ReadAsync(queue, Cancel))
            entries.Add(entry);
        return entries;
    }

    [Fact]
    public async Task A_message_whose_consumer_keeps_failing_is_listed_with_its_id_headers_body_and_the_fault_headers_MassTransit_sets()
    {
        await using var host = await OperatorHost.StartAsync();
        var id = await host.SendAsync(new Job(1));

        var status = await host.WaitForAsync(q => q.Errors, 1, "the job in the error queue");

        status.Ready.ShouldBeNull();
        status.Skipped.ShouldBe(0);
        status.OldestError.ShouldNotBeNull();
        var entry = (await ReadAllAsync(host.Operator, OperatorHost.ErrorQueue)).ShouldHaveSingleItem();
        entry.Queue.ShouldBe(OperatorHost.ErrorQueue);
        entry.Message.MessageId.ShouldBe(id.ToString());
        entry.Message.ContentType.ShouldBe("application/vnd.masstransit+json");
        entry.Message.Body.ShouldBe(host.Jobs.Attempts[^1].Body);
        entry.Message.Header("X-Tenant").ShouldBe("acme");
        entry.Message.Header(MessageHeaders.Reason).ShouldBe("fault");
        entry.Message.Header(MessageHeaders.Host.MachineName).ShouldBe(Environment.MachineName);
        entry.Message.Header(MessageHeaders.Host.MassTransitVersion).ShouldNotBeNullOrEmpty();
        entry.Message.Headers.Keys.ShouldNotContain(MessageHeaders.MessageId);
        entry.Message.Headers.Keys.ShouldNotContain(MessageHeaders.ContentType);
        entry.Fault.ExceptionType.ShouldBe("System.InvalidOperationException");
        entry.Fault.Message.ShouldBe("Job 1 cannot be done.");
        entry.Fault.StackTrace.ShouldNotBeNullOrEmpty();
        entry.Fault.InputAddress.ShouldNotBeNull();
        ErrorQueueNames.QueueNameOf(entry.Fault.InputAddress).ShouldBe(JobsModule.Queue);
        entry.Fault.Timestamp.ShouldNotBeNull();
        entry.Fault.Reason.ShouldBe("fault");
        entry.Fault.ConsumerType.ShouldBe(typeof(JobConsumer).FullName);
        entry.Fault.MessageType.ShouldBe(typeof(Job).FullName);
        entry.Fault.RetryCount.ShouldBe(2);
        status.OldestError.ShouldBe(entry.Fault.Timestamp);
        // The first attempt and the two immediate retries of the test host's settings.
        host.Jobs.Attempts.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Fault_events_are_still_published_for_a_message_kept_in_the_error_queue()
    {
        await using var host = await OperatorHost.StartAsync();
        var id = await host.SendAsync(new Job(2));

        await Poll.UntilAsync(() => host.Jobs.Faults.Count > 0, "Fault<Job> to be consumed");

        var fault = host.Jobs.Faults.ShouldHaveSingleItem();
        fault.FaultedMessageId.ShouldBe(id);
        fault.Message.Number.ShouldBe(2);
        fault.Exceptions.ShouldContain(e => e.Message == "Job 2 cannot be done.");
    }

    [Fact]
    public async Task A_message_no_consumer_takes_is_counted_and_listed_as_skipped()
    {
        await using var host = await OperatorHost.StartAsync();
        var id = await host.SendAsync(new Unwanted(3));

        var status = await host.WaitForAsync(q => q.Skipped, 1, "the unwanted message in the skipped queue");

        status.Errors.ShouldBe(0);
        var entry = (await ReadAllAsync(host.Operator, OperatorHost.SkippedQueue)).ShouldHaveSingleItem();
        entry.Message.MessageId.ShouldBe(id.ToString());
        entry.Message.Header(MessageHeaders.Reason).ShouldBe(KeepSkippedMessageFilter.Reason);
        entry.Fault.Reason.ShouldBe(KeepSkippedMessageFilter.Reason);
        entry.Message.Header("X-Tenant").ShouldBe("acme");
    }

    [Fact]
    public async Task A_message_sent_back_to_its_queue_reaches_the_consumer_with_the_same_id_headers_and_body_and_can_then_be_removed()
    {
        await using var host = await OperatorHost.StartAsync();
        var id = await host.SendAsync(new Job(4));
        await host.WaitForAsync(q => q.Errors, 1, "the job in the error queue");
        var entry = (await ReadAllAsync(host.Operator, OperatorHost.ErrorQueue)).ShouldHaveSingleItem();

        host.Jobs.Failing = false;
        await host.Operator.SendAsync(JobsModule.Queue, entry.Message, Cancel);

        await Poll.UntilAsync(() => host.Jobs.Done.Count > 0, "the replayed job to be consumed");
        var done = host.Jobs.Done.ShouldHaveSingleItem();
        done.MessageId.ShouldBe(id);
        done.Number.ShouldBe(4);
        done.Body.ShouldBe(entry.Message.Body);
        done.Body.ShouldBe(host.Jobs.Attempts[0].Body);
        HeaderValues.ToText(done.Headers["X-Tenant"]).ShouldBe("acme");
        HeaderValues.ToText(done.Headers[MessageHeaders.MessageId]).ShouldBe(id.ToString());

        await entry.RemoveAsync(Cancel);
        (await ReadAllAsync(host.Operator, OperatorHost.ErrorQueue)).ShouldBeEmpty();
        (await host.Operator.GetQueuesAsync(Cancel)).Single(q => q.Name == JobsModule.Queue).Errors.ShouldBe(0);
        // Removing what is already gone is not an error: a second operator may have been quicker.
        await entry.RemoveAsync(Cancel);
    }

    [Fact]
    public async Task A_message_sent_to_an_error_queue_is_imported_and_listed_unchanged()
    {
        await using var host = await OperatorHost.StartAsync();
        var message = new TransportMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            ContentType = "application/json",
            CorrelationId = Guid.NewGuid().ToString(),
            Headers = new Dictionary<string, object>
            {
                [MessageHeaders.Reason] = "fault",
                [MessageHeaders.FaultExceptionType] = "System.TimeoutException",
                [MessageHeaders.FaultRetryCount] = 3L,
                ["x-flag"] = true,
                ["x-ratio"] = 0.5,
            },
            Body = Encoding.UTF8.GetBytes("""{"exported":"from rabbitmq"}"""),
        };

        await host.Operator.SendAsync(OperatorHost.ErrorQueue, message, Cancel);

        var entry = (await ReadAllAsync(host.Operator, OperatorHost.ErrorQueue)).ShouldHaveSingleItem();
        entry.Message.MessageId.ShouldBe(message.MessageId);
        entry.Message.ContentType.ShouldBe(message.ContentType);
        entry.Message.CorrelationId.ShouldBe(message.CorrelationId);
        entry.Message.Body.ShouldBe(message.Body);
        entry.Message.Headers.ShouldBe(message.Headers, ignoreOrder: true);
        entry.Fault.ExceptionType.ShouldBe("System.TimeoutException");
        entry.Fault.RetryCount.ShouldBe(3);
        host.Jobs.Attempts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_queue_that_is_not_a_receive_endpoint_is_not_found_and_nothing_is_sent()
    {
        await using var host = await OperatorHost.StartAsync();
        var message = new TransportMessage { MessageId = Guid.NewGuid().ToString(), ContentType = "application/json", Body = [1, 2, 3] };

        (await Should.ThrowAsync<QueueNotFoundException>(() => host.Operator.SendAsync("no-such-queue", message, Cancel)))
            .Queue.ShouldBe("no-such-queue");
        (await Should.ThrowAsync<QueueNotFoundException>(() => host.Operator.SendAsync("no-such-queue_error", message, Cancel)))
            .Queue.ShouldBe("no-such-queue_error");
        await Should.ThrowAsync<QueueNotFoundException>(() => ReadAllAsync(host.Operator, "no-such-queue_error"));
        (await host.Operator.GetQueuesAsync(Cancel)).Select(q => q.Name).ShouldNotContain("no-such-queue");
    }

    [Fact]
    public async Task Every_receive_endpoint_is_listed()
    {
        await using var host = await OperatorHost.StartAsync();

        var queues = await host.Operator.GetQueuesAsync(Cancel);

        queues.Select(q => q.Name).ShouldContain(JobsModule.Queue);
        queues.Select(q => q.Name).ShouldContain(JobsModule.FaultQueue);
        queues.ShouldAllBe(q => q.Ready == null && q.Errors == 0 && q.Skipped == 0 && q.OldestError == null);
    }
}
