// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

// Submitting an opportunity to AWS: StartEngagementFromOpportunityTask and ListEngagementFromOpportunityTasks. The
// task "orchestrates ... GetOpportunity, CreateEngagement (if it doesn't exist), CreateResourceSnapshot,
// CreateResourceSnapshotJob, CreateEngagementInvitation (if not already invited/accepted), and SubmitOpportunity"
// (its documentation in the model); it runs asynchronously and ends COMPLETE, with the opportunity Submitted, or FAILED
// with a reason.
public sealed partial class PartnerCentralEmulator
{
    const string Submitted = "Submitted";

    JsonObject StartEngagementFromOpportunityTask(JsonObject body)
    {
        const string operation = "StartEngagementFromOpportunityTask";
        var catalog = (string)body["Catalog"]!;
        lock (_gate)
        {
            if (Replayed(operation, body) is { } replay)
                return replay;

            var opportunity = Find(catalog, (string)body["Identifier"]!);
            var task = NewTask(catalog, "engagement-from-opportunity-task", fromOpportunity: true, submission: (JsonObject)body["AwsSubmission"]!.DeepClone());
            task.OpportunityId = opportunity.Id;
            var response = task.Summary(withEngagement: true);
            RememberToken(operation, body, response);
            return response;
        }
    }

    JsonObject ListEngagementFromOpportunityTasks(JsonObject body)
    {
        const string operation = "ListEngagementFromOpportunityTasks";
        var catalog = (string)body["Catalog"]!;
        var statuses = Strings(body["TaskStatus"]);
        var ids = Strings(body["TaskIdentifier"]);
        var opportunities = Strings(body["OpportunityIdentifier"]);
        var engagements = Strings(body["EngagementIdentifier"]);
        lock (_gate)
        {
            var matching = _tasks.Values.Where(t => t.FromOpportunity && t.Catalog == catalog)
                .Where(t => statuses is null || statuses.Contains(Wire(t.Status)))
                .Where(t => ids is null || ids.Contains(t.Id) || ids.Contains(t.Arn))
                .Where(t => opportunities is null || (t.OpportunityId is not null && opportunities.Contains(t.OpportunityId)))
                .Where(t => engagements is null || (t.EngagementId is not null && engagements.Contains(t.EngagementId)));
            var sorted = Sort(matching, t => (t.StartTime, t.Number), body["Sort"], descendingByDefault: true).ToList();
            return Page(sorted, Offset(body, operation, catalog), (int?)body["MaxResults"] ?? 20, "TaskSummaries",
                t => t.Summary(withEngagement: true), operation, catalog);
        }
    }

    // "Lists the associations between resources and engagements where the caller is a member and has at least one
    // snapshot in the engagement" (the operation's documentation): the opportunity a submission shared, and the one
    // accepting a referral created, each in its engagement. How a partner finds the opportunity of a referral accepted
    // in Partner Central's console, where no task of its own names it.
    JsonObject ListEngagementResourceAssociations(JsonObject body)
    {
        const string operation = "ListEngagementResourceAssociations";
        var catalog = (string)body["Catalog"]!;
        var engagement = (string?)body["EngagementIdentifier"];
        var resource = (string?)body["ResourceIdentifier"];
        var createdBy = (string?)body["CreatedBy"];
        lock (_gate)
        {
            var matching = _awsSides.Values.Where(s => s.Catalog == catalog && s.EngagementId is not null)
                .Where(s => engagement is null || s.EngagementId == engagement)
                .Where(s => resource is null || s.OpportunityId == resource)
                .Where(s => createdBy is null || createdBy == _options.AwsAccountId)
                .OrderBy(s => s.EngagementId, StringComparer.Ordinal).ThenBy(s => s.OpportunityId, StringComparer.Ordinal)
                .ToList();
            return Page(matching, Offset(body, operation, catalog), (int?)body["MaxResults"] ?? 20, "EngagementResourceAssociationSummaries",
                s => new JsonObject
                {
                    ["Catalog"] = s.Catalog,
                    ["EngagementId"] = s.EngagementId,
                    ["ResourceType"] = "Opportunity",
                    ["ResourceId"] = s.OpportunityId,
                    ["CreatedBy"] = _options.AwsAccountId,
                }, operation, catalog);
        }
    }

