using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Tests;

/// <summary>
/// Hosting names the processor's queue and the HubSpot event type as the SQS transport's FIFO defaults without
/// referencing either; these keep the names from drifting apart.
/// </summary>
public class AmazonSqsDefaultsTests
{
    [Fact]
    public void The_default_FIFO_queues_are_the_processors_queue_and_its_polling_queue() =>
        AmazonSqsOptions.DefaultFifoQueues.ShouldBe([ProcessorModule.EndpointName, Switchyard.Processor.Polling.PartnerCentralPollConsumerDefinition.QueueName]);

    [Fact]
    public void The_default_FIFO_topics_are_those_of_the_messages_the_processors_FIFO_queue_consumes() =>
        AmazonSqsOptions.DefaultFifoMessageTypes.ShouldBe([
            typeof(HubSpotEventReceived).FullName!,
            typeof(Switchyard.Contracts.PartnerCentral.PartnerCentralOpportunityChanged).FullName!,
            typeof(Switchyard.Contracts.PartnerCentral.PartnerCentralInvitationChanged).FullName!,
        ]);
}
