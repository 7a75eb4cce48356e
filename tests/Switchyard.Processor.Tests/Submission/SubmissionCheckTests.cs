using System.Text.Json.Nodes;
using Switchyard.Processor.Submission;

namespace Switchyard.Processor.Tests.Submission;

/// <summary>What AWS requires of a submitted opportunity, checked before calling AWS: one row per rule.</summary>
public sealed class SubmissionCheckTests
{
    static JsonObject Submittable() => new()
    {
        ["Id"] = "O1000001",
        ["Customer"] = new JsonObject
        {
            ["Account"] = new JsonObject
            {
                ["CompanyName"] = "Acme Corp",
                ["Industry"] = "Software and Internet",
                ["WebsiteUrl"] = "https://acme.com",
                ["Address"] = new JsonObject { ["CountryCode"] = "US", ["PostalCode"] = "98101" },
            },
        },
        ["Project"] = new JsonObject
        {
            ["Title"] = "Data platform",
            ["CustomerBusinessProblem"] = "Move the customer's data platform to AWS.",
            ["SalesActivities"] = new JsonArray("Initialized discussions with customer"),
        },
        ["LifeCycle"] = new JsonObject { ["Stage"] = "Qualified", ["TargetCloseDate"] = "2030-06-30", ["ReviewStatus"] = "Pending Submission" },
        ["RelatedEntityIdentifiers"] = new JsonObject { ["Solutions"] = new JsonArray("S-0000001") },
    };

    [Fact]
    public void A_complete_opportunity_has_no_problems_for_either_involvement()
    {
        SubmissionCheck.Problems(Submittable(), SubmissionValues.CoSell).ShouldBeEmpty();
        SubmissionCheck.Problems(Submittable(), SubmissionValues.ForVisibilityOnly).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("no solution", "RelatedEntityIdentifiers.Solutions", "Processor:SolutionIds")]
    [InlineData("empty solutions", "RelatedEntityIdentifiers.Solutions", "Processor:SolutionIds")]
    [InlineData("prospect", "LifeCycle.Stage", "Qualified or later")]
    [InlineData("no stage", "LifeCycle.Stage", "Qualified or later")]
    [InlineData("closed lost", "LifeCycle.Stage", "not closed lost")]
    [InlineData("no company name", "Customer.Account.CompanyName", "the company's Name")]
    [InlineData("blank industry", "Customer.Account.Industry", "the company's Industry")]
    [InlineData("no website", "Customer.Account.WebsiteUrl", "the company's Website URL")]
    [InlineData("no country", "Customer.Account.Address.CountryCode", "the company's Country/Region")]
    [InlineData("no title", "Project.Title", "the deal's name")]
    [InlineData("no business problem", "Project.CustomerBusinessProblem", "the deal's Description")]
    [InlineData("no close date", "LifeCycle.TargetCloseDate", "the deal's Close date")]
    [InlineData("no sales activities", "Project.SalesActivities", "For Visibility Only")]
    public void Each_missing_requirement_is_named_with_where_to_fix_it_in_HubSpot(string lacking, string field, string fix)
    {
        var opportunity = Submittable();
        var account = opportunity["Customer"]!["Account"]!.AsObject();
        var project = opportunity["Project"]!.AsObject();
        var lifeCycle = opportunity["LifeCycle"]!.AsObject();
        switch (lacking)
        {
            case "no solution": opportunity.Remove("RelatedEntityIdentifiers"); break;
            case "empty solutions": opportunity["RelatedEntityIdentifiers"]!["Solutions"] = new JsonArray(); break;
            case "prospect": lifeCycle["Stage"] = "Prospect"; break;
            case "no stage": lifeCycle.Remove("Stage"); break;
            case "closed lost": lifeCycle["Stage"] = "Closed Lost"; break;
            case "no company name": account.Remove("CompanyName"); break;
            case "blank industry": account["Industry"] = " "; break;
            case "no website": account.Remove("WebsiteUrl"); break;
            case "no country": account["Address"]!.AsObject().Remove("CountryCode"); break;
            case "no title": project.Remove("Title"); break;
            case "no business problem": project.Remove("CustomerBusinessProblem"); break;
            case "no close date": lifeCycle.Remove("TargetCloseDate"); break;
            case "no sales activities": project.Remove("SalesActivities"); break;
        }

        var problem = SubmissionCheck.Problems(opportunity, SubmissionValues.CoSell).ShouldHaveSingleItem();

        problem.Field.ShouldBe(field);
        problem.Fix.ShouldContain(fix);
    }

    [Fact]
    public void For_visibility_only_needs_no_sales_activities_and_national_security_needs_no_website()
    {
        var opportunity = Submittable();
        opportunity["Project"]!.AsObject().Remove("SalesActivities");
        opportunity["Customer"]!["Account"]!.AsObject().Remove("WebsiteUrl");
        opportunity["NationalSecurity"] = "Yes";

        SubmissionCheck.Problems(opportunity, SubmissionValues.ForVisibilityOnly).ShouldBeEmpty();
        SubmissionCheck.Problems(opportunity, SubmissionValues.CoSell).Select(p => p.Field).ShouldBe(["Project.SalesActivities"]);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var opportunity = new JsonObject { ["Id"] = "O1" };

        SubmissionCheck.Problems(opportunity, SubmissionValues.CoSell).Select(p => p.Field).ShouldBe([
            "RelatedEntityIdentifiers.Solutions", "LifeCycle.Stage", "Customer.Account.CompanyName", "Customer.Account.Industry",
            "Customer.Account.WebsiteUrl", "Customer.Account.Address.CountryCode", "Project.Title", "Project.CustomerBusinessProblem",
            "LifeCycle.TargetCloseDate", "Project.SalesActivities",
        ]);
    }
}
