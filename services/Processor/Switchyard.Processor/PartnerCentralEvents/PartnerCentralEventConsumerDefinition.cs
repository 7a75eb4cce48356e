using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>
/// Puts <see cref="PartnerCentralEventConsumer"/> on the queue the EventBridge rule targets
/// (<see cref="SellingApiEvents.QueueName"/>, scoped on SQS like every queue), reading each body as raw JSON of any
/// type: EventBridge writes the event, not a MassTransit envelope, and sets no content type, so the raw deserializer is
/// the endpoint's default.
/// </summary>
public sealed class PartnerCentralEventConsumerDefinition : SwitchyardConsumerDefinition<PartnerCentralEventConsumer>
{
    /// <summary>Creates the definition.</summary>
    public PartnerCentralEventConsumerDefinition() : base(SellingApiEvents.QueueName)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<PartnerCentralEventConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
        // Only EventBridge writes to this queue; nothing publishes the raw event type, so no topic or exchange is bound.
        endpointConfigurator.ConfigureConsumeTopology = false;
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry) => retry.Ignore<UnreadableEventException>();
}
