using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.PartnerCentralEvents;
using Switchyard.Processor.Tests.Consumers;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.PartnerCentralEvents;

/// <summary>
/// The processor's raw-event endpoint reads what EventBridge puts on the queue (the event's JSON, no envelope, sent by
/// the emulator's own sink) and publishes the typed messages; a repeated event is one message; what it cannot read
/// goes to the error queue.
/// </summary>
public sealed class EventEndpointTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static string Event(Guid id, string detailType, string detail) =>
        $$$"""{"version":"1","id":"{{{id}}}","source":"aws.partnercentral-selling","detail-type":"{{{detailType}}}","time":"2024-11-29T12:00:05Z","region":"us-east-1","account":"123456789012","detail":{{{detail}}}}""";

    static Task SendRawAsync(ProcessorUnderTest processor, Guid id, string detailType, string json) =>
        new MassTransitEventSink(processor.Module.Services, Options.Create(new PartnerCentralEmulatorOptions()))
            .SendAsync(new SellingApiEvent(id, detailType, DateTimeOffset.UtcNow, json), Cancel);

    [Fact]
    public async Task A_raw_opportunity_event_on_the_queue_is_published_as_PartnerCentralOpportunityChanged_once_however_often_it_arrives()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = Guid.NewGuid();
        var json = Event(id, "Opportunity Updated", """{"schemaVersion":"1","catalog":"Sandbox","opportunity":{"identifier":"O7654321"}}""");

        // The same event twice, as SQS may deliver it, each time under another transport message id.
        await SendRawAsync(processor, id, "Opportunity Updated", json);
        await SendRawAsync(processor, Guid.NewGuid(), "Opportunity Updated", json);

        await Poll.UntilAsync(() => processor.Published.Of<PartnerCentralOpportunityChanged>().Count >= 2,
            "both deliveries to be read", TimeSpan.FromSeconds(60));
        var published = processor.Published.Of<PartnerCentralOpportunityChanged>();
        published.Select(p => p.Message.OpportunityId).ShouldBe(["O7654321", "O7654321"]);
        published.Select(p => p.Message.Source).Distinct().ShouldBe([PartnerCentralChangeSources.EventBridge]);
        // One message id for both: downstream, deduplication sees one event.
        published.Select(p => p.MessageId).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_message_that_is_not_a_selling_event_goes_to_the_error_queue_with_its_reason()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = Guid.NewGuid();

        await SendRawAsync(processor, id, "EC2 Instance State-change Notification",
            $$$"""{"version":"0","id":"{{{id}}}","source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","detail":{"catalog":"Sandbox"}}""");

        await Poll.UntilAsync(() => processor.Harness.Consumed.Select<PartnerCentralEventBridgeEvent>(c => c.Exception is not null, Cancel).Any(),
            "the event to fail", TimeSpan.FromSeconds(60));
        var failed = processor.Harness.Consumed.Select<PartnerCentralEventBridgeEvent>(Cancel).Single();
        failed.Exception.ShouldBeOfType<UnreadableEventException>().Message.ShouldContain("comes from 'aws.ec2'");
        // Not retried: one attempt, then the error queue.
        processor.Harness.Consumed.Select<PartnerCentralEventBridgeEvent>(Cancel).Count().ShouldBe(1);
        processor.Harness.Published.Select<PartnerCentralOpportunityChanged>(Cancel).ShouldBeEmpty();
    }
}
