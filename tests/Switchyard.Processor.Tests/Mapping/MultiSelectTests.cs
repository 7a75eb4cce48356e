using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class MultiSelectTests
{
    [Theory]
    [InlineData("SaaS or PaaS;Resell", new[] { "SaaS or PaaS", "Resell" })]
    [InlineData("saas or paas", new[] { "SaaS or PaaS" })]
    [InlineData("SAAS_OR_PAAS;BYOL_OR_AMI", new[] { "SaaS or PaaS", "BYOL or AMI" })]
    [InlineData(" Managed Services ; professional services ", new[] { "Managed Services", "Professional Services" })]
    [InlineData("Resell;resell;RESELL", new[] { "Resell" })]
    [InlineData("Carrier pigeon;Resell", new[] { "Resell" })]
    [InlineData("other", new[] { "Other" })]
    [InlineData("Carrier pigeon", new[] { "SaaS or PaaS" })]
    [InlineData(";;", new[] { "SaaS or PaaS" })]
    [InlineData("", new[] { "SaaS or PaaS" })]
    [InlineData(null, new[] { "SaaS or PaaS" })]
    public void Delivery_models_keep_the_valid_values_or_fall_back_to_the_default(string? value, string[] expected) =>
        Create((DealProperties.DeliveryModels, value)).Project!.DeliveryModels.ShouldBe(expected);

    [Theory]
    [InlineData("Co-Sell - Technical Consultation", new[] { "Co-Sell - Technical Consultation" })]
    [InlineData("co-sell - deal support;CO_SELL_PRICING_ASSISTANCE", new[] { "Co-Sell - Deal Support", "Co-Sell - Pricing Assistance" })]
    [InlineData("Cosell—Architectural Validation", new[] { "Co-Sell - Architectural Validation" })]
    [InlineData("Co-Sell - Support for Public Tender/RFx", new[] { "Co-Sell - Support for Public Tender / RFx" })]
    [InlineData("Free lunch", new[] { "Co-Sell - Deal Support" })]
    [InlineData(null, new[] { "Co-Sell - Deal Support" })]
    public void Primary_needs_keep_the_valid_values_or_fall_back_to_the_default(string? value, string[] expected) =>
        Create((DealProperties.PrimaryNeeds, value)).PrimaryNeedsFromAws.ShouldBe(expected);

    [Theory]
    [InlineData("IOT", "IOT")]
    [InlineData("iot", "IOT")]
    [InlineData("Business Applications & Contact Center", "Business Applications & Contact Center")]
    [InlineData("business applications and contact center", "Business Applications & Contact Center")]
    [InlineData("Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI", "Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI")]
    [InlineData("Carrier pigeon;SAP", "SAP")]
    [InlineData("Carrier pigeon", "Migration/Database Migration")]
    [InlineData(null, "Migration/Database Migration")]
    public void The_use_case_is_the_first_valid_value_or_the_default(string? value, string expected) =>
        Create((DealProperties.UseCase, value)).Project!.CustomerUseCase.ShouldBe(expected);

    [Fact]
    public void The_defaults_are_configurable()
    {
        var request = MappingFixtures.Mapper(o =>
        {
            o.DefaultDeliveryModels = "Professional Services; Managed Services";
            o.DefaultPrimaryNeeds = "Co-Sell - Technical Consultation";
            o.DefaultUseCase = "SAP";
        }).MapCreate(MappingFixtures.Deal(), null, [], "t");

        request.Project!.DeliveryModels.ShouldBe(["Professional Services", "Managed Services"]);
        request.PrimaryNeedsFromAws.ShouldBe(["Co-Sell - Technical Consultation"]);
        request.Project.CustomerUseCase.ShouldBe("SAP");
    }

    [Fact]
    public void Every_list_of_allowed_values_tells_its_values_apart()
    {
        AllowedValues[] lists =
        [
            PartnerCentralValues.Stages, PartnerCentralValues.OpportunityTypes, PartnerCentralValues.Industries,
            PartnerCentralValues.DeliveryModels, PartnerCentralValues.PrimaryNeeds, PartnerCentralValues.SalesActivities,
            PartnerCentralValues.CustomerUseCases, PartnerCentralValues.CountryCodes,
        ];

        foreach (var list in lists)
        {
            list.Values.Select(AllowedValues.Key).ShouldBeUnique();
            foreach (var value in list.Values)
                list.Find(value.ToUpperInvariant()).ShouldBe(value);
        }
    }

    static Switchyard.Processor.PartnerCentral.CreateOpportunityRequest Create((string, string?) property) =>
        MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(1, property), null, [], "t");
}
