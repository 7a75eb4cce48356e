using System.Text.Json.Nodes;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.HubSpotEvents;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>The Partner Central sync, driven through the event consumers as in production.</summary>
public class OpportunitySyncTests
{
    [Fact]
    public async Task A_tagged_deal_becomes_an_opportunity_associated_with_the_solutions_and_is_written_back()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddCompany(31, "Acme Corp");
        processor.Crm.AddContact(41, "ada@acme.com");
        processor.Crm.AddDeal(301, "Acme cloud migration #AWS", companyId: 31, contactIds: [41]);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 301);

        var created = await processor.OutcomeAsync<OpportunityCreated>();
        created.DealId.ShouldBe(301);
        created.Title.ShouldBe("Acme cloud migration", "the tag selects deals; it is not part of the title");
        created.Catalog.ShouldBe("Sandbox");
        var opportunity = processor.PartnerCentral.Opportunities[created.OpportunityId];
        ((string?)opportunity["PartnerOpportunityIdentifier"]).ShouldBe("301");
        ((string?)opportunity["Customer"]!["Account"]!["CompanyName"]).ShouldBe("Acme Corp");
        ((string?)opportunity["Customer"]!["Contacts"]![0]!["Email"]).ShouldBe("ada@acme.com");
        await Poll.UntilAsync(() => !processor.PartnerCentral.Associations.IsEmpty, "the association with the solution");
        processor.PartnerCentral.Associations.ShouldHaveSingleItem().ShouldBe((created.OpportunityId, "Solutions", "S-0000001"));
        processor.PartnerCentral.Calls.Where(c => c != "GetOpportunity").ShouldBe(["CreateOpportunity", "AssociateOpportunity"], "one write per message, the creation first");
        processor.Crm.DealProperty(301, DealProperties.OpportunityId).ShouldBe(created.OpportunityId);
        processor.Crm.DealProperty(301, DealProperties.OpportunityTitle).ShouldBe("Acme cloud migration");
        processor.Crm.DealProperty(301, DealProperties.SyncStatus).ShouldBe("synced");
        processor.Crm.DealProperty(301, DealProperties.ReviewStatus).ShouldBe("Pending Submission");
    }

    [Fact]
    public async Task A_creation_repeated_after_Partner_Central_answered_makes_no_second_opportunity()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(302, "Acme #AWS");
        // The first attempt creates the opportunity, then fails to write it back; the retry creates again.
        processor.Crm.UpdateDealFailures.Enqueue(new HubSpotTransientException("HubSpot answered 503."));

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 302);

        await processor.OutcomeAsync<OpportunityCreated>();
        processor.PartnerCentral.Opportunities.Count.ShouldBe(1);
        processor.PartnerCentral.Calls.Count(c => c == "CreateOpportunity").ShouldBe(2);
    }

    [Fact]
    public async Task A_mapped_change_sends_the_whole_opportunity_with_its_last_modified_date()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(303);
        var lastModified = (string?)processor.PartnerCentral.Opportunities[opportunityId]["LastModifiedDate"];
        processor.Crm.Deals[303] = processor.Crm.Deals[303] with
        {
            Properties = new Dictionary<string, string?>(processor.Crm.Deals[303].Properties) { [DealProperties.Amount] = "250000" },
        };

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 303, DealProperties.Amount);

        var updated = await processor.OutcomeAsync<OpportunityUpdated>();
        updated.OpportunityId.ShouldBe(opportunityId);
        updated.UpdatedFields.ShouldContain(field => field.StartsWith("Project", StringComparison.Ordinal));
        var sent = processor.PartnerCentral.Updates.ShouldHaveSingleItem();
        ((string?)sent["Identifier"]).ShouldBe(opportunityId);
        ((string?)sent["LastModifiedDate"]).ShouldBe(lastModified);
        ((string?)sent["Project"]!["Title"]).ShouldBe("Acme cloud migration");
        sent["SoftwareRevenue"].ShouldNotBeNull("a field Switchyard does not map must be sent back, not nulled");
        processor.Crm.DealProperty(303, DealProperties.SyncStatus).ShouldBe("synced");
    }

    [Fact]
    public async Task A_conflict_rereads_the_opportunity_and_the_retry_succeeds()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(304);
        processor.Crm.Deals[304] = processor.Crm.Deals[304] with
        {
            Properties = new Dictionary<string, string?>(processor.Crm.Deals[304].Properties) { [DealProperties.Stage] = "contractsent" },
        };
        var touched = 0;
        processor.PartnerCentral.BeforeUpdate = id =>
        {
            // Someone else edits the opportunity between our read and our write, once.
            if (Interlocked.Increment(ref touched) == 1)
                processor.PartnerCentral.Touch(id);
        };

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 304, DealProperties.Stage);

        (await processor.OutcomeAsync<OpportunityUpdated>()).OpportunityId.ShouldBe(opportunityId);
        processor.PartnerCentral.Calls.Count(c => c == "GetOpportunity").ShouldBe(2);
        processor.PartnerCentral.Updates.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("Submitted")]
    [InlineData("In review")]
    public async Task An_opportunity_under_review_is_not_updated_and_the_deal_gets_a_note(string reviewStatus)
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(305, reviewStatus: reviewStatus);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 305, DealProperties.Amount);

        var blocked = await processor.OutcomeAsync<SyncBlocked>();
        blocked.OpportunityId.ShouldBe(opportunityId);
        blocked.ReviewStatus.ShouldBe(reviewStatus);
        processor.PartnerCentral.Updates.ShouldBeEmpty();
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain(reviewStatus);
        processor.Crm.DealProperty(305, DealProperties.SyncError).ShouldBe($"Not sent while {reviewStatus}: Partner Central accepts no changes until AWS finishes its review; change the deal again afterwards");
        // The review status is the review sync's to write, with its note and outcome.
        processor.Crm.DealProperty(305, DealProperties.ReviewStatus).ShouldBeNull();
    }

    [Fact]
    public async Task A_rejected_opportunity_is_not_updated_since_it_is_read_only_and_the_deal_says_so_once()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(313, reviewStatus: "Rejected");

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 313, DealProperties.Amount);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 313, DealProperties.CloseDate);
        await Poll.UntilAsync(() => processor.Published.Of<SyncBlocked>().Count == 2, "two blocked outcomes");

        var blocked = processor.Published.Of<SyncBlocked>()[0].Message;
        blocked.OpportunityId.ShouldBe(opportunityId);
        blocked.ReviewStatus.ShouldBe("Rejected");
        blocked.Detail.ShouldContain("rejected");
        processor.PartnerCentral.Updates.ShouldBeEmpty();
        processor.Published.Of<SyncFailed>().ShouldBeEmpty();
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("read-only");
        processor.Crm.DealProperty(313, DealProperties.SyncError).ShouldBe("Not sent: the opportunity is Rejected, which makes it read-only in Partner Central");
        processor.Crm.DealProperty(313, DealProperties.SyncStatus).ShouldNotBe(SyncStatuses.Failed);
    }

    [Fact]
    public async Task Renaming_a_synced_deal_puts_the_opportunity_title_back_and_explains_why()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(306, name: "Acme cloud migration #AWS");
        processor.Crm.Deals[306] = processor.Crm.Deals[306] with
        {
            Properties = new Dictionary<string, string?>(processor.Crm.Deals[306].Properties) { [DealProperties.Name] = "Acme renamed" },
        };

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 306, DealProperties.Name);

        (await processor.OutcomeAsync<SyncSkipped>()).Reason.ShouldBe(SyncSkipReasons.TitleImmutable);
        processor.Crm.DealProperty(306, DealProperties.Name).ShouldBe("Acme cloud migration #AWS");
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("Acme renamed");
        processor.PartnerCentral.Updates.ShouldBeEmpty();
    }

    [Fact]
    public async Task Renaming_a_deal_to_include_AWS_creates_its_opportunity()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(307, "Acme expansion #AWS");

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 307, DealProperties.Name);

        (await processor.OutcomeAsync<OpportunityCreated>()).DealId.ShouldBe(307);
    }

    [Fact]
    public async Task A_validation_error_ends_in_a_failed_outcome_a_note_and_a_failed_status_without_retries()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(308, "Acme #AWS");
        processor.PartnerCentral.FailNext("CreateOpportunity",
            new PartnerCentralException("ValidationException", "Customer.Account.WebsiteUrl is not a valid URL.", PartnerCentralErrorKind.Permanent));

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 308);

        var failed = await processor.OutcomeAsync<SyncFailed>();
        failed.Reason.ShouldBe("ValidationException");
        failed.Detail.ShouldContain("WebsiteUrl");
        failed.DealId.ShouldBe(308);
        processor.Crm.DealProperty(308, DealProperties.SyncStatus).ShouldBe("failed");
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("WebsiteUrl");
        processor.PartnerCentral.Calls.Count(c => c == "CreateOpportunity").ShouldBe(1);
        await processor.Module.WaitUntilHandledAsync(processor.Harness.SentSoFar<Sync.SyncOpportunity>().ShouldHaveSingleItem().Context.MessageId!.Value);
        processor.Harness.PublishedSoFar<MassTransit.Fault<Sync.SyncOpportunity>>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_note_becomes_the_next_steps_of_its_deals_opportunity()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(309);
        processor.Crm.Notes[61] = new HubSpotNote(61, "<p>Call the <b>CTO</b> on Monday &amp; send the TCO.</p>", DateTimeOffset.UtcNow, [309]);

        await processor.PublishAsync(HubSpotSubscriptionTypes.ObjectCreation, 61, objectTypeId: HubSpotEventKinds.NoteObjectTypeId);

        (await processor.OutcomeAsync<OpportunityUpdated>()).OpportunityId.ShouldBe(opportunityId);
        var nextSteps = (string?)processor.PartnerCentral.Opportunities[opportunityId]["LifeCycle"]!["NextSteps"];
        nextSteps.ShouldBe("Call the CTO on Monday & send the TCO.");
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_nothing()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddCompany(31, "Acme Corp");
        processor.Crm.AddDeal(310, "Acme #AWS", companyId: 31);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 310);
        await processor.OutcomeAsync<OpportunityCreated>();

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 310, DealProperties.Amount);

        (await processor.OutcomeAsync<SyncSkipped>()).Reason.ShouldBe(SyncSkipReasons.NoChanges);
        processor.PartnerCentral.Updates.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_block_redelivered_or_repeated_within_one_review_leaves_one_note()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(311, reviewStatus: "Submitted");
        var messageId = Guid.NewGuid();

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 311, DealProperties.Amount, messageId: messageId);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 311, DealProperties.Amount, messageId: messageId);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 311, DealProperties.CloseDate);

        // The harness keeps one copy per message id; the recorder sees every publish, the redelivery's too.
        await Poll.UntilAsync(() => processor.Published.Of<SyncBlocked>().Count == 3, "three blocked outcomes");
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("Submitted");
        processor.PartnerCentral.Updates.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failure_redelivered_leaves_one_note_and_a_new_reason_gets_its_own()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(312, "Acme #AWS");
        var website = new PartnerCentralException("ValidationException", "Customer.Account.WebsiteUrl is not a valid URL.", PartnerCentralErrorKind.Permanent);
        var email = new PartnerCentralException("ValidationException", "Customer.Contacts[0].Email is not valid.", PartnerCentralErrorKind.Permanent);
        processor.PartnerCentral.FailNext("CreateOpportunity", website);
        processor.PartnerCentral.FailNext("CreateOpportunity", website);
        processor.PartnerCentral.FailNext("CreateOpportunity", email);
        var messageId = Guid.NewGuid();

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 312, messageId: messageId);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 312, messageId: messageId);
        await Poll.UntilAsync(() => processor.Published.Of<SyncFailed>().Count == 2, "two failed outcomes");

        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("WebsiteUrl");
        processor.Crm.DealProperty(312, DealProperties.SyncStatus).ShouldBe(SyncStatuses.Failed);
        processor.Crm.DealProperty(312, DealProperties.SyncError).ShouldBe("ValidationException: Customer.Account.WebsiteUrl is not a valid URL.");

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 312, DealProperties.Amount);
        await Poll.UntilAsync(() => processor.Published.Of<SyncFailed>().Count == 3, "the third failed outcome");

        processor.Crm.CreatedNotes.Select(n => n.Body).Last().ShouldContain("Email");
        processor.Crm.CreatedNotes.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Correcting_the_company_of_a_deal_whose_creation_failed_creates_its_opportunity()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddCompany(31, "Acme Corp");
        processor.Crm.AddDeal(313, "Acme #AWS", companyId: 31);
        processor.Crm.DealAssociations[("companies", 31)] = [313];
        processor.PartnerCentral.FailNext("CreateOpportunity",
            new PartnerCentralException("ValidationException", "Customer.Account.WebsiteUrl is not a valid URL.", PartnerCentralErrorKind.Permanent));
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 313);
        await processor.OutcomeAsync<SyncFailed>();

        await processor.PublishAsync(HubSpotSubscriptionTypes.CompanyPropertyChange, 31, "website");

        var created = await processor.OutcomeAsync<OpportunityCreated>();
        created.DealId.ShouldBe(313);
        processor.Crm.DealProperty(313, DealProperties.SyncStatus).ShouldBe(SyncStatuses.Synced);
        processor.Crm.DealProperty(313, DealProperties.SyncError).ShouldBeNull();
    }
}
