using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Mapping;

/// <summary>The mapping's values and limits against AWS's model, and its check of a request before it is sent.</summary>
public partial class ModelContractTests
{
    static readonly ServiceModel Model = ServiceModel.PartnerCentralSelling;

    public static TheoryData<string, string> EnumLists => new()
    {
        { nameof(PartnerCentralValues.Stages), "Stage" },
        { nameof(PartnerCentralValues.OpportunityTypes), "OpportunityType" },
        { nameof(PartnerCentralValues.Industries), "Industry" },
        { nameof(PartnerCentralValues.DeliveryModels), "DeliveryModel" },
        { nameof(PartnerCentralValues.PrimaryNeeds), "PrimaryNeedFromAws" },
        { nameof(PartnerCentralValues.SalesActivities), "SalesActivity" },
        { nameof(PartnerCentralValues.CountryCodes), "CountryCode" },
    };

    [Theory]
    [MemberData(nameof(EnumLists))]
    public void The_mappings_value_lists_are_the_models_enums(string list, string shape)
    {
        var values = (AllowedValues)typeof(PartnerCentralValues).GetField(list)!.GetValue(null)!;

        values.Values.ShouldBe(Model.Shape(shape).Enum!, ignoreOrder: true);
    }

    [Fact]
    public void The_mappings_documented_lists_are_the_ones_in_the_models_documentation()
    {
        PartnerCentralValues.CustomerUseCases.Values.ShouldBe(Model.Shape("Project").Member("CustomerUseCase")!.Documented!.Values!, ignoreOrder: true);
        UsStates.All.Select(s => s.Name).ShouldBe(Model.UsStates.Values!, ignoreOrder: true);
    }

    public static TheoryData<string, int, string, string> Limits => new()
    {
        { "Account", PartnerCentralLimits.CompanyName, "CompanyName", "max" },
        { "Account", PartnerCentralLimits.OtherIndustry, "OtherIndustry", "max" },
        { "Account", PartnerCentralLimits.WebsiteUrl, "WebsiteUrl", "max" },
        { "Account", PartnerCentralLimits.WebsiteUrlMin, "WebsiteUrl", "min" },
        { "Address", PartnerCentralLimits.City, "City", "max" },
        { "Address", PartnerCentralLimits.PostalCode, "PostalCode", "max" },
        { "Address", PartnerCentralLimits.StreetAddress, "StreetAddress", "max" },
        { "Contact", PartnerCentralLimits.PersonName, "FirstName", "max" },
        { "Contact", PartnerCentralLimits.PersonName, "LastName", "max" },
        { "Contact", PartnerCentralLimits.BusinessTitle, "BusinessTitle", "max" },
        { "Project", PartnerCentralLimits.Title, "Title", "max" },
        { "Project", PartnerCentralLimits.BusinessProblem, "CustomerBusinessProblem", "max" },
        { "Project", PartnerCentralLimits.BusinessProblemMin, "CustomerBusinessProblem", "min" },
        { "LifeCycle", PartnerCentralLimits.NextSteps, "NextSteps", "max" },
        { "UpdateOpportunityRequest", PartnerCentralLimits.PartnerOpportunityIdentifier, "PartnerOpportunityIdentifier", "max" },
        { "CreateOpportunityRequest", PartnerCentralLimits.PartnerOpportunityIdentifier, "PartnerOpportunityIdentifier", "max" },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void The_mappings_limits_are_the_models(string shape, int limit, string member, string bound)
    {
        var pattern = Model.Shape(shape).Member(member)!.Shape.Pattern!.Source;

        var match = LengthPattern().Match(pattern);
        match.Success.ShouldBeTrue(pattern);
        match.Groups[bound].Value.ShouldBe(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), pattern);
    }

    [Fact]
    public void The_email_limit_is_the_lookahead_of_the_models_email_pattern() =>
        Model.Shape("Email").Pattern!.Source.ShouldStartWith($"(?=.{{0,{PartnerCentralLimits.Email}}}$)");

    [Fact]
    public void StateOrRegion_has_no_limit_in_the_model_and_Switchyard_keeps_it_to_the_other_address_parts() =>
        Model.Shape("Address").Member("StateOrRegion")!.Shape.Pattern.ShouldBeNull();

