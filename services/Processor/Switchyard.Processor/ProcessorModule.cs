using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.HubSpotEvents;
using Switchyard.Processor.Invitations;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.PartnerCentralEvents;
using Switchyard.Processor.Polling;
using Switchyard.Processor.Quotas;
using Switchyard.Processor.ReviewSync;
using Switchyard.Processor.Storage;
using Switchyard.Processor.Submission;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor;

/// <summary>
/// The processor service: one consumer per HubSpot event kind reads HubSpot and decides; the consumers of one
/// rate-limited queue write to Partner Central, one write per message, within Partner Central's quotas; every event
/// ends in an outcome event.
/// </summary>
public sealed class ProcessorModule : ISwitchyardModule
{
    /// <summary>The queue all HubSpot event consumers share, so events of one object arrive in one ordered stream.</summary>
    public const string EndpointName = "processor";

    /// <summary>The Partner Central write queue: syncs and associations, consumed one at a time within the write quotas.</summary>
    public const string SyncEndpointName = "processor-partner-central";

    /// <inheritdoc />
    public string Name => "processor";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProcessorOptions>().Bind(builder.Configuration.GetSection(ProcessorOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProcessorOptions>, ProcessorOptionsValidator>();
        builder.Services.AddSingleton<Outcomes>();
        builder.Services.AddSingleton<ProcessorMetrics>();
        builder.Services.AddPublishObserver(services => services.GetRequiredService<ProcessorMetrics>());
        builder.AddHubSpotCrm();
        builder.AddPartnerCentral();
        builder.AddOpportunityMapping();
        // Before the bus, so the schema exists when the first message arrives.
        builder.AddProcessorStorage();
        builder.AddPartnerCentralWrites();
        builder.AddWriteQueue();
        builder.AddPartnerCentralEvents();
        builder.AddPartnerCentralPolling();
        builder.AddSubmission();
        builder.AddInvitations();
    }

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DealCreatedConsumer, DealCreatedConsumerDefinition>();
        bus.AddConsumer<DealPropertyChangedConsumer, DealPropertyChangedConsumerDefinition>();
        bus.AddConsumer<CompanyPropertyChangedConsumer, CompanyPropertyChangedConsumerDefinition>();
        bus.AddConsumer<ContactPropertyChangedConsumer, ContactPropertyChangedConsumerDefinition>();
        bus.AddConsumer<NoteCreatedConsumer, NoteCreatedConsumerDefinition>();
        bus.AddConsumer<UnhandledEventConsumer, UnhandledEventConsumerDefinition>();
        bus.AddWriteQueueConsumers();
        bus.AddPartnerCentralEventConsumer();
        bus.AddConsumer<OpportunityReviewSyncConsumer, OpportunityReviewSyncConsumerDefinition>();
        bus.AddPartnerCentralPollConsumer();
        bus.AddSubmissionConsumers();
        bus.AddInvitationConsumers();

        // Once for the queue, not per consumer: events of one HubSpot object, whatever their kind, go one at a time
        // and in order, while other objects' events proceed in parallel. A partitioner orders within one process, so
        // one instance at a time consumes the queue (the others stand by).
        bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
        {
            if (queueName != context.QueueName(EndpointName))
                return;
            endpoint.ConsumeFromOneInstanceAtATime();
            var partitions = context.GetRequiredService<IOptions<ProcessorOptions>>().Value.PartitionCount;
            endpoint.UsePartitioner<HubSpotEventReceived>(new Partitioner(partitions, new Murmur3UnsafeHashGenerator()),
                consume => PartitionKey(consume.Message.ObjectId));
        });
    }

    static Guid PartitionKey(long objectId)
    {
        Span<byte> key = stackalloc byte[16];
        BitConverter.TryWriteBytes(key, objectId);
        return new Guid(key);
    }
}
