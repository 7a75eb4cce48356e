using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Switchyard.Contracts.Delivery;
using Switchyard.Contracts.Processing;
using Switchyard.Contracts.Triggers;
using Switchyard.Dispatcher.FanOut;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests;

public class EventFanOutConsumerTests
{
    static SyncSkipped Skipped() => new()
    {
        PortalId = 62515,
        ObjectType = "deal",
        ObjectId = 7001,
        SubscriptionType = "deal.creation",
        Reason = SyncSkipReasons.NotHandled,
        Detail = "No Partner Central sync handles deal.creation events.",
        OccurredAt = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task An_outcome_becomes_one_delivery_per_matching_subscription()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);
        var eventId = NewId.NextGuid();

        await harness.Harness.Bus.Publish(Skipped(), context => context.MessageId = eventId, TestContext.Current.CancellationToken);

        await harness.WaitUntilHandledAsync(eventId);
        var sent = harness.Harness.SentSoFar<DeliverWebhook>().Select(s => s.Context.Message).ToList();
        sent.Select(d => d.SubscriptionId).Order().ShouldBe(["everything", "skips"]);
        sent.ShouldAllBe(d => d.EventId == eventId && d.EventType == "sync.skipped");
        sent.Select(d => d.WebhookId).Distinct().Count().ShouldBe(2);
        var data = sent[0].Data;
        data.GetProperty("objectId").GetInt64().ShouldBe(7001);
        data.GetProperty("reason").GetString().ShouldBe("NotHandled");
    }

    [Fact]
    public async Task A_trigger_event_is_delivered_under_its_own_type_with_its_payload_as_data()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);
        var trigger = new TriggerEventReceived
        {
            EventId = Guid.NewGuid(),
            Type = "invoice.paid",
            Source = "billing",
            Payload = JsonDocument.Parse("""{"invoice":"INV-7","amount":1200}""").RootElement,
            ReceivedAt = DateTimeOffset.UtcNow,
        };

        await harness.Harness.Bus.Publish(trigger, context => context.MessageId = trigger.EventId, TestContext.Current.CancellationToken);

        await harness.WaitUntilHandledAsync(trigger.EventId);
        var sent = harness.Harness.SentSoFar<DeliverWebhook>().Select(s => s.Context.Message).ToList();
        sent.Select(d => d.SubscriptionId).Order().ShouldBe(["created", "everything"]);
        sent.ShouldAllBe(d => d.EventId == trigger.EventId && d.EventType == "invoice.paid");
        sent[0].Data.GetProperty("invoice").GetString().ShouldBe("INV-7");
    }

    [Fact]
    public async Task An_event_nobody_subscribed_to_produces_no_delivery()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(new Dictionary<string, string?>
        {
            ["Dispatcher:Subscriptions:0:Id"] = "created",
            ["Dispatcher:Subscriptions:0:Url"] = sink.Url().ToString(),
            ["Dispatcher:Subscriptions:0:Events:0"] = "opportunity.created",
            ["Dispatcher:Subscriptions:0:Secrets:0"] = Dispatcher.Secret,
        });

        var eventId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Skipped(), context => context.MessageId = eventId, TestContext.Current.CancellationToken);

        // Once the event has been dealt with, everything it led to has gone out: nothing, here.
        await harness.WaitUntilHandledAsync(eventId);
        harness.Harness.ConsumedSoFar<SyncSkipped>().ShouldHaveSingleItem();
        harness.Harness.PublishedSoFar<Fault<SyncSkipped>>().ShouldBeEmpty();
        harness.Harness.SentSoFar<DeliverWebhook>().ShouldBeEmpty();
    }

    [Fact]
    public void The_webhook_id_is_stable_per_event_and_subscription_and_differs_across_them()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        EventFanOutConsumer.WebhookIdFor(first, "a").ShouldBe(EventFanOutConsumer.WebhookIdFor(first, "a"));
        EventFanOutConsumer.WebhookIdFor(first, "a").ShouldNotBe(EventFanOutConsumer.WebhookIdFor(first, "b"));
        EventFanOutConsumer.WebhookIdFor(first, "a").ShouldNotBe(EventFanOutConsumer.WebhookIdFor(second, "a"));
        EventFanOutConsumer.WebhookIdFor(first, "a").ShouldMatch("^msg_[0-9a-f]{32}$");
    }
}

/// <summary>The co-sell and referral outcomes reach subscribers under their documented type names.</summary>
public class CoSellOutcomeFanOutTests
{
    static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<string> Outcomes => new()
    {
        "opportunity.submitted", "opportunity.review_changed", "opportunity.submission_failed",
        "invitation.received", "invitation.accepted", "invitation.rejected", "invitation.expired",
    };

    static object Outcome(string type) => type switch
    {
        "opportunity.submitted" => new OpportunitySubmitted { PortalId = 1, DealId = 42, OpportunityId = "O1", InvolvementType = "Co-Sell", OccurredAt = At },
        "opportunity.review_changed" => new OpportunityReviewChanged { PortalId = 1, DealId = 42, OpportunityId = "O1", OldStatus = "Submitted", NewStatus = "Approved", OccurredAt = At },
        "opportunity.submission_failed" => new OpportunitySubmissionFailed { PortalId = 1, DealId = 42, Reason = "MissingRequiredFields", Detail = "No solution.", OccurredAt = At },
        "invitation.received" => new InvitationReceived { PortalId = 1, DealId = 42, InvitationId = "engi-1", OccurredAt = At },
        "invitation.accepted" => new InvitationAccepted { PortalId = 1, DealId = 42, InvitationId = "engi-1", OpportunityId = "O1", OccurredAt = At },
        "invitation.rejected" => new InvitationRejected { PortalId = 1, DealId = 42, InvitationId = "engi-1", OccurredAt = At },
        "invitation.expired" => new InvitationExpired { PortalId = 1, DealId = 42, InvitationId = "engi-1", OccurredAt = At },
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task A_co_sell_outcome_reaches_a_subscriber_under_its_type_with_the_deal(string type)
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(sink);

        await harness.Harness.Bus.Publish(Outcome(type), TestContext.Current.CancellationToken);

        var delivered = (await sink.WaitForAsync(1, r => r.Path == "/everything", TimeSpan.FromSeconds(60))).ShouldHaveSingleItem().Json;
        delivered.GetProperty("type").GetString().ShouldBe(type);
        delivered.GetProperty("data").GetProperty("dealId").GetInt64().ShouldBe(42);
    }
}
