using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.AmazonSqs.Faults;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Testing;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>
/// The recorder in MassTransit's error pipe, on the in-memory transport: what it records is what MassTransit computes
/// for the error queue, whatever the transport then keeps of it.
/// </summary>
public class FaultRecordingTests
{
    static Task<ModuleHarness> StartAsync(FakeFaultStore store) =>
        ModuleHarness.StartAsync([new ProbeModule()], new Dictionary<string, string?>
        {
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:Intervals:1"] = "00:00:00.010",
        }, services => services.Replace(ServiceDescriptor.Singleton<IFaultStore>(store)));

    [Fact]
    public async Task A_message_moved_to_its_error_queue_leaves_its_full_fault_details_keyed_by_message_and_error_queue()
    {
        var store = new FakeFaultStore();
        await using var harness = await StartAsync(store);
        var messageId = Guid.NewGuid();

        await harness.Harness.Bus.Publish(new Probe { Id = Guid.NewGuid() }, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        (await harness.Harness.PublishedAsync<Fault<Probe>>()).ShouldHaveSingleItem();
        await Poll.UntilAsync(() => store.Records.Count > 0, "the fault record");
        var record = store.Records.ShouldHaveSingleItem();
        record.MessageId.ShouldBe(messageId.ToString());
        record.ErrorQueue.ShouldBe("probe_error");
        record.Headers["MT-Reason"].ShouldBe("fault");
        record.Headers["MT-Fault-ExceptionType"].ShouldBe("System.InvalidOperationException");
        record.Headers["MT-Fault-Message"].ShouldBe("The probe always fails.");
        record.Headers["MT-Fault-StackTrace"].ShouldContain(nameof(FailingProbeConsumer));
        record.Headers["MT-Fault-InputAddress"].ShouldEndWith("/probe");
        record.Headers["MT-Host-MachineName"].ShouldBe(Environment.MachineName);

        var details = record.ToFaultDetails();
        details.ExceptionType.ShouldBe("System.InvalidOperationException");
        details.Timestamp.ShouldNotBeNull();
        details.MachineName.ShouldBe(Environment.MachineName);
    }

    [Fact]
    public async Task A_store_that_fails_does_not_keep_the_message_from_its_error_queue()
    {
        var store = new FakeFaultStore { Failure = new InvalidOperationException("DynamoDB is unreachable.") };
        await using var harness = await StartAsync(store);

        await harness.Harness.Bus.Publish(new Probe { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        (await harness.Harness.PublishedAsync<Fault<Probe>>()).ShouldHaveSingleItem();
        store.Records.ShouldBeEmpty();
    }

    [Fact]
    public void Details_recorded_complete_what_the_error_queue_kept_without_overriding_it()
    {
        var kept = new TransportMessage
        {
            MessageId = "m-1",
            Headers = new Dictionary<string, object> { ["MT-Fault-Message"] = "kept", ["MT-Reason"] = "fault" },
            Body = [],
        };
        var record = new FaultRecord("m-1", "probe_error", new Dictionary<string, string>
        {
            ["MT-Fault-Message"] = "recorded",
            ["MT-Fault-ExceptionType"] = "System.TimeoutException",
        }, DateTimeOffset.UtcNow);

        var details = FaultDetails.FromHeaders(kept).Complete(record.ToFaultDetails());

        details.Message.ShouldBe("kept");
        details.ExceptionType.ShouldBe("System.TimeoutException");
        details.Reason.ShouldBe("fault");
    }
}

public record Probe
{
    public required Guid Id { get; init; }
}

public sealed class FailingProbeConsumer : IConsumer<Probe>
{
    public Task Consume(ConsumeContext<Probe> context) => throw new InvalidOperationException("The probe always fails.");
}

public sealed class FailingProbeConsumerDefinition() : SwitchyardConsumerDefinition<FailingProbeConsumer>("probe");

public sealed class PublisherModule : ISwitchyardModule
{
    public string Name => "publisher";
}

public sealed class ProbeModule : ISwitchyardModule
{
    public string Name => "probe";

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<FailingProbeConsumer, FailingProbeConsumerDefinition>();
        bus.AddAmazonSqsFaultRecording();
    }
}

/// <summary>The FIFO keys of what the receipt publishes, read off a real MassTransit publish context.</summary>
public class FifoKeysTests
{
    [Fact]
    public async Task A_published_messages_group_is_its_ordering_key_and_its_deduplication_id_its_message_id()
    {
        await using var harness = await ModuleHarness.StartAsync([new PublisherModule()]);
        var messageId = Guid.NewGuid();

        await harness.Harness.Bus.Publish(new Probe { Id = Guid.NewGuid() }, context =>
        {
            context.MessageId = messageId;
            Switchyard.Hosting.Messaging.OrderingKey.SetOrderingKey(context, "4242");
        }, TestContext.Current.CancellationToken);
        await harness.Harness.Bus.Publish(new Probe { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        // Publishing has returned, so both are recorded.
        var published = harness.Harness.PublishedSoFar<Probe>().Select(p => p.Context).ToList();
        var keyed = published.Single(c => c.MessageId == messageId);
        FifoKeys.GroupId(keyed).ShouldBe("4242");
        FifoKeys.DeduplicationId(keyed).ShouldBe(messageId.ToString());
        var unkeyed = published.Single(c => c.MessageId != messageId);
        FifoKeys.GroupId(unkeyed).ShouldBe(unkeyed.MessageId.ToString());
    }

    [Theory]
    [InlineData("amazonsqs://eu-west-1/staging_processor.fifo", true)]
    [InlineData("queue:processor.fifo", true)]
    [InlineData("amazonsqs://eu-west-1/staging_dispatcher-delivery", false)]
    [InlineData(null, false)]
    public void A_destination_is_FIFO_when_its_queue_name_ends_in_fifo(string? address, bool fifo) =>
        FifoKeys.IsFifoDestination(address is null ? null : new Uri(address)).ShouldBe(fifo);
}
