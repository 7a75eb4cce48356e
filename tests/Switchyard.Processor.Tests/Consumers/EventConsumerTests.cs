using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Sync;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>The per-kind consumers: what each decides from HubSpot, and that every event ends in an outcome.</summary>
public class EventConsumerTests
{
    [Fact]
    public async Task A_created_deal_tagged_AWS_asks_for_a_sync()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(101, "Acme cloud migration #aws");

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 101);

        var sync = (await processor.Harness.SentAsync<SyncOpportunity>())[0].Context.Message;
        sync.DealId.ShouldBe(101);
        sync.Trigger.ShouldBe(SyncTriggers.DealTagged);
        sync.PortalId.ShouldBe(ProcessorUnderTest.Portal);
    }

    [Theory]
    [InlineData("Acme cloud migration", null, SyncSkipReasons.NotTagged)]
    [InlineData("Acme cloud migration #AWS", "O7777777", SyncSkipReasons.AlreadySynced)]
    public async Task A_created_deal_out_of_scope_is_skipped_with_its_reason_published_and_logged(string name, string? opportunityId, string reason)
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(102, name, opportunityId);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 102);

        var skipped = await processor.OutcomeAsync<SyncSkipped>();
        skipped.Reason.ShouldBe(reason);
        skipped.ObjectType.ShouldBe("deal");
        skipped.ObjectId.ShouldBe(102);
        processor.Harness.Sent.Select<SyncOpportunity>(new CancellationToken(true)).ShouldBeEmpty();
        processor.Logs.Lines.ShouldContain(line => line.StartsWith("Information", StringComparison.Ordinal)
            && line.Contains($"deal 102 in portal {ProcessorUnderTest.Portal}: {reason}: {skipped.Detail}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_for_a_deal_that_no_longer_exists_is_skipped()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 103);

        (await processor.OutcomeAsync<SyncSkipped>()).Reason.ShouldBe(SyncSkipReasons.ObjectNotFound);
    }

    [Fact]
    public async Task A_change_of_a_property_Partner_Central_does_not_have_is_skipped_without_reading_HubSpot()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(104);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 104, "hubspot_owner_id");

        (await processor.OutcomeAsync<SyncSkipped>()).Reason.ShouldBe(SyncSkipReasons.PropertyNotMapped);
        processor.Crm.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DealProperties.Stage)]
    [InlineData(DealProperties.Amount)]
    [InlineData(DealProperties.CloseDate)]
    [InlineData(DealProperties.Description)]
    public async Task A_mapped_deal_property_of_a_synced_deal_asks_for_an_update(string property)
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(105);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 105, property);

        (await processor.Harness.SentAsync<SyncOpportunity>())[0].Context.Message.Trigger.ShouldBe(SyncTriggers.DealChanged);
    }

    [Fact]
    public async Task A_change_on_a_deal_without_an_opportunity_is_skipped()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(106, "Acme #AWS");

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 106, DealProperties.Amount);

        (await processor.OutcomeAsync<SyncSkipped>()).Reason.ShouldBe(SyncSkipReasons.NotSynced);
    }

    [Fact]
    public async Task A_company_change_reaches_every_synced_deal_of_the_company_and_no_other()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(201, companyId: 31);
        processor.SeedSyncedDeal(202, companyId: 31);
        processor.Crm.AddDeal(203, "Not tagged", companyId: 31);
        processor.Crm.AddCompany(31, "Acme Corp");
        processor.Crm.DealAssociations[("companies", 31)] = [201, 202, 203];

        await processor.PublishAsync(HubSpotSubscriptionTypes.CompanyPropertyChange, 31, "name");

        var updated = await processor.OutcomeAsync<OpportunityUpdated>();
        await Poll.UntilAsync(() => processor.Harness.Sent.Select<SyncOpportunity>(new CancellationToken(true)).Count() == 2, "two syncs");
        processor.Harness.Sent.Select<SyncOpportunity>(new CancellationToken(true)).Select(s => s.Context.Message.DealId).Order().ShouldBe([201L, 202L]);
        updated.SubscriptionType.ShouldBe(HubSpotSubscriptionTypes.CompanyPropertyChange);
    }

    [Fact]
    public async Task A_contact_change_that_does_not_map_is_skipped()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();

        await processor.PublishAsync(HubSpotSubscriptionTypes.ContactPropertyChange, 41, "hs_lead_status");

        (await processor.OutcomeAsync<SyncSkipped>()).Reason.ShouldBe(SyncSkipReasons.PropertyNotMapped);
    }

    [Fact]
    public async Task An_event_no_consumer_handles_ends_in_a_skipped_outcome()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();

        await processor.PublishAsync("ticket.creation", 51);

        var skipped = await processor.OutcomeAsync<SyncSkipped>();
        skipped.Reason.ShouldBe(SyncSkipReasons.NotHandled);
        skipped.ObjectType.ShouldBe("ticket");
    }

    [Fact]
    public async Task A_redelivered_event_produces_its_outcome_under_the_same_message_id()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(107, "Not tagged");
        var messageId = Guid.NewGuid();

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 107, messageId: messageId);
        await Poll.UntilAsync(() => processor.Published.Of<SyncSkipped>().Count == 1, "the first outcome");
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 107, messageId: messageId);
        await Poll.UntilAsync(() => processor.Published.Of<SyncSkipped>().Count == 2, "the second outcome");

        var ids = processor.Published.Of<SyncSkipped>().Select(p => p.MessageId).ToList();
        ids[1].ShouldBe(ids[0]);
    }
}
