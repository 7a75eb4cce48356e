using System.Text.Json.Nodes;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class ChangedFieldsTests
{
    static readonly JsonObject Before = JsonNode.Parse("""
    {
      "Id": "O1", "Arn": "arn:x", "Catalog": "AWS", "LastModifiedDate": "2025-06-01T00:00:00Z",
      "OpportunityType": "Net New Business",
      "PrimaryNeedsFromAws": ["Co-Sell - Deal Support"],
      "Customer": { "Account": { "CompanyName": "Acme", "Address": { "City": "Berlin" } }, "Contacts": [ { "Email": "a@acme.example" } ] },
      "LifeCycle": { "Stage": "Prospect", "TargetCloseDate": "2025-09-30", "ReviewStatus": "Submitted" },
      "Project": { "Title": "T", "ExpectedCustomerSpend": [ { "Amount": "100.00", "CurrencyCode": "USD" } ], "DeliveryModels": ["Resell"] }
    }
    """)!.AsObject();

    // The same opportunity as an UpdateOpportunity body: Identifier for Id, no read-only fields.
    static JsonObject SameAsUpdate() => JsonNode.Parse("""
    {
      "Identifier": "O1", "LastModifiedDate": "2025-06-01T00:00:00Z",
      "OpportunityType": "Net New Business",
      "PrimaryNeedsFromAws": ["Co-Sell - Deal Support"],
      "Customer": { "Account": { "Address": { "City": "Berlin" }, "CompanyName": "Acme" }, "Contacts": [ { "Email": "a@acme.example" } ] },
      "LifeCycle": { "Stage": "Prospect", "TargetCloseDate": "2025-09-30" },
      "Project": { "Title": "T", "ExpectedCustomerSpend": [ { "Amount": "100.00", "CurrencyCode": "USD" } ], "DeliveryModels": ["Resell"] }
    }
    """)!.AsObject();

    [Fact]
    public void The_same_opportunity_has_no_changes_whatever_its_bookkeeping_and_read_only_fields() =>
        OpportunityMapper.ChangedFields(Before, SameAsUpdate()).ShouldBeEmpty();

    public static TheoryData<string, string, string[]> Changes => new()
    {
        { "LifeCycle", """{ "Stage": "Qualified", "TargetCloseDate": "2025-09-30" }""", ["LifeCycle.Stage"] },
        { "LifeCycle", """{ "Stage": "Prospect", "TargetCloseDate": "2025-10-31", "NextSteps": "Call" }""", ["LifeCycle.NextSteps", "LifeCycle.TargetCloseDate"] },
        { "Customer", """{ "Account": { "CompanyName": "Acme", "Address": { "City": "Munich" } }, "Contacts": [ { "Email": "a@acme.example" } ] }""", ["Customer.Account"] },
        { "Customer", """{ "Account": { "CompanyName": "Acme", "Address": { "City": "Berlin" } }, "Contacts": [] }""", ["Customer.Contacts"] },
        { "Project", """{ "Title": "T", "ExpectedCustomerSpend": [ { "Amount": "200.00", "CurrencyCode": "USD" } ], "DeliveryModels": ["Resell"] }""", ["Project.ExpectedCustomerSpend"] },
        { "Project", """{ "Title": "T", "ExpectedCustomerSpend": [ { "Amount": "100.00", "CurrencyCode": "USD" } ], "DeliveryModels": ["Resell", "Other"], "SalesActivities": ["SOW Signed"] }""", ["Project.DeliveryModels", "Project.SalesActivities"] },
        { "OpportunityType", "\"Expansion\"", ["OpportunityType"] },
        { "PrimaryNeedsFromAws", """["Co-Sell - Deal Support", "Co-Sell - Pricing Assistance"]""", ["PrimaryNeedsFromAws"] },
        { "Marketing", """{ "Source": "None" }""", ["Marketing.Source"] },
        { "NationalSecurity", "\"No\"", ["NationalSecurity"] },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Exactly_the_changed_fields_are_reported(string field, string value, string[] expected)
    {
        var update = SameAsUpdate();
        update[field] = JsonNode.Parse(value);

        OpportunityMapper.ChangedFields(Before, update).ShouldBe(expected);
    }

    [Fact]
    public void Several_changes_are_reported_in_ordinal_order()
    {
        var update = SameAsUpdate();
        update["OpportunityType"] = "Expansion";
        update["LifeCycle"]!["Stage"] = "Committed";
        update["Customer"]!["Account"]!["CompanyName"] = "Acme AG";

        OpportunityMapper.ChangedFields(Before, update).ShouldBe(["Customer.Account", "LifeCycle.Stage", "OpportunityType"]);
    }

    [Fact]
    public void A_member_newer_than_the_model_counts_like_any_other()
    {
        var update = SameAsUpdate();
        update["CarbonFootprint"] = "Low";
        update["Project"]!["Sustainability"] = "Reported";

        OpportunityMapper.ChangedFields(Before, update).ShouldBe(["CarbonFootprint", "Project.Sustainability"]);
    }

    [Fact]
    public void Null_and_missing_are_the_same()
    {
        var update = SameAsUpdate();
        update["Marketing"] = null;
        update["LifeCycle"]!["NextSteps"] = null;

        OpportunityMapper.ChangedFields(Before, update).ShouldBeEmpty();
    }

    [Fact]
    public void A_mapped_update_reports_what_the_deal_changed()
    {
        var current = MapUpdateTests.Document();
        var deal = MappingFixtures.Deal(9_001,
            (DealProperties.Stage, "qualifiedtobuy"),
            (DealProperties.Amount, "1000"),
            (DealProperties.Name, "Renamed, but titles do not change"));

        var update = MappingFixtures.Mapper().MapUpdate(current, deal, null, []);

        OpportunityMapper.ChangedFields(current.Raw, update).ShouldBe(["LifeCycle.Stage", "Project.SalesActivities"]);
    }

    [Fact]
    public void A_fully_mapped_update_reports_every_field_it_changed()
    {
        var current = MapUpdateTests.Document();

        var update = MappingFixtures.Mapper().MapUpdate(current, MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()], "Send the SOW");

        OpportunityMapper.ChangedFields(current.Raw, update).ShouldBe(
        [
            "Customer.Account", "Customer.Contacts", "LifeCycle.NextSteps", "LifeCycle.Stage", "LifeCycle.TargetCloseDate",
            "OpportunityType", "PrimaryNeedsFromAws", "Project.CustomerBusinessProblem", "Project.CustomerUseCase",
            "Project.DeliveryModels", "Project.ExpectedCustomerSpend", "Project.SalesActivities",
        ]);
    }
}