    // Under _gate.
    StoredTask NewTask(string catalog, string kind, bool fromOpportunity, JsonObject? submission = null)
    {
        var id = NewIdentifier("task-", 13);
        // Due by the clock itself: StartTime may lead it by a few milliseconds, being strictly increasing.
        var start = NextTimestamp();
        var task = new StoredTask(_lastCoSellNumber, catalog, id, CatalogArn(catalog, kind, id), fromOpportunity, start, _clock.GetUtcNow() + _options.TaskDelay)
        {
            Submission = submission,
        };
        _tasks.Add(id, task);
        EnsureSweeping();
        return task;
    }

    // Under _gate: the task's asynchronous part, once its delay has passed.
    void CompleteTask(StoredTask task)
    {
        if (task.FromOpportunity)
            CompleteSubmission(task);
        else
            CompleteAcceptance(task);
    }

    void CompleteSubmission(StoredTask task)
    {
        if (!_opportunities.TryGetValue(task.OpportunityId!, out var opportunity) || opportunity.Catalog != task.Catalog)
        {
            Fail(task, "OpportunityAccessDenied", $"Opportunity {task.OpportunityId} was not found in the {task.Catalog} catalog.");
            return;
        }

        var reviewStatus = (string?)opportunity.ReadOnlyLifeCycle["ReviewStatus"];
        if (opportunity.Origin != DocumentedRules.PartnerReferral)
        {
            // LifeCycle.ReviewStatus: "only applicable for partner referrals".
            Fail(task, "OpportunitySubmissionFailed", $"Opportunity {opportunity.Id} is an AWS referral; only partner referrals are submitted for AWS review.");
            return;
        }

        if (reviewStatus is not (PendingSubmission or "Action Required"))
        {
            Fail(task, "OpportunitySubmissionFailed", $"Opportunity {opportunity.Id} cannot be submitted while its review status is {reviewStatus}.");
            return;
        }

        var involvement = (string)task.Submission!["InvolvementType"]!;
        if (SubmissionProblems(Document(opportunity), involvement) is { Count: > 0 } problems)
        {
            Fail(task, "OpportunityValidationFailed", $"Opportunity {opportunity.Id} cannot be submitted: {string.Join("; ", problems)}.");
            return;
        }

        var side = AwsSideOf(opportunity.Catalog, opportunity.Id);
        var engagement = side.EngagementId is { } existing ? _engagements[existing] : null;
        var newEngagement = engagement is null;
        engagement ??= NewEngagement(opportunity.Catalog, _options.AwsAccountId);
        side.EngagementId = engagement.Id;

        var invited = Truncate(_clock.GetUtcNow());
        var invitation = NewInvitation(opportunity.Catalog, engagement.Id, received: false, invited, invited + _options.InvitationLifetime,
            sender: (_options.AwsAccountId, _options.PartnerCompanyName), receiver: AwsAlias, payload: null);
        side.SubmissionInvitationId = invitation.Id;
        side.Summary["Origin"] = opportunity.Origin;
        side.Summary["InvolvementType"] = involvement;
        side.Summary["Visibility"] = (string?)task.Submission["Visibility"] ?? "Full";

        opportunity.ReadOnlyLifeCycle["ReviewStatus"] = Submitted;
        opportunity.ReadOnlyLifeCycle.Remove("ReviewComments");
        opportunity.ReadOnlyLifeCycle.Remove("ReviewStatusReason");
        opportunity.LastModifiedDate = NextTimestamp();

        task.Status = TaskState.Complete;
        task.EngagementId = engagement.Id;
        task.EngagementInvitationId = invitation.Id;
        task.ResourceSnapshotJobId = NewIdentifier("job-", 13);

        // The order of "Event scenarios": StartEngagementFromOpportunityTask submits an opportunity.
        EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
        if (newEngagement)
            EmitEngagementCreated(engagement);
        EmitSnapshotCreated(engagement, opportunity.Id);
        if (newEngagement)
            EmitMemberAdded(engagement, _options.AwsAccountId, _options.PartnerCompanyName);
        EmitInvitation(SellingApiEvents.EngagementInvitationCreated, invitation);
    }

