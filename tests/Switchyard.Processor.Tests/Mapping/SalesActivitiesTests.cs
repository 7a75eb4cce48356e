using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class SalesActivitiesTests
{
    const string Initialized = "Initialized discussions with customer";
    const string Interest = "Customer has shown interest in solution";
    const string Poc = "Conducted POC / Demo";
    const string Evaluation = "In evaluation / planning stage";
    const string Agreed = "Agreed on solution to Business Problem";
    const string Plan = "Completed Action Plan";
    const string Deployment = "Finalized Deployment Need";
    const string Sow = "SOW Signed";

    public static TheoryData<string, string[]> ByStage => new()
    {
        { "Prospect", [Initialized] },
        { "Qualified", [Initialized, Interest] },
        { "Technical Validation", [Initialized, Interest, Poc, Evaluation] },
        { "Business Validation", [Initialized, Interest, Poc, Evaluation, Agreed] },
        { "Committed", [Initialized, Interest, Poc, Evaluation, Agreed, Plan, Deployment, Sow] },
        { "Launched", [Initialized, Interest, Poc, Evaluation, Agreed, Plan, Deployment, Sow] },
        { "Closed Lost", [Initialized] },
    };

    [Theory]
    [MemberData(nameof(ByStage))]
    public void Each_stage_has_the_activities_a_sale_goes_through_to_reach_it(string stage, string[] activities) =>
        StageMap.SalesActivitiesAt(stage).ShouldBe(activities);

    [Fact]
    public void Later_stages_accumulate_the_activities_of_earlier_ones()
    {
        string[] order = ["Prospect", "Qualified", "Technical Validation", "Business Validation", "Committed", "Launched"];
        for (var i = 1; i < order.Length; i++)
            StageMap.SalesActivitiesAt(order[i - 1]).ShouldBeSubsetOf(StageMap.SalesActivitiesAt(order[i]));
    }

    [Fact]
    public void Every_activity_is_one_Partner_Central_accepts()
    {
        foreach (var stage in PartnerCentralValues.Stages.Values)
            foreach (var activity in StageMap.SalesActivitiesAt(stage))
                PartnerCentralValues.SalesActivities.Values.ShouldContain(activity);
    }

    [Theory]
    [InlineData("appointmentscheduled", 1)]
    [InlineData("decisionmakerboughtin", 5)]
    [InlineData("closedwon", 8)]
    public void A_created_opportunity_carries_its_stages_activities(string hubSpotStage, int count) =>
        MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(1, (DealProperties.Stage, hubSpotStage)), null, [], "t")
            .Project!.SalesActivities!.Count.ShouldBe(count);
}
