using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// StartEngagementFromOpportunityTask in the emulator: asynchronous, idempotent by client token, checking what AWS
/// requires of an opportunity it reviews, and producing the opportunity's submission and its events.
/// </summary>
public sealed class SubmissionTests : IAsyncLifetime
{
    CoSellApi _api = null!;

    public async ValueTask InitializeAsync() => _api = await CoSellApi.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task A_submission_runs_in_progress_then_completes_with_the_engagement_and_the_opportunity_submitted()
    {
        var id = await _api.CreateAsync();
        var before = await _api.GetAsync(id);

        var started = await _api.SubmitAsync(id);
        var finished = await _api.FinishedTaskAsync("ListEngagementFromOpportunityTasks", (string)started["TaskId"]!);
        var after = await _api.GetAsync(id);

        ((string?)started["TaskStatus"]).ShouldBe("IN_PROGRESS");
        ((string?)started["OpportunityId"]).ShouldBe(id);
        ((string?)started["TaskArn"]).ShouldBe($"arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/engagement-from-opportunity-task/{started["TaskId"]}");
        ((string?)finished["TaskStatus"]).ShouldBe("COMPLETE");
        ((string)finished["EngagementId"]!).ShouldMatch("^eng-[0-9a-z]{14}$");
        ((string)finished["EngagementInvitationId"]!).ShouldMatch("^engi-[0-9a-z]{13}$");
        ((string)finished["ResourceSnapshotJobId"]!).ShouldMatch("^job-[0-9a-z]{13}$");
        ((string?)before["LifeCycle"]!["ReviewStatus"]).ShouldBe("Pending Submission");
        ((string?)after["LifeCycle"]!["ReviewStatus"]).ShouldBe("Submitted");
        string.CompareOrdinal((string?)after["LastModifiedDate"], (string?)before["LastModifiedDate"]).ShouldBePositive();

        var summary = await _api.CallAsync("GetAwsOpportunitySummary", new JsonObject { ["Catalog"] = "AWS", ["RelatedOpportunityIdentifier"] = id });
        ((string?)summary["Origin"]).ShouldBe("Partner Referral");
        ((string?)summary["InvolvementType"]).ShouldBe("Co-Sell");
        ((string?)summary["Visibility"]).ShouldBe("Full");
        ((string?)summary["RelatedEntityIds"]!["Solutions"]![0]).ShouldBe(_api.SolutionId);

        // "Event scenarios": StartEngagementFromOpportunityTask submits an opportunity.
        _api.Emulator.Events.Select(e => e.DetailType).TakeLast(5).ShouldBe([
                SellingApiEvents.OpportunityUpdated, SellingApiEvents.EngagementCreated, SellingApiEvents.EngagementResourceSnapshotCreated,
                SellingApiEvents.EngagementMemberAdded, SellingApiEvents.EngagementInvitationCreated,
            ]);
        var invitation = _api.EventsOf(SellingApiEvents.EngagementInvitationCreated).Single().Detail["engagementInvitation"]!;
        ((string?)invitation["participantType"]).ShouldBe("Sender");
        ((string?)invitation["id"]).ShouldBe((string?)finished["EngagementInvitationId"]);
        ((string?)invitation["engagementId"]).ShouldBe((string?)finished["EngagementId"]);
    }

    [Fact]
    public async Task A_task_stays_in_progress_until_its_delay_has_passed_on_the_emulators_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var api = await CoSellApi.StartAsync(options => options.TaskDelay = TimeSpan.FromMinutes(10), clock);
        var id = await api.CreateAsync();
        var taskId = (string)(await api.SubmitAsync(id))["TaskId"]!;
        var list = new JsonObject { ["Catalog"] = "AWS", ["TaskIdentifier"] = new JsonArray(taskId) };

        clock.Advance(TimeSpan.FromMinutes(9));
        var early = await api.CallAsync("ListEngagementFromOpportunityTasks", list);
        clock.Advance(TimeSpan.FromMinutes(1));
        var due = await api.CallAsync("ListEngagementFromOpportunityTasks", list);

