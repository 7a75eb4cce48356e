using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Contracts.Processing;
using Switchyard.Emulators.HubSpot;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The co-sell loop (issue 14) on a real RabbitMQ broker, the receipt, processor and dispatcher as the product runs
/// them, both emulators over loopback HTTP: a seller submits a deal's opportunity from HubSpot, AWS's reviewer decides,
/// and the decision comes back to the deal and to subscribers. HubSpot sends the receipt a webhook for every change,
/// Switchyard's own writes included, as HubSpot does; Partner Central sends its EventBridge events to the processor's
/// event queue, as AWS's rule does, unless a test has it drop them.
/// </summary>
public class CoSellLoopTests
{
    const long DealId = HubSpotEmulatorState.DemoAwsDealId;

    // Several hops each way (webhook, processor, write queue, AWS's task, an event or a poll, the write-back, the
    // dispatcher): seconds on an idle machine, a good deal more on a shared two-core one.
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Ticking_aws_submit_to_aws_submits_the_opportunity_and_the_deal_shows_Submitted_and_the_review_status_AWS_reports()
    {
        await using var pipeline = await StartAsync("cosell-submit");
        var opportunityId = await CreateAsync(pipeline);

        var submitted = await SubmitAsync(pipeline);

        submitted.GetProperty("dealId").GetInt64().ShouldBe(DealId);
        submitted.GetProperty("opportunityId").GetString().ShouldBe(opportunityId);
        submitted.GetProperty("involvementType").GetString().ShouldBe("Co-Sell");
        submitted.GetProperty("visibility").GetString().ShouldBe("Full");
        submitted.GetProperty("engagementId").GetString().ShouldNotBeNullOrEmpty();
        var awsReviewStatus = (string?)Emulator(pipeline).FindOpportunity(opportunityId)!["LifeCycle"]!["ReviewStatus"];
        awsReviewStatus.ShouldBe("Submitted");
        var deal = Deal(pipeline);
        deal.Property("aws_submission_status").ShouldBe("Submitted");
        deal.Property("aws_review_status").ShouldBe(awsReviewStatus);
        deal.Property("aws_sync_error").ShouldBeNullOrEmpty();
        var start = Emulator(pipeline).Requests.Where(r => r.Operation == "StartEngagementFromOpportunityTask").ShouldHaveSingleItem();
        start.StatusCode.ShouldBe(200);
        ((string?)start.Json!["Identifier"]).ShouldBe(opportunityId);
        ((string?)start.Json!["AwsSubmission"]!["InvolvementType"]).ShouldBe("Co-Sell");
    }

