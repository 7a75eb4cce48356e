using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class CloseDatesTests
{
    // MappingFixtures.Now is 2025-06-15; the fallback is 90 days later.
    const string Fallback = "2025-09-13";

    [Theory]
    [InlineData("2025-09-30T00:00:00Z", "2025-09-30")]
    [InlineData("2025-09-30T00:00:00.000Z", "2025-09-30")]
    [InlineData("2025-09-30T17:45:10.123Z", "2025-09-30")]
    [InlineData("2025-09-30", "2025-09-30")]
    [InlineData("2025-09-30T23:30:00-05:00", "2025-10-01")]
    [InlineData("1759190400000", "2025-09-30")]
    [InlineData(" 1759190400000 ", "2025-09-30")]
    [InlineData("2025-06-15T00:00:00Z", "2025-06-15")]
    [InlineData("1749945600000", "2025-06-15")]
    [InlineData("2030-01-01T00:00:00Z", "2030-01-01")]
    public void A_close_date_today_or_later_is_kept_as_a_UTC_date(string closeDate, string expected) =>
        Target(closeDate).ShouldBe(expected);

    [Theory]
    [InlineData("2025-06-14T00:00:00Z")]
    [InlineData("2025-06-14T23:59:59Z")]
    [InlineData("2020-01-01")]
    [InlineData("1500000000000")]
    [InlineData("0")]
    [InlineData("-86400000")]
    public void A_past_close_date_becomes_today_plus_90_days(string closeDate) =>
        Target(closeDate).ShouldBe(Fallback);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("next quarter")]
    [InlineData("2025-13-45")]
    [InlineData("99999999999999999999999")]
    public void A_missing_or_unreadable_close_date_becomes_today_plus_90_days(string? closeDate) =>
        Target(closeDate).ShouldBe(Fallback);

    [Fact]
    public void The_fallback_distance_is_configurable() =>
        Target(null, o => o.FallbackCloseDateDays = 30).ShouldBe("2025-07-15");

    [Fact]
    public void Today_comes_from_the_time_provider_in_UTC() =>
        MappingFixtures.Mapper(now: new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.FromHours(-5)))
            .MapCreate(MappingFixtures.Deal(1, (DealProperties.CloseDate, "2026-01-01")), null, [], "t")
            .LifeCycle!.TargetCloseDate.ShouldBe("2026-01-01");

    static string? Target(string? closeDate, Action<MappingOptions>? configure = null) =>
        MappingFixtures.Mapper(configure)
            .MapCreate(MappingFixtures.Deal(1, (DealProperties.CloseDate, closeDate)), null, [], "t")
            .LifeCycle!.TargetCloseDate;
}
