using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor;

/// <summary>What the processor's consumer definitions share in how they retry and order their messages.</summary>
public static class ConsumerConventions
{
    /// <summary>
    /// No retry for what another attempt cannot change: HubSpot's refusals (4xx but 408 and 429) and Partner Central's
    /// permanent errors (validation, access denied, not found). The message faults at once, with its reason.
    /// </summary>
    public static void IgnorePermanentApiFailures(this IRetryConfigurator retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        retry.Ignore<HubSpotPermanentException>();
        retry.Ignore<PartnerCentralException>(e => e.Kind == PartnerCentralErrorKind.Permanent);
    }

    /// <summary>
    /// Consumes the <typeparamref name="TMessage"/>s of one <paramref name="key"/> one at a time (MassTransit's
    /// partitioner, <see cref="ProcessorOptions.PartitionCount"/> partitions), while other keys proceed in parallel.
    /// </summary>
    public static void PartitionBy<TConsumer, TMessage>(this IConsumerConfigurator<TConsumer> consumer, IRegistrationContext context,
        Func<ConsumeContext<TMessage>, string> key)
        where TConsumer : class
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(context);
        var partitions = context.GetRequiredService<IOptions<ProcessorOptions>>().Value.PartitionCount;
        consumer.Message<TMessage>(message => message.UsePartitioner(partitions, key));
    }
}