    static void Fail(StoredTask task, string reasonCode, string message)
    {
        task.Status = TaskState.Failed;
        task.ReasonCode = reasonCode;
        task.Message = message;
    }

    /// <summary>
    /// What AWS requires of an opportunity it reviews, each problem a sentence naming the field; empty when it can be
    /// submitted.
    /// </summary>
    static List<string> SubmissionProblems(JsonObject opportunity, string involvementType)
    {
        var problems = new List<string>();
        var account = opportunity["Customer"]?["Account"];
        var project = opportunity["Project"];
        var lifeCycle = opportunity["LifeCycle"];

        // "After the opportunity is created, you must associate at least one Partner Solution, AWS Marketplace solution
        // or AWS Marketplace product" ("Working with your opportunities", Partner Central selling API guide).
        var related = opportunity["RelatedEntityIdentifiers"];
        if (related?["Solutions"] is not JsonArray { Count: > 0 } && related?["AwsMarketplaceOffers"] is not JsonArray { Count: > 0 }
            && related?["AwsMarketplaceOfferSets"] is not JsonArray { Count: > 0 })
            problems.Add("associate at least one solution (AssociateOpportunity) before submitting");

        // LifeCycle.Stage: "A lead and a prospect must be further matured to a Qualified opportunity before submission.
        // Opportunities that were closed/lost before submission aren't suitable for submission."
        switch ((string?)lifeCycle?["Stage"])
        {
            case null or "Prospect":
                problems.Add("LifeCycle.Stage must be Qualified or later to submit");
                break;
            case "Closed Lost":
                problems.Add("LifeCycle.Stage Closed Lost is not suitable for submission");
                break;
        }

        // The task creates the engagement's CustomerProject context from the opportunity, whose customer and project
        // the model requires (EngagementCustomer: CompanyName, Industry, WebsiteUrl, CountryCode;
        // EngagementCustomerProjectDetails: Title, BusinessProblem, TargetCompletionDate). Account.Industry: "This is a
        // required field"; Account.WebsiteUrl: "required in all cases except when the opportunity is related to
        // national security".
        Require(account?["CompanyName"], "Customer.Account.CompanyName", problems);
        Require(account?["Industry"], "Customer.Account.Industry", problems);
        if ((string?)opportunity["NationalSecurity"] != "Yes")
            Require(account?["WebsiteUrl"], "Customer.Account.WebsiteUrl", problems);
        Require(account?["Address"]?["CountryCode"], "Customer.Account.Address.CountryCode", problems);
        Require(project?["Title"], "Project.Title", problems);
        Require(project?["CustomerBusinessProblem"], "Project.CustomerBusinessProblem", problems);
        Require(lifeCycle?["TargetCloseDate"], "LifeCycle.TargetCloseDate", problems);

        // ProjectView.SalesActivities: "conditionally mandatory when the project is qualified for Co-Sell".
        if (involvementType == "Co-Sell" && project?["SalesActivities"] is not JsonArray { Count: > 0 })
            problems.Add("Project.SalesActivities is required for Co-Sell");
        return problems;
    }

    static void Require(JsonNode? value, string path, List<string> problems)
    {
        if (value is null || (value is JsonValue text && string.IsNullOrWhiteSpace((string?)text)))
            problems.Add($"{path} is required");
    }

    // Under _gate.
    StoredEngagement NewEngagement(string catalog, string createdBy)
    {
        var id = NewIdentifier("eng-", 14);
        var engagement = new StoredEngagement(catalog, id, CatalogArn(catalog, "engagement", id, withAccount: false), createdBy, Truncate(_clock.GetUtcNow()));
        _engagements.Add(id, engagement);
        return engagement;
    }

    AwsSide AwsSideOf(string catalog, string opportunityId)
    {
        if (!_awsSides.TryGetValue(opportunityId, out var side))
            _awsSides.Add(opportunityId, side = new AwsSide(catalog, opportunityId));
        return side;
    }
}
