using System.Text.Json.Nodes;

namespace Switchyard.Processor.Submission;

/// <summary>Something AWS requires of a submitted opportunity that this one lacks, and where to fix it in HubSpot.</summary>
/// <param name="Field">The Partner Central field, e.g. <c>Customer.Account.Industry</c>.</param>
/// <param name="Fix">What to fill in HubSpot, e.g. <c>the company's Industry</c>.</param>
public sealed record SubmissionProblem(string Field, string Fix)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field} ({Fix})";
}

/// <summary>
/// What AWS requires of an opportunity it is asked to review, checked before calling AWS so that a deal that cannot be
/// submitted says exactly what to fill in instead of starting a task that fails. Pure: the opportunity as
/// <c>GetOpportunity</c> returns it in, its problems out.
/// </summary>
public static class SubmissionCheck
{
    /// <summary>The review statuses from which an opportunity can be submitted (again).</summary>
    public static readonly IReadOnlyList<string> SubmittableReviewStatuses = ["Pending Submission", "Action Required"];

    /// <summary>The problems of <paramref name="opportunity"/> for a submission as <paramref name="involvementType"/>; empty when AWS would take it.</summary>
    public static IReadOnlyList<SubmissionProblem> Problems(JsonObject opportunity, string involvementType)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var problems = new List<SubmissionProblem>();
        var account = opportunity["Customer"]?["Account"];
        var project = opportunity["Project"];
        var lifeCycle = opportunity["LifeCycle"];

        // "After the opportunity is created, you must associate at least one Partner Solution, AWS Marketplace solution
        // or AWS Marketplace product" (Partner Central selling API guide, "Working with your opportunities").
        var related = opportunity["RelatedEntityIdentifiers"];
        if (related?["Solutions"] is not JsonArray { Count: > 0 } && related?["AwsMarketplaceOffers"] is not JsonArray { Count: > 0 }
            && related?["AwsMarketplaceOfferSets"] is not JsonArray { Count: > 0 })
            problems.Add(new("RelatedEntityIdentifiers.Solutions", "a solution in Switchyard's Processor:SolutionIds; change the deal to associate it"));

        // LifeCycle.Stage (API reference, LifeCycle): "A lead and a prospect must be further matured to a Qualified
        // opportunity before submission. Opportunities that were closed/lost before submission aren't suitable for
        // submission."
        switch ((string?)lifeCycle?["Stage"])
        {
            case null or "Prospect":
                problems.Add(new("LifeCycle.Stage", "a deal stage that maps to Qualified or later"));
                break;
            case "Closed Lost":
                problems.Add(new("LifeCycle.Stage", "a deal that is not closed lost"));
                break;
        }

        // The task creates the engagement's customer and project from the opportunity (API reference,
        // StartEngagementFromOpportunityTask; the model's EngagementCustomer: CompanyName, Industry, WebsiteUrl,
        // CountryCode, and EngagementCustomerProjectDetails: Title, BusinessProblem, TargetCompletionDate).
        // Account.Industry: "This is a required field"; Account.WebsiteUrl: "required in all cases except when the
        // opportunity is related to national security" (API reference, Account).
        Require(account?["CompanyName"], "Customer.Account.CompanyName", "the company's Name", problems);
        Require(account?["Industry"], "Customer.Account.Industry", "the company's Industry", problems);
        if ((string?)opportunity["NationalSecurity"] != "Yes")
            Require(account?["WebsiteUrl"], "Customer.Account.WebsiteUrl", "the company's Website URL", problems);
        Require(account?["Address"]?["CountryCode"], "Customer.Account.Address.CountryCode", "the company's Country/Region", problems);
        Require(project?["Title"], "Project.Title", "the deal's name", problems);
        Require(project?["CustomerBusinessProblem"], "Project.CustomerBusinessProblem", "the deal's Description (20 characters or more)", problems);
        Require(lifeCycle?["TargetCloseDate"], "LifeCycle.TargetCloseDate", "the deal's Close date", problems);

        // Project.SalesActivities: "conditionally mandatory when the project is qualified for Co-Sell" (API reference, Project).
        if (involvementType == SubmissionValues.CoSell && project?["SalesActivities"] is not JsonArray { Count: > 0 })
            problems.Add(new("Project.SalesActivities", "a deal stage that maps to sales activities, or aws_involvement_type For Visibility Only"));
        return problems;
    }

    static void Require(JsonNode? value, string field, string fix, List<SubmissionProblem> problems)
    {
        if (value is null || (value is JsonValue text && text.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s)))
            problems.Add(new(field, fix));
    }
}
