using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.Tests.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// The emulator's events reach a queue as EventBridge puts them in an SQS message: the body is the event's JSON byte
/// for byte, no MassTransit envelope, read by a raw-JSON receive endpoint, in memory and on a real RabbitMQ broker.
/// </summary>
public sealed class EventSinkTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static readonly Dictionary<string, string?> EmulatorSettings = new()
    {
        ["Emulators:PartnerCentral:Credentials:0:AccessKeyId"] = "AKIAEVENTSINKTEST001",
        ["Emulators:PartnerCentral:Credentials:0:SecretAccessKey"] = "event-sink-secret",
    };

    static async Task AssertDeliveredRawAsync(IReadOnlyDictionary<string, string?> busSettings)
    {
        await using var host = await SwitchyardTestHost.StartAsync([new PartnerCentralEmulatorModule(), new RawEventModule()],
            EmulatorSettings.Concat(busSettings));
        using var client = ClientHost.Create(new Dictionary<string, string?>
        {
            ["ServiceUrl"] = new Uri(host.BaseAddress, "emulators/partner-central/").ToString(),
            ["AccessKeyId"] = "AKIAEVENTSINKTEST001",
            ["SecretAccessKey"] = "event-sink-secret",
        });
        var emulator = host.Services.GetRequiredService<PartnerCentralEmulator>();
        var received = host.Services.GetRequiredService<RawEvents>();

        var created = await client.Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        await Poll.UntilAsync(() => received.Bodies.Count >= 1, "the raw event to arrive", TimeSpan.FromSeconds(60));

        var produced = emulator.Events.Single();
        produced.OpportunityId.ShouldBe(created.Id);
        var arrived = received.Bodies.Single();
        arrived.Body.ShouldBe(produced.Json);
        arrived.ContentType.ShouldBe("application/json");
        arrived.MessageId.ShouldBe(produced.Id);
    }

    [Fact]
    public Task In_a_Switchyard_host_the_events_reach_the_processors_queue_raw_in_memory() =>
        AssertDeliveredRawAsync(new Dictionary<string, string?> { ["Bus:Transport"] = "InMemory" });

    [Fact]
    public async Task In_a_Switchyard_host_the_events_reach_the_processors_queue_raw_on_RabbitMQ()
    {
        var broker = RabbitMqBroker.Require();
        await using var vhost = await broker.CreateVirtualHostAsync("pc-events-host");
        await AssertDeliveredRawAsync(vhost.BusSettings);
    }

    [Fact]
    public async Task The_loopback_server_puts_raw_events_on_a_test_brokers_queue()
    {
        var broker = RabbitMqBroker.Require();
        await using var vhost = await broker.CreateVirtualHostAsync("pc-events-loopback");
        await using var api = await CoSellApi.StartAsync(busSettings: vhost.BusSettings);

        var (_, invitation) = await api.ControlAsync("invitations");
        await Poll.UntilAsync(async () => await vhost.CountMessagesAsync(SellingApiEvents.QueueName) >= 1,
            "the event on the queue", TimeSpan.FromSeconds(60));
        var messages = await vhost.PeekAsync(SellingApiEvents.QueueName);

        var produced = api.Emulator.Events.Single();
        produced.InvitationId.ShouldBe((string?)invitation["Id"]);
        messages.Single().Body.ShouldBe(produced.Json);
        messages.Single().MessageId.ShouldBe(produced.Id.ToString());
        // The recorder, a sink too, got the same event.
        api.Server.EventRecorder.Events.Single().Id.ShouldBe(produced.Id);
    }
}

/// <summary>What the raw-event endpoint received.</summary>
public sealed class RawEvents
{
    readonly ConcurrentQueue<(string Body, string? ContentType, Guid? MessageId)> _bodies = new();

    /// <summary>Each message's body as received, its content type and message id.</summary>
    public IReadOnlyList<(string Body, string? ContentType, Guid? MessageId)> Bodies => _bodies.ToArray();

    internal void Add(string body, string? contentType, Guid? messageId) => _bodies.Enqueue((body, contentType, messageId));
}

/// <summary>Any JSON object; the test reads the body it came in.</summary>
public sealed record RawSellingEvent;

/// <summary>A receive endpoint on the processor's event queue that reads raw JSON, as the processor will.</summary>
public sealed class RawEventModule : ISwitchyardModule
{
    /// <inheritdoc />
    public string Name => "raw-events";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<RawEvents>();

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<RawEventConsumer, RawEventConsumerDefinition>();
}

/// <summary>Records the body of each message.</summary>
public sealed class RawEventConsumer(RawEvents events) : IConsumer<RawSellingEvent>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<RawSellingEvent> context)
    {
        events.Add(context.ReceiveContext.Body.GetString(), context.ReceiveContext.ContentType?.MediaType, context.MessageId);
        return Task.CompletedTask;
    }
}

/// <summary>Reads the event queue's messages as raw JSON of any type: EventBridge sends no MassTransit headers.</summary>
public sealed class RawEventConsumerDefinition() : SwitchyardConsumerDefinition<RawEventConsumer>(SellingApiEvents.QueueName)
{
    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RawEventConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }
}
