using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.Sync;

/// <summary>
/// The Partner Central write queue (<c>processor-partner-central</c>): every message on it makes at most one Partner
/// Central write, so MassTransit's rate limit of <c>PartnerCentral:Quotas:WritesPerSecond</c> messages per second, one
/// message at a time, on one instance at a time (the others stand by), is a limit on writes across instances. The
/// write budget (<see cref="PartnerCentralWrites"/>) keeps the per-second and window quotas exactly.
/// </summary>
public static class WriteQueueRegistration
{
    /// <summary>Registers the messages of the queue as ones a write can be parked with, and what the consumers share.</summary>
    public static IHostApplicationBuilder AddWriteQueue(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<DealFailures>();
        builder.Services.AddParkableMessage<SyncOpportunity>(SyncOpportunity.Coalesce);
        builder.Services.AddParkableMessage<AssociateOpportunitySolution>();
        return builder;
    }

    /// <summary>Registers the queue's consumers, and its settings once for the queue rather than per consumer.</summary>
    public static void AddWriteQueueConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<OpportunitySyncConsumer, OpportunitySyncConsumerDefinition>();
        bus.AddConsumer<AssociateOpportunitySolutionConsumer, AssociateOpportunitySolutionConsumerDefinition>();
        bus.AddConfigureEndpointsCallback((context, queueName, endpoint) =>
        {
            if (queueName != context.QueueName(ProcessorModule.SyncEndpointName))
                return;
            var quotas = context.GetRequiredService<IOptions<PartnerCentralQuotaOptions>>().Value;
            endpoint.ConsumeFromOneInstanceAtATime();
            endpoint.ConcurrentMessageLimit = 1;
            endpoint.UseRateLimit(quotas.WritesPerSecond, TimeSpan.FromSeconds(1));
        });
    }
}
