using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class MappingOptionsTests
{
    static IReadOnlyList<string> Problems(Action<MappingOptions> configure)
    {
        var options = new MappingOptions();
        configure(options);
        return new MappingOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Fact]
    public void The_defaults_are_valid() => Problems(_ => { }).ShouldBeEmpty();

    [Fact]
    public void Values_are_accepted_in_any_case_and_spacing() =>
        Problems(o =>
        {
            o.DefaultStage = "technical validation";
            o.StageMap["123"] = "CLOSED LOST";
            o.DefaultDeliveryModels = " saas or paas ;resell";
            o.DefaultPrimaryNeeds = "CO_SELL_DEAL_SUPPORT";
            o.DefaultUseCase = "iot";
            o.DefaultPhoneCountry = "Germany";
        }).ShouldBeEmpty();

    [Theory]
    [InlineData("DefaultStage", "Mapping:DefaultStage is 'Won'; it must be one of 'Prospect', ")]
    [InlineData("StageMap", "Mapping:StageMap:123 is 'Won'; it must be one of 'Prospect', ")]
    [InlineData("DefaultDeliveryModels", "Mapping:DefaultDeliveryModels has 'Carrier pigeon'; each value must be one of 'SaaS or PaaS', ")]
    [InlineData("EmptyDeliveryModels", "Mapping:DefaultDeliveryModels is empty; it must list at least one of 'SaaS or PaaS', ")]
    [InlineData("DefaultPrimaryNeeds", "Mapping:DefaultPrimaryNeeds has 'Free lunch'; each value must be one of 'Co-Sell - Architectural Validation', ")]
    [InlineData("DefaultUseCase", "Mapping:DefaultUseCase is 'Knitting'; it must be one of 'AI Machine Learning and Analytics', ")]
    [InlineData("Tag", "Mapping:Tag is 'AWS'; it must be '#' and at least one more character, without spaces.")]
    [InlineData("FallbackCloseDateDays", "Mapping:FallbackCloseDateDays is 0; it must be between 1 and 3650.")]
    [InlineData("DefaultPhoneCountry", "Mapping:DefaultPhoneCountry is 'Atlantis'; it must name a country with a calling code")]
    public void A_bad_value_is_named_by_its_key(string key, string message)
    {
        var problems = Problems(o =>
        {
            switch (key)
            {
                case "DefaultStage": o.DefaultStage = "Won"; break;
                case "StageMap": o.StageMap["123"] = "Won"; break;
                case "DefaultDeliveryModels": o.DefaultDeliveryModels = "SaaS or PaaS;Carrier pigeon"; break;
                case "EmptyDeliveryModels": o.DefaultDeliveryModels = " ; "; break;
                case "DefaultPrimaryNeeds": o.DefaultPrimaryNeeds = "Free lunch"; break;
                case "DefaultUseCase": o.DefaultUseCase = "Knitting"; break;
                case "Tag": o.Tag = "AWS"; break;
                case "FallbackCloseDateDays": o.FallbackCloseDateDays = 0; break;
                case "DefaultPhoneCountry": o.DefaultPhoneCountry = "Atlantis"; break;
            }
        });

        problems.ShouldHaveSingleItem().ShouldStartWith(message);
    }

    [Fact]
    public void A_mapper_refuses_invalid_options() =>
        Should.Throw<OptionsValidationException>(() => MappingFixtures.Mapper(o => o.DefaultStage = "Won"));

    [Fact]
    public void The_registration_binds_the_Mapping_section_and_resolves_one_mapper()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mapping:StageMap:987654"] = "Committed",
            ["Mapping:DefaultStage"] = "Qualified",
            ["Mapping:Tag"] = "#CoSell",
        });
        builder.AddOpportunityMapping();
        using var host = builder.Build();

        var mapper = host.Services.GetRequiredService<OpportunityMapper>();

        host.Services.GetRequiredService<OpportunityMapper>().ShouldBeSameAs(mapper);
        mapper.MapCreate(MappingFixtures.Deal(1, (DealProperties.Stage, "987654")), null, [], "t").LifeCycle!.Stage.ShouldBe("Committed");
        mapper.MapCreate(MappingFixtures.Deal(1, (DealProperties.Stage, "unknown")), null, [], "t").LifeCycle!.Stage.ShouldBe("Qualified");
        mapper.Title(MappingFixtures.Deal(1, (DealProperties.Name, "Acme #CoSell"))).ShouldBe("Acme");
        mapper.MapCreate(MappingFixtures.Deal(1, (DealProperties.Stage, "closedwon")), null, [], "t").LifeCycle!.Stage.ShouldBe("Launched");
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_host_at_start_up()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Mapping:DefaultStage"] = "Won" });
        builder.AddOpportunityMapping();
        using var host = builder.Build();

        var error = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        error.Failures.ShouldHaveSingleItem().ShouldStartWith("Mapping:DefaultStage is 'Won'");
    }
}
