using MassTransit;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.ReviewSync;

/// <summary>
/// Puts <see cref="OpportunityReviewSyncConsumer"/> on the processor's queue, the changes of one opportunity one at a
/// time (partitioned by opportunity id), so an event and a poll of the same change never write a deal at once.
/// </summary>
public sealed class OpportunityReviewSyncConsumerDefinition : SwitchyardConsumerDefinition<OpportunityReviewSyncConsumer>
{
    /// <summary>Creates the definition.</summary>
    public OpportunityReviewSyncConsumerDefinition() : base(ProcessorModule.EndpointName)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OpportunityReviewSyncConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.PartitionBy<OpportunityReviewSyncConsumer, PartnerCentralOpportunityChanged>(context, consume => consume.Message.OpportunityId);
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.IgnorePermanentApiFailures();
    }
}