        ((string?)early["TaskSummaries"]![0]!["TaskStatus"]).ShouldBe("IN_PROGRESS");
        ((string?)(await api.GetAsync(id))["LifeCycle"]!["ReviewStatus"]).ShouldBe("Submitted");
        ((string?)due["TaskSummaries"]![0]!["TaskStatus"]).ShouldBe("COMPLETE");
    }

    [Fact]
    public async Task The_same_client_token_returns_the_first_task_and_with_another_body_is_a_conflict()
    {
        var id = await _api.CreateAsync();
        var other = await _api.CreateAsync(CoSellApi.Submittable("other-deal"));

        var first = await _api.SubmitAsync(id, clientToken: "submit-once");
        var again = await _api.SubmitAsync(id, clientToken: "submit-once");
        var conflict = await _api.RefusedAsync("StartEngagementFromOpportunityTask", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ClientToken"] = "submit-once",
            ["Identifier"] = other,
            ["AwsSubmission"] = new JsonObject { ["InvolvementType"] = "Co-Sell", ["Visibility"] = "Full" },
        }, "ConflictException");

        again.ToJsonString().ShouldBe(first.ToJsonString());
        ((string?)conflict["Message"]).ShouldBe("Conflicting client token submitted for a new request body.");
        var tasks = await _api.CallAsync("ListEngagementFromOpportunityTasks", new JsonObject { ["Catalog"] = "AWS" });
        tasks["TaskSummaries"]!.AsArray().Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("no solution", "associate at least one solution (AssociateOpportunity) before submitting")]
    [InlineData("prospect", "LifeCycle.Stage must be Qualified or later to submit")]
    [InlineData("closed lost", "LifeCycle.Stage Closed Lost is not suitable for submission")]
    [InlineData("no industry", "Customer.Account.Industry is required")]
    [InlineData("no website", "Customer.Account.WebsiteUrl is required")]
    [InlineData("no country", "Customer.Account.Address.CountryCode is required")]
    [InlineData("no sales activities", "Project.SalesActivities is required for Co-Sell")]
    public async Task A_submission_AWS_would_not_review_fails_with_the_reason(string lacking, string reason)
    {
        var request = CoSellApi.Submittable($"lacking-{lacking.Replace(' ', '-')}");
        var account = request["Customer"]!["Account"]!.AsObject();
        switch (lacking)
        {
            case "prospect":
                request["LifeCycle"]!["Stage"] = "Prospect";
                break;
            case "closed lost":
                request["LifeCycle"]!["Stage"] = "Closed Lost";
                request["LifeCycle"]!["ClosedLostReason"] = "Customer Deficiency";
                break;
            case "no industry":
                account.Remove("Industry");
                break;
            case "no website":
                account.Remove("WebsiteUrl");
                break;
            case "no country":
                account["Address"]!.AsObject().Remove("CountryCode");
                account["Address"]!.AsObject().Remove("StateOrRegion");
                break;
            case "no sales activities":
                request["Project"]!.AsObject().Remove("SalesActivities");
                break;
        }

        var id = await _api.CreateAsync(request, associate: lacking != "no solution");
        var started = await _api.SubmitAsync(id);
        var finished = await _api.FinishedTaskAsync("ListEngagementFromOpportunityTasks", (string)started["TaskId"]!);

        ((string?)finished["TaskStatus"]).ShouldBe("FAILED");
        ((string?)finished["ReasonCode"]).ShouldBe("OpportunityValidationFailed");
        ((string)finished["Message"]!).ShouldStartWith($"Opportunity {id} cannot be submitted: ");
        ((string)finished["Message"]!).ShouldContain(reason);
        finished["EngagementId"].ShouldBeNull();
        ((string?)(await _api.GetAsync(id))["LifeCycle"]!["ReviewStatus"]).ShouldBe("Pending Submission");
        _api.EventsOf(SellingApiEvents.EngagementCreated).ShouldBeEmpty();
    }

    [Fact]
    public async Task For_visibility_only_needs_no_sales_activities()
    {
        var request = CoSellApi.Submittable("visibility-only");
        request["Project"]!.AsObject().Remove("SalesActivities");
        var id = await _api.CreateAsync(request);

        var started = await _api.SubmitAsync(id, involvement: "For Visibility Only");
        var finished = await _api.FinishedTaskAsync("ListEngagementFromOpportunityTasks", (string)started["TaskId"]!);

        ((string?)finished["TaskStatus"]).ShouldBe("COMPLETE");
    }

    [Fact]
    public async Task An_opportunity_submitted_already_fails_a_second_submission()
    {
        var id = await _api.CreateAsync();
        await _api.SubmittedAsync(id);

        var again = await _api.SubmitAsync(id, clientToken: "second-submission");
        var finished = await _api.FinishedTaskAsync("ListEngagementFromOpportunityTasks", (string)again["TaskId"]!);

        ((string?)finished["TaskStatus"]).ShouldBe("FAILED");
        ((string?)finished["ReasonCode"]).ShouldBe("OpportunitySubmissionFailed");
        ((string?)finished["Message"]).ShouldBe($"Opportunity {id} cannot be submitted while its review status is Submitted.");
    }

    [Fact]
    public async Task Submitting_an_opportunity_that_does_not_exist_is_not_found()
    {
        var answer = await _api.RefusedAsync("StartEngagementFromOpportunityTask", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ClientToken"] = "ghost",
            ["Identifier"] = "O999",
            ["AwsSubmission"] = new JsonObject { ["InvolvementType"] = "Co-Sell" },
        }, "ResourceNotFoundException");

        ((string?)answer["Message"]).ShouldBe("Opportunity O999 was not found in the AWS catalog.");
    }

    [Fact]
    public async Task Task_lists_filter_by_status_and_opportunity_and_page_with_next_tokens()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await _api.CreateAsync(CoSellApi.Submittable($"page-{i}"));
            ids.Add(id);
            await _api.SubmittedAsync(id);
        }

        var first = await _api.CallAsync("ListEngagementFromOpportunityTasks", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["MaxResults"] = 2,
            ["TaskStatus"] = new JsonArray("COMPLETE"),
            ["Sort"] = new JsonObject { ["SortBy"] = "StartTime", ["SortOrder"] = "ASCENDING" },
        });
        var second = await _api.CallAsync("ListEngagementFromOpportunityTasks", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["MaxResults"] = 2,
            ["TaskStatus"] = new JsonArray("COMPLETE"),
            ["Sort"] = new JsonObject { ["SortBy"] = "StartTime", ["SortOrder"] = "ASCENDING" },
            ["NextToken"] = (string?)first["NextToken"],
        });
        var one = await _api.CallAsync("ListEngagementFromOpportunityTasks", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["OpportunityIdentifier"] = new JsonArray(ids[1]),
        });
        var failed = await _api.CallAsync("ListEngagementFromOpportunityTasks", new JsonObject { ["Catalog"] = "AWS", ["TaskStatus"] = new JsonArray("FAILED") });
        var (badStatus, bad) = await _api.SendAsync("ListEngagementFromOpportunityTasks", """{"Catalog":"AWS","NextToken":"not-a-token"}""");

        first["TaskSummaries"]!.AsArray().Select(t => (string?)t!["OpportunityId"]).Concat(second["TaskSummaries"]!.AsArray().Select(t => (string?)t!["OpportunityId"]))
            .ShouldBe(ids);
        second["NextToken"].ShouldBeNull();
        ((string?)one["TaskSummaries"]!.AsArray().Single()!["OpportunityId"]).ShouldBe(ids[1]);
        failed["TaskSummaries"]!.AsArray().ShouldBeEmpty();
        badStatus.ShouldBe(400);
        ((string?)bad["ErrorList"]![0]!["FieldName"]).ShouldBe("NextToken");
    }
}
