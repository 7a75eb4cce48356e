using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class BusinessProblemTests
{
    [Theory]
    [InlineData("Slow reports", 7, "Slow reports (from HubSpot deal 7)")]
    [InlineData("x", 1, "x (from HubSpot deal 1)")]
    [InlineData(null, 42, "Not yet described (from HubSpot deal 42)")]
    [InlineData("", 42, "Not yet described (from HubSpot deal 42)")]
    [InlineData("   \n  ", 42, "Not yet described (from HubSpot deal 42)")]
    [InlineData("  Exactly twenty chars  ", 7, "Exactly twenty chars")]
    [InlineData("Nineteen characters", 7, "Nineteen characters (from HubSpot deal 7)")]
    [InlineData("Line one\nLine two is long enough", 7, "Line one\nLine two is long enough")]
    public void A_short_or_missing_description_is_completed_to_Partner_Centrals_minimum(string? description, long dealId, string expected)
    {
        var problem = OpportunityMapper.BusinessProblem(description, dealId);

        problem.ShouldBe(expected);
        TextLimits.Length(problem).ShouldBeGreaterThanOrEqualTo(PartnerCentralLimits.BusinessProblemMin);
    }

    [Theory]
    [InlineData("😀😀😀😀😀😀😀😀😀😀", "😀😀😀😀😀😀😀😀😀😀 (from HubSpot deal 7)")]
    [InlineData("🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀", "🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀")]
    [InlineData("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301")]
    public void The_minimum_counts_code_points_as_AWS_does(string description, string expected)
    {
        var problem = OpportunityMapper.BusinessProblem(description, 7);

        problem.ShouldBe(expected);
        TextLimits.Length(problem).ShouldBeGreaterThanOrEqualTo(PartnerCentralLimits.BusinessProblemMin);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(1999)]
    public void A_description_within_the_maximum_is_kept_whole(int length) =>
        OpportunityMapper.BusinessProblem(new string('d', length), 1).ShouldBe(new string('d', length));

    [Theory]
    [InlineData(2001)]
    [InlineData(50_000)]
    public void A_description_over_the_maximum_is_cut_with_a_marker(int length)
    {
        var problem = OpportunityMapper.BusinessProblem(new string('d', length), 1);

        TextLimits.Length(problem).ShouldBe(PartnerCentralLimits.BusinessProblem);
        problem.ShouldEndWith("d…");
    }

    [Fact]
    public void The_created_opportunity_carries_the_description()
    {
        var deal = MappingFixtures.Deal(3, (DealProperties.Description, "Move the billing system off the mainframe."));

        MappingFixtures.Mapper().MapCreate(deal, null, [], "t").Project!.CustomerBusinessProblem
            .ShouldBe("Move the billing system off the mainframe.");
    }
}
