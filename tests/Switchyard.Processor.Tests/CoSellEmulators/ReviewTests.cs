using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// AWS's reviewer and seller played through the control surface, and the review's gating of UpdateOpportunity as
/// "Working with opportunity updates" documents it.
/// </summary>
public sealed class ReviewTests : IAsyncLifetime
{
    CoSellApi _api = null!;

    public async ValueTask InitializeAsync() => _api = await CoSellApi.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    static JsonObject UpdateOf(JsonObject current)
    {
        var update = Switchyard.Processor.Mapping.UpdatePayload.From(current);
        update["Catalog"] = "AWS";
        update["Identifier"] = current["Id"]!.DeepClone();
        update["LastModifiedDate"] = current["LastModifiedDate"]!.DeepClone();
        return update;
    }

    async Task<string> SubmittedOpportunityAsync()
    {
        var id = await _api.CreateAsync();
        await _api.SubmittedAsync(id);
        return id;
    }

    [Fact]
    public async Task Approving_sets_the_review_and_emits_what_AWS_emits()
    {
        var id = await SubmittedOpportunityAsync();
        var before = await _api.GetAsync(id);
        var eventsBefore = _api.Emulator.Events.Count;

        var (status, reviewed) = await _api.ControlAsync($"opportunities/{id}/review",
            new JsonObject { ["ReviewStatus"] = "Approved", ["ReviewComments"] = "Looks good.", ["ReviewStatusReason"] = "Qualified" });
        var after = await _api.GetAsync(id);

        status.ShouldBe(200);
        ((string?)reviewed["LifeCycle"]!["ReviewStatus"]).ShouldBe("Approved");
        ((string?)after["LifeCycle"]!["ReviewStatus"]).ShouldBe("Approved");
        ((string?)after["LifeCycle"]!["ReviewComments"]).ShouldBe("Looks good.");
        ((string?)after["LifeCycle"]!["ReviewStatusReason"]).ShouldBe("Qualified");
        string.CompareOrdinal((string?)after["LastModifiedDate"], (string?)before["LastModifiedDate"]).ShouldBePositive();
        // "Event scenarios": AWS approves your submitted opportunity.
        _api.Emulator.Events.Skip(eventsBefore).Select(e => e.DetailType).ShouldBe([
            SellingApiEvents.EngagementInvitationAccepted, SellingApiEvents.EngagementMemberAdded,
            SellingApiEvents.OpportunityUpdated, SellingApiEvents.EngagementResourceSnapshotCreated,
        ]);
        var invitations = await _api.CallAsync("ListEngagementInvitations", new JsonObject { ["Catalog"] = "AWS", ["ParticipantType"] = "SENDER" });
        ((string?)invitations["EngagementInvitationSummaries"]![0]!["Status"]).ShouldBe("ACCEPTED");
    }

    [Fact]
    public async Task Rejecting_makes_the_opportunity_read_only()
    {
        var id = await SubmittedOpportunityAsync();
        await _api.ControlAsync($"opportunities/{id}/review", new JsonObject { ["ReviewStatus"] = "Rejected", ["ReviewStatusReason"] = "Duplicate" });
        var current = await _api.GetAsync(id);

        var refused = await _api.RefusedAsync("UpdateOpportunity", UpdateOf(current), "ValidationException");

        ((string?)refused["Reason"]).ShouldBe("BUSINESS_VALIDATION_FAILED");
        ((string?)refused["ErrorList"]![0]!["Code"]).ShouldBe("ACTION_NOT_PERMITTED");
        ((string?)refused["ErrorList"]![0]!["FieldName"]).ShouldBe("LifeCycle.ReviewStatus");
        _api.EventsOf(SellingApiEvents.EngagementInvitationRejected).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("Submitted")]
    [InlineData("In review")]
    public async Task Updates_are_refused_while_AWS_reviews(string status)
    {
        var id = await SubmittedOpportunityAsync();
        if (status == "In review")
            await _api.ControlAsync($"opportunities/{id}/review", new JsonObject { ["ReviewStatus"] = "In review" });
        var current = await _api.GetAsync(id);

        var refused = await _api.RefusedAsync("UpdateOpportunity", UpdateOf(current), "ValidationException");

        ((string)refused["Message"]!).ShouldContain($"while its review status is {status}");
    }

