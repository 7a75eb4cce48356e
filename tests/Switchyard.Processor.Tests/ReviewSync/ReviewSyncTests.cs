using System.Text.Json.Nodes;
using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Sync;
using Switchyard.Processor.Tests.Consumers;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.ReviewSync;

/// <summary>
/// What AWS says of an opportunity comes back to its deal: only what changed is written, a review change is a note
/// (and a task for Action Required) once however often the change is reported, and an outcome event; nothing is
/// written to Partner Central, and Switchyard's own writes coming back as webhooks cause no sync.
/// </summary>
public sealed class ReviewSyncTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static JsonObject Summary() => new()
    {
        ["Catalog"] = "Sandbox",
        ["LifeCycle"] = new JsonObject { ["Stage"] = "Qualified" },
        ["OpportunityTeam"] = new JsonArray(
            new JsonObject { ["FirstName"] = "Pat", ["LastName"] = "Partner", ["Email"] = "pdm@amazon.com", ["BusinessTitle"] = "PDM" },
            new JsonObject { ["FirstName"] = "Sam", ["LastName"] = "Seller", ["Email"] = "sam@amazon.com", ["BusinessTitle"] = "AWSAccountOwner" }),
        ["Insights"] = new JsonObject { ["EngagementScore"] = "High", ["NextBestActions"] = "Book a discovery call with the customer's CTO." },
    };

    static void Review(ProcessorUnderTest processor, string opportunityId, string status, string? comments = null, string? reason = null)
    {
        var lifeCycle = processor.PartnerCentral.Opportunities[opportunityId]["LifeCycle"]!.AsObject();
        lifeCycle["ReviewStatus"] = status;
        lifeCycle["ReviewComments"] = comments;
        lifeCycle["ReviewStatusReason"] = reason;
        processor.PartnerCentral.Touch(opportunityId);
    }

    static async Task ReportChangeAsync(ProcessorUnderTest processor, string opportunityId, int expectedConsumed)
    {
        await processor.Harness.Bus.Publish(new PartnerCentralOpportunityChanged
        {
            Catalog = "Sandbox",
            OpportunityId = opportunityId,
            Change = "Opportunity Updated",
            Source = PartnerCentralChangeSources.EventBridge,
            EventId = Guid.NewGuid().ToString(),
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancel);
        await Poll.UntilAsync(() => processor.Harness.Consumed.Select<PartnerCentralOpportunityChanged>(Cancel).Count() >= expectedConsumed,
            "the change to be consumed", TimeSpan.FromSeconds(60));
    }

    // By deadline, not by the harness's quiet period, which a cold start on a loaded machine can outlast.
    static async Task<T> PublishedAsync<T>(ProcessorUnderTest processor) where T : class
    {
        await Poll.UntilAsync(() => processor.Published.Of<T>().Count > 0, $"a {typeof(T).Name}", TimeSpan.FromSeconds(60));
        return processor.Published.Of<T>()[0].Message;
    }

    static int DealWrites(ProcessorUnderTest processor, long dealId) =>
        processor.Crm.Calls.Count(c => c.StartsWith($"UpdateDeal {dealId} ", StringComparison.Ordinal));

    [Fact]
    public async Task Approval_writes_what_changed_a_note_and_an_outcome_once_however_often_it_is_reported()
    {
        await using var processor = await ProcessorUnderTest.StartAsync(new Dictionary<string, string?> { ["HubSpot:PortalId"] = "62515" });
        var id = processor.SeedSyncedDeal(701, reviewStatus: "Submitted");
        await processor.Crm.UpdateDealAsync(701, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = "Submitted" }, Cancel);
        processor.PartnerCentral.AwsSummaries[id] = Summary();
        Review(processor, id, "Approved");
        var writesBefore = DealWrites(processor, 701);

        await ReportChangeAsync(processor, id, 1);
        await ReportChangeAsync(processor, id, 2);

        var changed = await PublishedAsync<OpportunityReviewChanged>(processor);
        changed.ShouldBe(changed with { PortalId = 62515, DealId = 701, OpportunityId = id, OldStatus = "Submitted", NewStatus = "Approved", Comments = null, StatusReason = null });
        processor.Crm.DealProperty(701, DealProperties.ReviewStatus).ShouldBe("Approved");
        processor.Crm.DealProperty(701, DealProperties.AwsStage).ShouldBe("Qualified");
        processor.Crm.DealProperty(701, DealProperties.EngagementScore).ShouldBe("High");
        processor.Crm.DealProperty(701, DealProperties.Seller).ShouldBe("Sam Seller <sam@amazon.com>");
        processor.Crm.DealProperty(701, DealProperties.AwsNextSteps).ShouldBe("Book a discovery call with the customer's CTO.");
        processor.Crm.DealProperty(701, DealProperties.LastSyncedAt).ShouldNotBeNull();
        // One write of exactly what changed, none for the second report.
        DealWrites(processor, 701).ShouldBe(writesBefore + 1);
        processor.Crm.Calls.Last(c => c.StartsWith("UpdateDeal 701 ", StringComparison.Ordinal))
            .ShouldBe("UpdateDeal 701 aws_engagement_score,aws_last_synced_at,aws_next_steps,aws_review_status,aws_seller,aws_stage");
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("changed from <em>Submitted</em> to <strong>Approved</strong>");
        processor.Crm.CreatedTasks.ShouldBeEmpty();
        processor.Published.Of<OpportunityReviewChanged>().Count.ShouldBe(1);
        // Reads only: Partner Central was not written.
        processor.PartnerCentral.Calls.ShouldAllBe(c => c == "GetOpportunity" || c == "GetAwsOpportunitySummary");
    }

    [Fact]
    public async Task Action_Required_is_a_note_and_a_task_for_the_deal_owner_with_AWS_comments_encoded()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(702, reviewStatus: "In review");
        await processor.Crm.UpdateDealAsync(702, new Dictionary<string, string?>
        {
            [DealProperties.ReviewStatus] = "In review",
            [DealProperties.OwnerId] = "8675309",
        }, Cancel);
        Review(processor, id, "Action Required", "Add the customer's <website> & use case.", "Insufficient details");

        await ReportChangeAsync(processor, id, 1);
        await ReportChangeAsync(processor, id, 2);

        var changed = await PublishedAsync<OpportunityReviewChanged>(processor);
        changed.NewStatus.ShouldBe("Action Required");
        changed.Comments.ShouldBe("Add the customer's <website> & use case.");
        changed.StatusReason.ShouldBe("Insufficient details");
        processor.Crm.DealProperty(702, DealProperties.ReviewComments).ShouldBe("Add the customer's <website> & use case.");
        processor.Crm.DealProperty(702, DealProperties.ReviewStatusReason).ShouldBe("Insufficient details");
        var note = processor.Crm.CreatedNotes.ShouldHaveSingleItem();
        note.Body.ShouldContain("Add the customer&#39;s &lt;website&gt; &amp; use case.");
        note.Body.ShouldContain("Insufficient details");
        var task = processor.Crm.CreatedTasks.ShouldHaveSingleItem();
        task.DealId.ShouldBe(702);
        task.OwnerId.ShouldBe("8675309");
        task.Subject.ShouldBe($"AWS needs changes to opportunity {id}");
        task.Body.ShouldContain("&lt;website&gt;");
        task.DueAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Rejection_is_a_note_with_the_comments_and_an_outcome_and_no_task()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(703, reviewStatus: "In review");
        await processor.Crm.UpdateDealAsync(703, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = "In review" }, Cancel);
        Review(processor, id, "Rejected", "Duplicate of an existing opportunity.", "Duplicate Opportunity");

        await ReportChangeAsync(processor, id, 1);

        var changed = await PublishedAsync<OpportunityReviewChanged>(processor);
        (changed.OldStatus, changed.NewStatus, changed.Comments).ShouldBe(("In review", "Rejected", "Duplicate of an existing opportunity."));
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("Duplicate of an existing opportunity.");
        processor.Crm.CreatedTasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Nothing_changed_means_no_HubSpot_write_and_no_outcome()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(704);
        await processor.Crm.UpdateDealAsync(704, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = "Pending Submission" }, Cancel);
        var writesBefore = DealWrites(processor, 704);

        await ReportChangeAsync(processor, id, 1);

        DealWrites(processor, 704).ShouldBe(writesBefore);
        processor.Crm.CreatedNotes.ShouldBeEmpty();
        processor.Published.Of<OpportunityReviewChanged>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Before_submission_AWSs_summary_is_not_asked_for_since_AWS_has_none_yet()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(712);
        await processor.Crm.UpdateDealAsync(712, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = "Pending Submission" }, Cancel);

        await ReportChangeAsync(processor, id, 1);

        processor.PartnerCentral.Calls.ShouldBe(["GetOpportunity"]);
    }

    [Fact]
    public async Task A_deal_is_found_by_its_opportunity_id_when_the_partner_identifier_does_not_confirm_it_and_an_unlinked_opportunity_is_left_alone()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        // The opportunity names deal 705, but deal 706 is the one that carries it (e.g. deals merged in HubSpot).
        var id = processor.SeedSyncedDeal(705, reviewStatus: "Submitted");
        processor.Crm.Deals.TryRemove(705, out _);
        processor.Crm.AddDeal(706, "Acme cloud migration #AWS", id, properties: (DealProperties.ReviewStatus, "Submitted"));
        Review(processor, id, "Approved");
        var unlinked = processor.PartnerCentral.Seed(new JsonObject
        {
            ["PartnerOpportunityIdentifier"] = "999",
            ["LifeCycle"] = new JsonObject { ["ReviewStatus"] = "Approved" },
        });

        await ReportChangeAsync(processor, id, 1);
        await ReportChangeAsync(processor, unlinked, 2);

        processor.Crm.DealProperty(706, DealProperties.ReviewStatus).ShouldBe("Approved");
        processor.Crm.Calls.ShouldContain($"FindDeals aws_opportunity_id={id}");
        processor.Crm.Calls.ShouldAllBe(c => !c.StartsWith("UpdateDeal 999", StringComparison.Ordinal));
        processor.Published.Of<OpportunityReviewChanged>().ShouldHaveSingleItem().Message.DealId.ShouldBe(706);
    }

    [Fact]
    public async Task A_submission_in_progress_becomes_Submitted_once_AWS_has_the_opportunity()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(707);
        await processor.Crm.UpdateDealAsync(707, new Dictionary<string, string?>
        {
            [DealProperties.ReviewStatus] = "Pending Submission",
            [DealProperties.SubmissionStatus] = "In progress",
        }, Cancel);
        Review(processor, id, "Submitted");

        await ReportChangeAsync(processor, id, 1);

        processor.Crm.DealProperty(707, DealProperties.SubmissionStatus).ShouldBe("Submitted");
        processor.Crm.DealProperty(707, DealProperties.ReviewStatus).ShouldBe("Submitted");
    }

    [Theory]
    [InlineData("deal.propertyChange", "dealstage", null)]
    [InlineData("deal.propertyChange", "dealname", null)]
    [InlineData("object.creation", null, "0-46")]
    public async Task Switchyard_own_changes_coming_back_as_webhooks_cause_no_sync(string subscriptionType, string? property, string? objectTypeId)
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(708);
        processor.Crm.Notes[708] = new HubSpotNote(708, "<p>AWS's review changed.</p>", DateTimeOffset.UtcNow, [708]);

        await processor.Harness.Bus.Publish(new HubSpotEventReceived
        {
            EventId = 11,
            SubscriptionId = 12,
            PortalId = ProcessorUnderTest.Portal,
            AppId = 4242,
            OccurredAt = DateTimeOffset.UtcNow,
            SubscriptionType = subscriptionType,
            ObjectId = 708,
            PropertyName = property,
            ObjectTypeId = objectTypeId,
            ChangeSource = "INTEGRATION",
            SourceId = "4242",
        }, Cancel);

        var skipped = await PublishedAsync<SyncSkipped>(processor);
        skipped.Reason.ShouldBe(SyncSkipReasons.OwnChange);
        processor.Harness.Sent.Select<SyncOpportunity>(Cancel).ShouldBeEmpty();
        processor.Crm.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_apps_change_is_processed_as_usual()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.SeedSyncedDeal(709);

        await processor.Harness.Bus.Publish(new HubSpotEventReceived
        {
            EventId = 13,
            SubscriptionId = 12,
            PortalId = ProcessorUnderTest.Portal,
            AppId = 4242,
            OccurredAt = DateTimeOffset.UtcNow,
            SubscriptionType = "deal.propertyChange",
            ObjectId = 709,
            PropertyName = "amount",
            ChangeSource = "INTEGRATION",
            SourceId = "1717",
        }, Cancel);

        await Poll.UntilAsync(() => processor.Harness.Sent.Select<SyncOpportunity>(Cancel).Any(), "the sync to be requested", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_deal_update_before_the_review_change_arrives_leaves_the_news_to_the_review_sync()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(710, reviewStatus: "Submitted");
        await processor.Crm.UpdateDealAsync(710, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = "Submitted" }, Cancel);
        Review(processor, id, "Action Required", "Add the use case.");

        // A user changes the deal first: the sync updates the opportunity but does not record the review status silently.
        await processor.PublishAsync("deal.propertyChange", 710, DealProperties.Amount);
        await PublishedAsync<OpportunityUpdated>(processor);
        processor.Crm.DealProperty(710, DealProperties.ReviewStatus).ShouldBe("Submitted");

        await ReportChangeAsync(processor, id, 1);

        (await PublishedAsync<OpportunityReviewChanged>(processor)).NewStatus.ShouldBe("Action Required");
        processor.Crm.CreatedTasks.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_blocked_deal_change_before_the_review_change_arrives_leaves_the_news_to_the_review_sync()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var id = processor.SeedSyncedDeal(711, reviewStatus: "Action Required");
        await processor.Crm.UpdateDealAsync(711, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = "Action Required" }, Cancel);
        // The partner's update of the Action Required opportunity put it back in AWS's review.
        Review(processor, id, "Submitted");

        // A user changes the deal before the review change arrives: the sync is blocked, says so, and leaves the
        // review status to the review sync, which says what changed.
        await processor.PublishAsync("deal.propertyChange", 711, DealProperties.Amount);
        (await PublishedAsync<SyncBlocked>(processor)).ReviewStatus.ShouldBe("Submitted");
        processor.Crm.DealProperty(711, DealProperties.ReviewStatus).ShouldBe("Action Required");
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("did not update");

        await ReportChangeAsync(processor, id, 1);

        var changed = await PublishedAsync<OpportunityReviewChanged>(processor);
        changed.OldStatus.ShouldBe("Action Required");
        changed.NewStatus.ShouldBe("Submitted");
        processor.Crm.DealProperty(711, DealProperties.ReviewStatus).ShouldBe("Submitted");
        processor.Crm.CreatedNotes.ShouldContain(n => n.Body.Contains("from <em>Action Required</em> to <strong>Submitted</strong>", StringComparison.Ordinal));
    }
}
