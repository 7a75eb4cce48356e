using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.Bus;

namespace Switchyard.Hosting.Tests;

public class RetryOptionsTests
{
    static BusOptions Bind(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build()
            .GetSection(BusOptions.Section)
            .Get<BusOptions>() ?? new BusOptions();

    [Fact]
    public void Without_configuration_retries_follow_the_one_two_four_seconds_schedule()
    {
        var options = Bind();

        options.Retry.EffectiveIntervals.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)]);
        options.Redelivery.EffectiveIntervals.ShouldBeEmpty();
    }

    [Fact]
    public void Configured_intervals_replace_the_default_schedule_instead_of_adding_to_it()
    {
        var options = Bind(("Bus:Retry:Intervals:0", "00:00:00.100"), ("Bus:Retry:Intervals:1", "00:00:00.200"));

        options.Retry.EffectiveIntervals.ShouldBe([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)]);
    }

    [Fact]
    public void Retries_can_be_turned_off() =>
        Bind(("Bus:Retry:Enabled", "false")).Retry.EffectiveIntervals.ShouldBeEmpty();
}
