using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.AmazonSqs.ErrorQueues;
using Switchyard.AmazonSqs.Transport;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Messaging;
using Switchyard.Testing;

namespace Switchyard.AmazonSqs.Tests.Transport;

/// <summary>
/// The transport against a real SQS/SNS endpoint (see <see cref="SqsEndpoint"/>): FIFO order per ordering key,
/// deduplication by message id, scoped names, and fault details recorded for the operator. Compiled only with the
/// transport built in.
/// </summary>
public class TransportEndpointTests
{
    static async Task<IHost> StartAsync(Dictionary<string, string?> settings, params (string Key, string Value)[] more)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "AmazonSqs",
            ["Bus:AmazonSqs:FifoQueues:0"] = OrderedModule.Queue,
            ["Bus:AmazonSqs:FifoMessageTypes:0"] = typeof(OrderedEvent).FullName,
            ["Bus:Retry:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(more.Select(m => KeyValuePair.Create(m.Key, (string?)m.Value)));
        builder.AddAmazonSqsTransport();
        builder.AddSwitchyardModules(new OrderedModule());
        var host = builder.Build();
        SwitchyardApplicationExtensions.FindConfigurationProblems(host.Services).ShouldBeEmpty();
        await host.StartAsync(TestContext.Current.CancellationToken);
        return host;
    }

    [Fact]
    public async Task Events_of_one_object_arrive_in_order_and_an_event_published_twice_arrives_once()
    {
        var settings = SqsEndpoint.RequireSettings(out var scope);
        var topology = SqsEndpoint.Topology(settings);
        try
        {
            using var host = await StartAsync(settings);
            var bus = host.Services.GetRequiredService<IBus>();
            var received = host.Services.GetRequiredService<Received>();
            var ids = new List<Guid>();
            for (var sequence = 0; sequence < 10; sequence++)
            {
                foreach (var key in new[] { "4242", "4243" })
                {
                    var id = Guid.NewGuid();
                    ids.Add(id);
                    await bus.Publish(new OrderedEvent { Key = key, Sequence = sequence }, context =>
                    {
                        context.MessageId = id;
                        context.SetOrderingKey(key);
                    }, TestContext.Current.CancellationToken);
                }
            }

            // The same id again, as a redelivered HubSpot event would have: SQS deduplicates it.
            await bus.Publish(new OrderedEvent { Key = "4242", Sequence = 99 }, context =>
            {
                context.MessageId = ids[0];
                context.SetOrderingKey("4242");
            }, TestContext.Current.CancellationToken);

            await Poll.UntilAsync(() => received.Events.Count >= 20, "the twenty events", TimeSpan.FromMinutes(2));
            await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

            received.Events.Count.ShouldBe(20);
            foreach (var key in new[] { "4242", "4243" })
                received.Events.Where(e => e.Key == key).Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, 10));

            using var sqs = SqsEndpoint.Sqs(topology);
            var queues = await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest { QueueNamePrefix = topology.NamePrefix }, TestContext.Current.CancellationToken);
            queues.QueueUrls.ShouldContain(url => url.EndsWith($"/{scope}_{OrderedModule.Queue}.fifo", StringComparison.Ordinal));
        }
        finally
        {
            await SqsEndpoint.CleanUpAsync(topology);
        }
    }

    [Fact]
    public async Task A_failed_event_lands_in_its_error_queue_and_the_operator_sees_its_full_fault()
    {
        var settings = SqsEndpoint.RequireSettings(out _);
        var topology = SqsEndpoint.Topology(settings);
        try
        {
            using var host = await StartAsync(settings);
            var bus = host.Services.GetRequiredService<IBus>();
            var messageId = Guid.NewGuid();

            await bus.Publish(new OrderedEvent { Key = "4242", Sequence = -1 }, context =>
            {
                context.MessageId = messageId;
                context.SetOrderingKey("4242");
            }, TestContext.Current.CancellationToken);

            var busSection = new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(BusOptions.Section);
            await using var broker = await AmazonSqsErrorQueueBroker.CreateAsync(busSection, TestContext.Current.CancellationToken);
            Hosting.ErrorQueues.ErrorQueueEntry? failed = null;
            await Poll.UntilAsync(async () =>
            {
                await foreach (var entry in broker.ReadAsync(OrderedModule.Queue + "_error", TestContext.Current.CancellationToken))
                    failed = entry;
                return failed is not null;
            }, "the event in the error queue", TimeSpan.FromMinutes(2));

            failed!.Message.MessageId.ShouldBe(messageId.ToString());
            failed.Message.Header(OrderingKey.Header).ShouldBe("4242");
            failed.Fault.Message.ShouldBe("Sequence -1 is refused.");
            failed.Fault.ExceptionType.ShouldBe("System.InvalidOperationException", "recorded in the fault table; SQS keeps only the message");
            failed.Fault.ConsumerType.ShouldNotBeNull().ShouldContain(nameof(OrderedConsumer));
            failed.Fault.MachineName.ShouldBe(Environment.MachineName);
        }
        finally
        {
            await SqsEndpoint.CleanUpAsync(topology);
        }
    }
}

public record OrderedEvent
{
    public required string Key { get; init; }
    public required int Sequence { get; init; }
}

public sealed class Received
{
    readonly ConcurrentQueue<OrderedEvent> _events = new();

    public IReadOnlyList<OrderedEvent> Events => [.. _events];

    public void Add(OrderedEvent e) => _events.Enqueue(e);
}

public sealed class OrderedConsumer(Received received) : IConsumer<OrderedEvent>
{
    public async Task Consume(ConsumeContext<OrderedEvent> context)
    {
        if (context.Message.Sequence < 0)
            throw new InvalidOperationException($"Sequence {context.Message.Sequence} is refused.");
        // Slow enough that a second event of the key, were it let through, would overtake this one.
        await Task.Delay(context.Message.Sequence % 3 == 0 ? 100 : 10, context.CancellationToken);
        received.Add(context.Message);
    }
}

public sealed class OrderedConsumerDefinition() : SwitchyardConsumerDefinition<OrderedConsumer>(OrderedModule.Queue);

public sealed class OrderedModule : ISwitchyardModule
{
    public const string Queue = "ordered";

    public string Name => "ordered";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<Received>();

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<OrderedConsumer, OrderedConsumerDefinition>();
}
