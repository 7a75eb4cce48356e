using MassTransit;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Puts <see cref="PartnerCentralInvitationConsumer"/> on the processor's queue, the reports of one invitation one at a
/// time (partitioned by invitation id), so an event and a poll of the same referral never create or write its deal at
/// once; across instances, the invitation id's unique value in HubSpot keeps it one deal.
/// </summary>
public sealed class PartnerCentralInvitationConsumerDefinition : SwitchyardConsumerDefinition<PartnerCentralInvitationConsumer>
{
    /// <summary>Creates the definition.</summary>
    public PartnerCentralInvitationConsumerDefinition() : base(ProcessorModule.EndpointName)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PartnerCentralInvitationConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.PartitionBy<PartnerCentralInvitationConsumer, PartnerCentralInvitationChanged>(context, consume => consume.Message.InvitationId);
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.IgnorePermanentApiFailures();
    }
}