    [Fact]
    public async Task A_deal_lacking_what_AWS_requires_is_not_submitted_and_the_deal_says_what_is_missing()
    {
        await using var pipeline = await StartAsync("cosell-missing");
        // The customer's company has no industry, which AWS requires of a submitted opportunity (but not of a new one).
        var state = pipeline.Crm.HubSpot.State;
        var company = state.Company(HubSpotEmulatorState.DemoCompanyId)!.Properties.Where(p => p.Key != "industry").ToDictionary();
        state.AddCompany(HubSpotEmulatorState.DemoCompanyId, company);
        var opportunityId = await CreateAsync(pipeline);
        Emulator(pipeline).FindOpportunity(opportunityId)!["Customer"]!["Account"]!["Industry"].ShouldBeNull();

        state.Edit("deals", DealId, new Dictionary<string, string> { ["aws_submit_to_aws"] = "true" });
        var failed = await OutcomeAsync(pipeline, OutcomeEventTypes.OpportunitySubmissionFailed);

        failed.GetProperty("opportunityId").GetString().ShouldBe(opportunityId);
        failed.GetProperty("reason").GetString().ShouldBe("MissingRequiredFields");
        failed.GetProperty("detail").GetString()!.ShouldContain("Customer.Account.Industry");
        await Poll.UntilAsync(() => Deal(pipeline).Property("aws_sync_error") is not null, "aws_sync_error on the deal", Deadline);
        var deal = Deal(pipeline);
        deal.Property("aws_sync_error")!.ShouldContain("Customer.Account.Industry (the company's Industry)");
        deal.Property("aws_submission_status")!.ShouldStartWith("Failed: MissingRequiredFields: ");
        state.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("the company&#39;s Industry (Customer.Account.Industry)", StringComparison.Ordinal));
        Emulator(pipeline).Requests.ShouldNotContain(r => r.Operation == "StartEngagementFromOpportunityTask");
        Outcomes(pipeline, OutcomeEventTypes.OpportunitySubmitted).ShouldBeEmpty();
    }

    [Fact]
    public async Task AWS_approving_reaches_the_deal_through_its_event_with_a_note_and_review_changed()
    {
        // No polling: only the event can bring the approval back.
        await using var pipeline = await StartAsync("cosell-approve-event");

        var (opportunityId, changed) = await SubmittedAndReviewedAsync(pipeline, "Approved");

        changed.GetProperty("dealId").GetInt64().ShouldBe(DealId);
        changed.GetProperty("opportunityId").GetString().ShouldBe(opportunityId);
        changed.GetProperty("oldStatus").GetString().ShouldBe("Submitted");
        Deal(pipeline).Property("aws_review_status").ShouldBe("Approved");
        pipeline.Crm.HubSpot.State.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("to <strong>Approved</strong>", StringComparison.Ordinal));
        pipeline.Crm.PartnerCentral.EventRecorder.Events.ShouldContain(e => e.DetailType == "Opportunity Updated" && e.OpportunityId == opportunityId);
        Emulator(pipeline).Requests.ShouldNotContain(r => r.Operation == "ListOpportunities");
    }

    [Fact]
    public async Task With_every_event_dropped_polling_brings_AWSs_approval_to_the_deal()
    {
        var interval = TimeSpan.FromSeconds(2);
        await using var pipeline = await StartAsync("cosell-approve-poll", pollEvery: interval, dropEveryEvent: true);

        var (opportunityId, changed) = await SubmittedAndReviewedAsync(pipeline, "Approved");

        changed.GetProperty("oldStatus").GetString().ShouldBe("Submitted");
        Deal(pipeline).Property("aws_review_status").ShouldBe("Approved");
        pipeline.Crm.HubSpot.State.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("to <strong>Approved</strong>", StringComparison.Ordinal));
        Emulator(pipeline).Events.ShouldContain(e => e.DetailType == "Opportunity Updated" && e.OpportunityId == opportunityId);
        Emulator(pipeline).Events.ShouldAllBe(e => e.Dropped);
        pipeline.Crm.PartnerCentral.EventRecorder.Events.ShouldBeEmpty();
        Emulator(pipeline).Requests.ShouldContain(r => r.Operation == "ListOpportunities" && r.StatusCode == 200);
    }

    [Fact]
    public async Task Action_Required_brings_AWSs_comments_in_a_note_and_a_task_for_the_owner_and_an_update_sends_only_what_AWS_opens()
    {
        const string comments = "Please confirm the expected monthly spend and the customer's go-live date.";
        const string reason = "Customer or Partner information is incomplete";
        await using var pipeline = await StartAsync("cosell-action-required");
        var state = pipeline.Crm.HubSpot.State;

        var (opportunityId, changed) = await SubmittedAndReviewedAsync(pipeline, "Action Required", comments, reason);

        changed.GetProperty("oldStatus").GetString().ShouldBe("Submitted");
        changed.GetProperty("comments").GetString().ShouldBe(comments);
        changed.GetProperty("statusReason").GetString().ShouldBe(reason);
        var deal = Deal(pipeline);
        deal.Property("aws_review_status").ShouldBe("Action Required");
        deal.Property("aws_review_comments").ShouldBe(comments);
        deal.Property("aws_review_status_reason").ShouldBe(reason);
        var encoded = WebUtility.HtmlEncode(comments);
        state.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("to <strong>Action Required</strong>", StringComparison.Ordinal)
            && n.Body.Contains(encoded, StringComparison.Ordinal));
        var task = state.TasksOnDeal(DealId).ShouldHaveSingleItem();
        task.OwnerId.ShouldBe(HubSpotEmulatorState.DemoOwnerId.ToString(CultureInfo.InvariantCulture));
        task.OwnerId.ShouldBe(deal.Property("hubspot_owner_id"));
        task.Subject.ShouldBe($"AWS needs changes to opportunity {opportunityId}");
        task.Properties["hs_task_body"]!.ShouldContain(encoded);

        // The seller corrects the spend, which AWS opens in Action Required, and moves the stage, which it does not.
        var before = Emulator(pipeline).FindOpportunity(opportunityId)!;
        state.Edit("deals", DealId, new Dictionary<string, string> { ["amount"] = "250000", ["dealstage"] = "presentationscheduled" });
        var updated = await OutcomeAsync(pipeline, OutcomeEventTypes.OpportunityUpdated);
        // The stage's own webhook comes after the spend's; its sync finds the opportunity back in review.
        await OutcomeAsync(pipeline, OutcomeEventTypes.SyncBlocked);

        updated.GetProperty("updatedFields").EnumerateArray().Select(f => f.GetString()).ShouldContain("Project.ExpectedCustomerSpend");
        var update = Emulator(pipeline).Requests.Where(r => r.Operation == "UpdateOpportunity").ShouldHaveSingleItem();
        update.StatusCode.ShouldBe(200);
        ((string?)update.Json!["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]).ShouldBe("250000.00");
        ((string?)update.Json!["LifeCycle"]!["Stage"]).ShouldBe((string?)before["LifeCycle"]!["Stage"]);
        update.Json!["Project"]!["SalesActivities"]!.ToJsonString().ShouldBe(before["Project"]!["SalesActivities"]!.ToJsonString());
        var after = Emulator(pipeline).FindOpportunity(opportunityId)!;
        ((string?)after["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]).ShouldBe("250000.00");
        ((string?)after["LifeCycle"]!["Stage"]).ShouldBe((string?)before["LifeCycle"]!["Stage"]);
        // What was held back is said on the deal; the stage's own webhook, blocked, then says the change waits for AWS.
        state.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("did not send some changes", StringComparison.Ordinal)
            && n.Body.Contains("LifeCycle.Stage", StringComparison.Ordinal));
        Deal(pipeline).Property("aws_sync_error")!.ShouldStartWith("Not sent while Submitted");
        // The update puts the opportunity back in AWS's review ("After updates, the opportunity re-enters the
        // validation phase"), which the deal and subscribers hear about like any other change of the review.
        var resubmitted = await OutcomeAsync(pipeline, OutcomeEventTypes.OpportunityReviewChanged,
            data => data.GetProperty("newStatus").GetString() == "Submitted" && data.GetProperty("oldStatus").GetString() == "Action Required");
        resubmitted.GetProperty("opportunityId").GetString().ShouldBe(opportunityId);
        Deal(pipeline).Property("aws_review_status").ShouldBe("Submitted");
        state.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("from <em>Action Required</em> to <strong>Submitted</strong>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejection_brings_AWSs_comments_in_a_note_and_review_changed_with_the_old_and_new_status()
    {
        const string comments = "The customer is already engaged with another partner for this workload.";
        const string reason = "Duplicate Opportunity";
        await using var pipeline = await StartAsync("cosell-rejected");

        var (opportunityId, changed) = await SubmittedAndReviewedAsync(pipeline, "Rejected", comments, reason);

        changed.GetProperty("dealId").GetInt64().ShouldBe(DealId);
        changed.GetProperty("opportunityId").GetString().ShouldBe(opportunityId);
        changed.GetProperty("oldStatus").GetString().ShouldBe("Submitted");
        changed.GetProperty("comments").GetString().ShouldBe(comments);
        changed.GetProperty("statusReason").GetString().ShouldBe(reason);
        var deal = Deal(pipeline);
        deal.Property("aws_review_status").ShouldBe("Rejected");
        deal.Property("aws_review_comments").ShouldBe(comments);
        pipeline.Crm.HubSpot.State.NotesOnDeal(DealId).ShouldContain(n => n.Body!.Contains("to <strong>Rejected</strong>", StringComparison.Ordinal)
            && n.Body.Contains(WebUtility.HtmlEncode(comments), StringComparison.Ordinal) && n.Body.Contains(reason, StringComparison.Ordinal));
        // A task is for what the seller can still do: Action Required, not a rejection.
        pipeline.Crm.HubSpot.State.TasksOnDeal(DealId).ShouldBeEmpty();

        // A rejected opportunity is read-only ("Rejected: Disqualified (read-only)"): a later change is not sent.
        pipeline.Crm.HubSpot.State.Edit("deals", DealId, new Dictionary<string, string> { ["amount"] = "250000" });
        var blocked = await OutcomeAsync(pipeline, OutcomeEventTypes.SyncBlocked);
        blocked.GetProperty("reviewStatus").GetString().ShouldBe("Rejected");
        Emulator(pipeline).Requests.ShouldNotContain(r => r.Operation == "UpdateOpportunity");
        Outcomes(pipeline, OutcomeEventTypes.SyncFailed).ShouldBeEmpty();
    }

    [Fact]
    public async Task Over_a_full_cycle_Switchyards_own_writes_coming_back_as_webhooks_cause_no_Partner_Central_write()
    {
        // Events and polling both on, as in production: a poll finding what an event brought already writes nothing.
        await using var pipeline = await StartAsync("cosell-no-echo", pollEvery: TimeSpan.FromSeconds(2));
        var state = pipeline.Crm.HubSpot.State;
        var feed = pipeline.Feed;
        var opportunityId = await CreateAsync(pipeline);
        await SubmitAsync(pipeline);
        await ReviewAsync(pipeline, opportunityId, "Approved");
        await PostControlAsync(pipeline, $"opportunities/{opportunityId}/summary", new JsonObject
        {
            ["LifeCycle"] = new JsonObject { ["Stage"] = "Qualified", ["NextSteps"] = "Joint discovery call with the customer's CTO." },
            ["OpportunityTeam"] = new JsonArray(new JsonObject
            {
                ["FirstName"] = "Alex", ["LastName"] = "Rivera", ["Email"] = "alex.rivera@example.com", ["BusinessTitle"] = "AWSAccountOwner",
            }),
            ["Insights"] = new JsonObject { ["EngagementScore"] = "High", ["NextBestActions"] = "Schedule the joint discovery call." },
        });
        await Poll.UntilAsync(() => Deal(pipeline).Property("aws_seller") is not null && Deal(pipeline).Property("aws_review_status") == "Approved",
            "AWS's approval and summary on the deal", Deadline);

        // Quiet once HubSpot has sent every webhook of Switchyard's writes and the processor has said of each that it
        // was its own change: an echo acted on would say something else, and write.
        string[] expected = ["CreateOpportunity", "AssociateOpportunity", "StartEngagementFromOpportunityTask"];
        List<HubSpotWebhookEvent> own = [];
        try
        {
            await Poll.UntilAsync(() =>
            {
                var delivered = feed.Delivered;
                if (delivered.Count != state.Webhooks.Count)
                    return false;
                own = delivered.Where(IsOwnDealOrNoteChange).ToList();
                // By webhook-id: a delivery the dispatcher repeated is one outcome.
                return pipeline.Inner.Subscriber.Requests
                    .Where(r => Is(r, OutcomeEventTypes.SyncSkipped) && Data(r).GetProperty("reason").GetString() == SyncSkipReasons.OwnChange)
                    .Select(r => r.Header("webhook-id")).Distinct().Count() == own.Count;
            }, "every webhook of Switchyard's own writes to be delivered and skipped as its own", Deadline);
        }
        catch (TimeoutException)
        {
            // Say what the echoes did to Partner Central, not only that they were not skipped.
            Writes(pipeline).Select(w => w.Operation).ShouldBe(expected, "Partner Central writes while Switchyard's own changes were not all skipped");
            throw;
        }

        feed.Deliveries.ShouldAllBe(d => d.Accepted);
        own.ShouldContain(e => e.SubscriptionType == "deal.propertyChange" && e.PropertyName == "aws_review_status" && e.PropertyValue == "Approved");
        own.ShouldContain(e => e.SubscriptionType == "deal.propertyChange" && e.PropertyName == "aws_seller");
        own.ShouldContain(e => e.SubscriptionType == "object.creation");
        var deal = Deal(pipeline);
        deal.Property("aws_seller").ShouldBe("Alex Rivera <alex.rivera@example.com>");
        deal.Property("aws_engagement_score").ShouldBe("High");
        deal.Property("aws_next_steps").ShouldBe("Schedule the joint discovery call.");
        deal.Property("aws_stage").ShouldBe("Qualified");
        var writes = Writes(pipeline);
        Report($"{feed.Delivered.Count} webhooks delivered, {own.Count} of Switchyard's own deal and note writes; Partner Central writes: " +
            string.Join(", ", writes.Select(w => w.Operation)));
        writes.Select(w => w.Operation).ShouldBe(expected);
        writes.ShouldAllBe(w => w.StatusCode == 200);
    }

    static List<PartnerCentralEmulatorRequest> Writes(CoSellPipeline pipeline) =>
        Emulator(pipeline).Requests.Where(r => PartnerCentralQuotas.IsWrite(r.Operation)).ToList();

    static bool IsOwnDealOrNoteChange(HubSpotWebhookEvent webhook) =>
        webhook.ChangeSource == "INTEGRATION"
        && (webhook.SubscriptionType == "deal.propertyChange" || (webhook.SubscriptionType == "object.creation" && webhook.ObjectTypeId == "0-46"));

    /// <summary>
    /// The pipeline with Partner Central's events on (every one dropped when <paramref name="dropEveryEvent"/>), polling
    /// every <paramref name="pollEvery"/> or not at all, and HubSpot's webhooks fed to the receipt.
    /// </summary>
    static async Task<CoSellPipeline> StartAsync(string purpose, TimeSpan? pollEvery = null, bool dropEveryEvent = false)
    {
        var pipeline = await RabbitMqPipeline.StartAsync(purpose, new PipelineOptions
        {
            PartnerCentralEvents = true,
            PartnerCentral = options => options.Events.DropEveryNth = dropEveryEvent ? 1 : 0,
            ProcessorSettings = pollEvery is { } interval
                ? new Dictionary<string, string?> { ["Processor:Polling:Interval"] = interval.ToString("c", CultureInfo.InvariantCulture) }
                : new Dictionary<string, string?> { ["Processor:Polling:Enabled"] = "false" },
        });
        return new CoSellPipeline(pipeline, pipeline.FeedHubSpotWebhooks());
    }

    /// <summary>Sends the demo deal's creation webhook; returns its opportunity once associated with the solution.</summary>
    static async Task<string> CreateAsync(CoSellPipeline pipeline)
    {
        using (var response = await pipeline.Inner.SendWebhookAsync(HubSpotBatches.DealCreatedBody(DealId)))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var created = await OutcomeAsync(pipeline, OutcomeEventTypes.OpportunityCreated);
        var opportunityId = created.GetProperty("opportunityId").GetString().ShouldNotBeNull();
        await Poll.UntilAsync(() => Emulator(pipeline).Requests.Any(r => r.Operation == "AssociateOpportunity" && r.StatusCode == 200),
            "the association with the solution", Deadline);
        return opportunityId;
    }

    /// <summary>The seller ticks <c>aws_submit_to_aws</c> in HubSpot; returns <c>opportunity.submitted</c> once the deal says Submitted.</summary>
    static async Task<JsonElement> SubmitAsync(CoSellPipeline pipeline)
    {
        pipeline.Crm.HubSpot.State.Edit("deals", DealId, new Dictionary<string, string> { ["aws_submit_to_aws"] = "true" });
        var submitted = await OutcomeAsync(pipeline, OutcomeEventTypes.OpportunitySubmitted);
        await Poll.UntilAsync(() => Deal(pipeline).Property("aws_submission_status") == "Submitted", "aws_submission_status Submitted", Deadline);
        return submitted;
    }

    /// <summary>
    /// Creates and submits the demo deal's opportunity and has AWS's reviewer give it <paramref name="status"/>; returns
    /// the opportunity and the <c>opportunity.review_changed</c> to that status the subscriber receives, and reports how
    /// long that took.
    /// </summary>
    static async Task<(string OpportunityId, JsonElement Changed)> SubmittedAndReviewedAsync(CoSellPipeline pipeline, string status,
        string? comments = null, string? reason = null)
    {
        var opportunityId = await CreateAsync(pipeline);
        await SubmitAsync(pipeline);
        var clock = Stopwatch.StartNew();
        await ReviewAsync(pipeline, opportunityId, status, comments, reason);
        var changed = await OutcomeAsync(pipeline, OutcomeEventTypes.OpportunityReviewChanged, data => data.GetProperty("newStatus").GetString() == status);
        Report($"{status} to opportunity.review_changed at the subscriber: {clock.Elapsed.TotalSeconds:F1} s");
        return (opportunityId, changed);
    }

    /// <summary>Plays AWS's reviewer through the emulator's control surface, as the README does.</summary>
    static Task ReviewAsync(CoSellPipeline pipeline, string opportunityId, string status, string? comments = null, string? reason = null) =>
        PostControlAsync(pipeline, $"opportunities/{opportunityId}/review", new JsonObject
        {
            ["ReviewStatus"] = status,
            ["ReviewComments"] = comments,
            ["ReviewStatusReason"] = reason,
        });

    static async Task PostControlAsync(CoSellPipeline pipeline, string path, JsonObject body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(pipeline.Crm.PartnerCentral.ControlUrl, path), content, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The <c>data</c> of the first outcome of <paramref name="type"/> (matching <paramref name="where"/>) the subscriber receives.</summary>
    static async Task<JsonElement> OutcomeAsync(CoSellPipeline pipeline, string type, Func<JsonElement, bool>? where = null)
    {
        var received = await pipeline.Inner.Subscriber.WaitForAsync(1, r => Is(r, type) && (where is null || where(Data(r))), Deadline);
        return Data(received[0]);
    }

    static List<JsonElement> Outcomes(CoSellPipeline pipeline, string type) =>
        pipeline.Inner.Subscriber.Requests.Where(r => Is(r, type)).Select(Data).ToList();

    static bool Is(ReceivedRequest request, string type) => request.Json.GetProperty("type").GetString() == type;

    static JsonElement Data(ReceivedRequest request) => request.Json.GetProperty("data");

    static EmulatedObject Deal(CoSellPipeline pipeline) => pipeline.Crm.HubSpot.State.Deal(DealId).ShouldNotBeNull();

    static PartnerCentralEmulator Emulator(CoSellPipeline pipeline) => pipeline.Crm.PartnerCentral.Emulator;

    static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>The pipeline and the feed of HubSpot's webhooks to its receipt.</summary>
    sealed class CoSellPipeline(RabbitMqPipeline inner, HubSpotWebhookFeed feed) : IAsyncDisposable
    {
        public RabbitMqPipeline Inner { get; } = inner;

        public HubSpotWebhookFeed Feed { get; } = feed;

        public CrmEmulators Crm => Inner.Crm;

        public ValueTask DisposeAsync() => Inner.DisposeAsync();
    }
}