    [Fact]
    public async Task In_action_required_only_the_opened_fields_change_and_the_update_sends_it_back_to_review()
    {
        var id = await SubmittedOpportunityAsync();
        await _api.ControlAsync($"opportunities/{id}/review",
            new JsonObject { ["ReviewStatus"] = "Action Required", ["ReviewComments"] = "Add the customer's website." });
        var current = await _api.GetAsync(id);
        var closed = UpdateOf(current);
        closed["Project"]!["Title"] = "A new title";
        var opened = UpdateOf(current);
        opened["Customer"]!["Account"]!["WebsiteUrl"] = "https://www.example.org";

        var refused = await _api.RefusedAsync("UpdateOpportunity", closed, "ValidationException");
        await _api.CallAsync("UpdateOpportunity", opened);
        var after = await _api.GetAsync(id);

        ((string)refused["ErrorList"]![0]!["Message"]!).ShouldStartWith("While the review status is Action Required only these fields can change:");
        ((string?)after["Customer"]!["Account"]!["WebsiteUrl"]).ShouldBe("https://www.example.org");
        ((string?)after["LifeCycle"]!["ReviewStatus"]).ShouldBe("Submitted");
    }

    [Fact]
    public async Task After_approval_the_frozen_fields_are_refused_and_the_others_change()
    {
        var id = await SubmittedOpportunityAsync();
        await _api.ControlAsync($"opportunities/{id}/review", new JsonObject { ["ReviewStatus"] = "Approved" });
        var current = await _api.GetAsync(id);
        var frozen = UpdateOf(current);
        frozen["Project"]!["CustomerBusinessProblem"] = "A different business problem, long enough.";
        var free = UpdateOf(current);
        free["LifeCycle"]!["Stage"] = "Technical Validation";

        var refused = await _api.RefusedAsync("UpdateOpportunity", frozen, "ValidationException");
        await _api.CallAsync("UpdateOpportunity", free);

        ((string?)refused["ErrorList"]![0]!["FieldName"]).ShouldBe("Project.CustomerBusinessProblem");
        ((string?)(await _api.GetAsync(id))["LifeCycle"]!["Stage"]).ShouldBe("Technical Validation");
    }

    [Fact]
    public async Task The_summary_control_sets_AWSs_seller_score_and_next_steps()
    {
        var id = await SubmittedOpportunityAsync();
        var before = await _api.GetAsync(id);
        var updates = _api.EventsOf(SellingApiEvents.OpportunityUpdated).Count;

        var (status, answered) = await _api.ControlAsync($"opportunities/{id}/summary", JsonNode.Parse("""
            {"OpportunityTeam": [{"FirstName": "Sam", "LastName": "Seller", "Email": "sam.seller@example.com", "BusinessTitle": "AWSSalesRep"}],
             "Insights": {"EngagementScore": "High", "NextBestActions": "Book a technical workshop."},
             "LifeCycle": {"Stage": "Qualified", "NextSteps": "Workshop on Tuesday"}}
            """));
        await _api.ControlAsync($"opportunities/{id}/summary", JsonNode.Parse("""{"LifeCycle": {"NextSteps": "Proposal review"}}"""));
        var summary = await _api.CallAsync("GetAwsOpportunitySummary", new JsonObject { ["Catalog"] = "AWS", ["RelatedOpportunityIdentifier"] = id });
        var after = await _api.GetAsync(id);

        status.ShouldBe(200);
        ((string?)answered["Insights"]!["EngagementScore"]).ShouldBe("High");
        ((string?)summary["OpportunityTeam"]![0]!["Email"]).ShouldBe("sam.seller@example.com");
        ((string?)summary["Insights"]!["NextBestActions"]).ShouldBe("Book a technical workshop.");
        ((string?)summary["LifeCycle"]!["Stage"]).ShouldBe("Qualified");
        ((string?)summary["LifeCycle"]!["NextSteps"]).ShouldBe("Proposal review");
        summary["LifeCycle"]!["NextStepsHistory"]!.AsArray().Select(h => (string?)h!["Value"]).ShouldBe(["Workshop on Tuesday", "Proposal review"]);
        // The summary is part of the opportunity for events and polling alike.
        _api.EventsOf(SellingApiEvents.OpportunityUpdated).Count.ShouldBe(updates + 2);
        string.CompareOrdinal((string?)after["LastModifiedDate"], (string?)before["LastModifiedDate"]).ShouldBePositive();
    }