    [Fact]
    public void A_company_without_a_name_cannot_be_created_and_says_what_to_change()
    {
        var nameless = MappingFixtures.Company((CompanyProperties.Domain, "acme.example"), (CompanyProperties.Industry, "COMPUTER_SOFTWARE"));
        var empty = MappingFixtures.Company();

        var refusal = Should.Throw<NotSyncableException>(() => MappingFixtures.Mapper().MapCreate(MappingFixtures.AcmeDeal(), nameless, [], "t"));

        refusal.Code.ShouldBe(NotSyncableException.CompanyNameMissing);
        refusal.Reason.ShouldContain("HubSpot company 501");
        refusal.Reason.ShouldContain("Give the company a name in HubSpot.");
        Should.Throw<NotSyncableException>(() => MappingFixtures.Mapper().MapCreate(MappingFixtures.AcmeDeal(), empty, [], "t"))
            .Code.ShouldBe(NotSyncableException.CompanyNameMissing);
    }

    [Fact]
    public void A_deal_without_a_company_makes_an_opportunity_without_an_account()
    {
        var request = MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(4), null, [MappingFixtures.AcmeContact()], "t");

        request.Customer!.Account.ShouldBeNull();
        Should.NotThrow(() => OpportunityMapper.EnsureValid(request, "AWS"));
    }

    [Fact]
    public void A_realistic_mapped_request_passes_the_check()
    {
        var create = MappingFixtures.Mapper().MapCreate(MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()], "t");
        var update = MappingFixtures.Mapper().MapUpdate(MapUpdateTests.Document(), MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()], "Call");

        Should.NotThrow(() => OpportunityMapper.EnsureValid(create, "AWS"));
        Should.NotThrow(() => OpportunityMapper.EnsureValid("UpdateOpportunity", update, "Sandbox", MapUpdateTests.Document().Raw));
    }

    [Fact]
    public void The_check_refuses_a_request_AWS_would_refuse_and_names_the_problems_not_the_values()
    {
        var body = JsonNode.Parse("""
            {"ClientToken":"t","Customer":{"Account":{"Industry":"Other","WebsiteUrl":"x"}},"Project":{"CustomerBusinessProblem":"Top secret plan"}}
            """)!.AsObject();

        var refusal = Should.Throw<NotSyncableException>(() => OpportunityMapper.EnsureValid("CreateOpportunity", body, "AWS"));

        refusal.Code.ShouldBe(NotSyncableException.RequestInvalid);
        refusal.Reason.ShouldStartWith("Switchyard did not send the CreateOpportunity request because Partner Central would refuse it: ");
        refusal.Reason.ShouldContain("Value null at 'Customer.Account.CompanyName' failed to satisfy constraint: Member must not be null");
        refusal.Reason.ShouldContain("Value at 'Project.CustomerBusinessProblem' failed to satisfy constraint");
        refusal.Reason.ShouldNotContain("Top secret");
    }

    [Fact]
    public void The_check_applies_the_documented_rules_once_the_shape_is_right()
    {
        var body = JsonNode.Parse("""{"ClientToken":"t","Customer":{"Account":{"CompanyName":"Acme","Industry":"Other"}}}""")!.AsObject();

        Should.Throw<NotSyncableException>(() => OpportunityMapper.EnsureValid("CreateOpportunity", body, "AWS"))
            .Reason.ShouldContain("'Customer.Account.OtherIndustry'");
    }

    [Fact]
    public void A_value_sent_back_exactly_as_AWS_returned_it_is_AWSs_to_judge()
    {
        // A newer model may allow what Switchyard's copy does not, e.g. an industry added since.
        var current = JsonNode.Parse("""
            {"Id":"O1","LastModifiedDate":"2025-06-01T00:00:00Z","Customer":{"Account":{"CompanyName":"Acme","Industry":"Space"}},"Project":{"Title":"T"}}
            """)!.AsObject();
        var update = MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), MappingFixtures.Deal(1), null, []);
        var changed = (JsonObject)update.DeepClone();
        changed["Customer"]!["Account"]!["Industry"] = "Outer Space";

        Should.NotThrow(() => OpportunityMapper.EnsureValid("UpdateOpportunity", update, "AWS", current));
        Should.Throw<NotSyncableException>(() => OpportunityMapper.EnsureValid("UpdateOpportunity", changed, "AWS", current))
            .Reason.ShouldContain("'Customer.Account.Industry'");
    }

    [GeneratedRegex(@"^\(\?s\)\.\{(?<min>[0-9]+),(?<max>[0-9]+)\}$")]
    private static partial Regex LengthPattern();
}
