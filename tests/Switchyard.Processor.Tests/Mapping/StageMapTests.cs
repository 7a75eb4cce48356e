using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class StageMapTests
{
    static StageMap Defaults() => new(null, "Prospect");

    [Theory]
    [InlineData("appointmentscheduled", "Prospect")]
    [InlineData("qualifiedtobuy", "Qualified")]
    [InlineData("presentationscheduled", "Technical Validation")]
    [InlineData("decisionmakerboughtin", "Business Validation")]
    [InlineData("contractsent", "Committed")]
    [InlineData("closedwon", "Launched")]
    [InlineData("closedlost", "Closed Lost")]
    [InlineData("ClosedWon", "Launched")]
    [InlineData(" contractsent ", "Committed")]
    public void HubSpots_default_pipeline_maps_stage_by_stage(string hubSpotStage, string stage) =>
        Defaults().Map(hubSpotStage).ShouldBe(stage);

    [Theory]
    [InlineData("123456789")]
    [InlineData("negotiation")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_or_missing_stage_maps_to_the_default_stage(string? hubSpotStage)
    {
        Defaults().Map(hubSpotStage).ShouldBe("Prospect");
        new StageMap(null, "Qualified").Map(hubSpotStage).ShouldBe("Qualified");
        Defaults().Find(hubSpotStage).ShouldBeNull();
    }

    [Theory]
    [InlineData("123456789", "Qualified")]
    [InlineData("987654321", "Committed")]
    [InlineData("contractsent", "Business Validation")]
    [InlineData("closedwon", "Launched")]
    public void Configured_stages_extend_and_override_the_defaults(string hubSpotStage, string stage)
    {
        var map = new StageMap(new Dictionary<string, string>
        {
            ["123456789"] = "Qualified",
            ["987654321"] = "committed",
            ["CONTRACTSENT"] = "business validation",
        }, "Prospect");

        map.Map(hubSpotStage).ShouldBe(stage);
    }

    [Fact]
    public void A_stage_Partner_Central_does_not_have_is_refused()
    {
        Should.Throw<ArgumentException>(() => new StageMap(new Dictionary<string, string> { ["1"] = "Won" }, "Prospect"));
        Should.Throw<ArgumentException>(() => new StageMap(null, "Negotiation"));
    }

    [Theory]
    [InlineData("123", "Qualified")]
    [InlineData("999", "Technical Validation")]
    public void The_mapper_uses_the_configured_stage_map_and_default(string hubSpotStage, string stage)
    {
        var mapper = MappingFixtures.Mapper(o =>
        {
            o.StageMap["123"] = "Qualified";
            o.DefaultStage = "Technical Validation";
        });

        var request = mapper.MapCreate(MappingFixtures.Deal(1, (DealProperties.Stage, hubSpotStage)), null, [], "token");

        request.LifeCycle!.Stage.ShouldBe(stage);
    }
}