    [Fact]
    public async Task The_control_surface_answers_bad_input_with_problem_details()
    {
        var submitted = await SubmittedOpportunityAsync();
        var pending = await _api.CreateAsync(CoSellApi.Submittable("never-submitted"));

        var (badStatus, badStatusBody) = await _api.ControlAsync($"opportunities/{submitted}/review", new JsonObject { ["ReviewStatus"] = "Fabulous" });
        var (missing, missingBody) = await _api.ControlAsync($"opportunities/{submitted}/review", new JsonObject());
        var (notJson, _) = await _api.ControlAsync($"opportunities/{submitted}/review", JsonValue.Create("Approved"));
        var (unknown, unknownBody) = await _api.ControlAsync("opportunities/O404/review", new JsonObject { ["ReviewStatus"] = "Approved" });
        var (early, earlyBody) = await _api.ControlAsync($"opportunities/{pending}/review", new JsonObject { ["ReviewStatus"] = "Approved" });
        var (badScore, badScoreBody) = await _api.ControlAsync($"opportunities/{submitted}/summary", JsonNode.Parse("""{"Insights": {"EngagementScore": "Huge"}}"""));
        var (derived, derivedBody) = await _api.ControlAsync($"opportunities/{submitted}/summary", JsonNode.Parse("""{"Catalog": "Sandbox"}"""));
        var (noSummary, _) = await _api.ControlAsync($"opportunities/{pending}/summary", JsonNode.Parse("""{"Insights": {"EngagementScore": "Low"}}"""));

        badStatus.ShouldBe(400);
        ((string?)badStatusBody["type"]).ShouldBe("https://switchyard.dev/problems/invalid-body");
        ((string?)badStatusBody["detail"]).ShouldBe("ReviewStatus 'Fabulous' is not a review's outcome: use one of In review, Action Required, Approved, Rejected.");
        missing.ShouldBe(400);
        ((string)missingBody["detail"]!).ShouldStartWith("ReviewStatus is required");
        notJson.ShouldBe(400);
        unknown.ShouldBe(404);
        ((string?)unknownBody["detail"]).ShouldBe("There is no opportunity O404.");
        early.ShouldBe(409);
        ((string?)earlyBody["type"]).ShouldBe("https://switchyard.dev/problems/conflict");
        ((string)earlyBody["detail"]!).ShouldStartWith($"Opportunity {pending} is Pending Submission;");
        badScore.ShouldBe(400);
        ((string?)badScoreBody["detail"]).ShouldBe("The summary is not valid: Value at 'Insights.EngagementScore' failed to satisfy constraint: Member must satisfy enum value set: [High, Medium, Low]");
        derived.ShouldBe(400);
        ((string?)derivedBody["detail"]).ShouldBe("Catalog follows from the opportunity and cannot be set.");
        noSummary.ShouldBe(409);
        ((string?)(await _api.GetAsync(submitted))["LifeCycle"]!["ReviewStatus"]).ShouldBe("Submitted");
    }

    [Fact]
    public async Task A_console_edit_through_the_control_surface_changes_the_opportunity_and_emits_an_update()
    {
        var id = await _api.CreateAsync();
        var updates = _api.EventsOf(SellingApiEvents.OpportunityUpdated).Count;

        var (status, edited) = await _api.ControlAsync($"opportunities/{id}/edit", JsonNode.Parse("""{"Project": {"AdditionalComments": "Edited in the console"}}"""));
        var (invalid, invalidBody) = await _api.ControlAsync($"opportunities/{id}/edit", JsonNode.Parse("""{"Project": {"CustomerBusinessProblem": "short"}}"""));

        status.ShouldBe(200);
        ((string?)edited["Project"]!["AdditionalComments"]).ShouldBe("Edited in the console");
        ((string?)(await _api.GetAsync(id))["Project"]!["AdditionalComments"]).ShouldBe("Edited in the console");
        _api.EventsOf(SellingApiEvents.OpportunityUpdated).Count.ShouldBe(updates + 1);
        invalid.ShouldBe(400);
        ((string)invalidBody["detail"]!).ShouldContain("Project.CustomerBusinessProblem");
    }
}
