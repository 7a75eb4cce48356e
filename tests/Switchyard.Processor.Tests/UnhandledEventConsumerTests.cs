using MassTransit;
using MassTransit.Testing;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpotEvents;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests;

public class UnhandledEventConsumerTests
{
    static HubSpotEventReceived Event(string subscriptionType, long objectId = 7001) => new()
    {
        EventId = 1,
        SubscriptionId = 2,
        PortalId = 62515,
        AppId = 4,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1763800000000),
        SubscriptionType = subscriptionType,
        ObjectId = objectId,
    };

    [Fact]
    public async Task An_event_no_sync_handles_ends_in_a_skipped_outcome_that_names_the_object()
    {
        await using var harness = await ModuleHarness.StartAsync([new ProcessorModule()], Consumers.ProcessorUnderTest.Settings());

        var messageId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Event("deal.deletion"), context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        await harness.WaitUntilHandledAsync(messageId);
        var skipped = harness.Harness.PublishedSoFar<SyncSkipped>().ShouldHaveSingleItem().Context.Message;
        skipped.PortalId.ShouldBe(62515);
        skipped.ObjectType.ShouldBe("deal");
        skipped.ObjectId.ShouldBe(7001);
        skipped.SubscriptionType.ShouldBe("deal.deletion");
        skipped.Reason.ShouldBe(SyncSkipReasons.NotHandled);
        skipped.Detail.ShouldContain("deal.deletion");
    }

    [Fact]
    public async Task The_outcome_stays_in_the_conversation_of_the_event_that_caused_it()
    {
        await using var harness = await ModuleHarness.StartAsync([new ProcessorModule()], Consumers.ProcessorUnderTest.Settings());
        var conversationId = Guid.NewGuid();

        var messageId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Event("contact.deletion"), context =>
        {
            context.MessageId = messageId;
            context.ConversationId = conversationId;
        }, TestContext.Current.CancellationToken);

        await harness.WaitUntilHandledAsync(messageId);
        var skipped = harness.Harness.PublishedSoFar<SyncSkipped>().ShouldHaveSingleItem();
        skipped.Context.ConversationId.ShouldBe(conversationId);
        skipped.Context.Message.ObjectType.ShouldBe("contact");
    }
}
