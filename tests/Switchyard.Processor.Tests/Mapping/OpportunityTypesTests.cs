using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class OpportunityTypesTests
{
    [Theory]
    [InlineData("newbusiness", "Net New Business")]
    [InlineData("NEWBUSINESS", "Net New Business")]
    [InlineData("existingbusiness", "Expansion")]
    [InlineData("renewal", "Flat Renewal")]
    [InlineData("Renewal", "Flat Renewal")]
    [InlineData("annual_renewal", "Flat Renewal")]
    [InlineData("flat renewal", "Flat Renewal")]
    [InlineData("expansion", "Expansion")]
    [InlineData("upsell", "Expansion")]
    [InlineData("Up-sell", "Expansion")]
    [InlineData("upgrade", "Expansion")]
    [InlineData("cross-sell", "Expansion")]
    [InlineData("Net New Business", "Net New Business")]
    [InlineData("partner_sourced", "Net New Business")]
    [InlineData("", "Net New Business")]
    [InlineData(null, "Net New Business")]
    public void The_deal_type_decides_the_opportunity_type(string? dealType, string opportunityType)
    {
        OpportunityTypes.Map(dealType).ShouldBe(opportunityType);
        MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(1, (DealProperties.DealType, dealType)), null, [], "t")
            .OpportunityType.ShouldBe(opportunityType);
    }

    [Fact]
    public void A_deal_without_a_type_has_none_to_overlay() => OpportunityTypes.Find(null).ShouldBeNull();
}
