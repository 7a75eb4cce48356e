using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Polling;

/// <summary>
/// Puts <see cref="PartnerCentralPollConsumer"/> on the <c>processor-polling</c> queue, one tick at a time and one
/// instance at a time: however many processors run, one polls.
/// </summary>
public sealed class PartnerCentralPollConsumerDefinition : SwitchyardConsumerDefinition<PartnerCentralPollConsumer>
{
    /// <summary>The queue of the ticks.</summary>
    public const string QueueName = "processor-polling";

    /// <summary>Creates the definition.</summary>
    public PartnerCentralPollConsumerDefinition() : base(QueueName)
    {
        ConcurrentMessageLimit = 1;
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PartnerCentralPollConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.ConsumeFromOneInstanceAtATime();
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry) =>
        retry.Ignore<PartnerCentralException>(e => e.Kind == PartnerCentralErrorKind.Permanent);
}
