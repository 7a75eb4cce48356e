using Switchyard.Hosting.Bus;

namespace Switchyard.Hosting.Tests;

public class RedeliveryScheduleTests
{
    static readonly TimeSpan[] Intervals = [TimeSpan.FromMinutes(5), TimeSpan.FromHours(2), TimeSpan.FromHours(10)];

    [Fact]
    public void Every_wait_stays_within_the_jitter_of_its_interval_and_the_waits_are_spread_over_all_of_it()
    {
        var schedule = new RedeliverySchedule(Intervals, 0.1);
        var interval = TimeSpan.FromHours(2);

        var factors = Enumerable.Range(0, 2000).Select(_ => schedule.Delay(1, Guid.NewGuid()) / interval).ToList();

        factors.ShouldAllBe(f => f >= 0.9 && f <= 1.1);
        // Spread, not bunched: both ends of the range are reached and the middle is about the mean.
        factors.Min().ShouldBeLessThan(0.91);
        factors.Max().ShouldBeGreaterThan(1.09);
        factors.Average().ShouldBe(1.0, 0.01);
    }

    [Fact]
    public void Sequential_message_ids_get_different_waits()
    {
        // MassTransit's ids (NewId) differ from one message to the next in a few bytes only.
        var schedule = new RedeliverySchedule(Intervals, 0.1);

        var waits = Enumerable.Range(0, 100).Select(_ => schedule.Delay(0, MassTransit.NewId.NextGuid())).Distinct().Count();

        waits.ShouldBeGreaterThan(90);
    }

    [Fact]
    public void A_message_gets_the_same_wait_wherever_and_whenever_it_is_computed_and_another_per_redelivery()
    {
        var messageId = Guid.Parse("9d190000-bb34-d66e-9580-08df48a8d3f8");
        var schedule = new RedeliverySchedule([TimeSpan.FromHours(1), TimeSpan.FromHours(1)], 0.2);

        schedule.Delay(0, messageId).ShouldBe(new RedeliverySchedule([TimeSpan.FromHours(1), TimeSpan.FromHours(1)], 0.2).Delay(0, messageId));
        RedeliverySchedule.Spread(TimeSpan.FromHours(1), 0, messageId, 0.2).ShouldBe(schedule.Delay(0, messageId));
        schedule.Delay(1, messageId).ShouldNotBe(schedule.Delay(0, messageId));
    }

    [Fact]
    public void Without_jitter_or_without_a_message_id_the_waits_are_the_intervals()
    {
        new RedeliverySchedule(Intervals, 0).Delay(2, Guid.NewGuid()).ShouldBe(TimeSpan.FromHours(10));
        new RedeliverySchedule(Intervals, 0.3).Delay(2, null).ShouldBe(TimeSpan.FromHours(10));
    }

    [Fact]
    public void The_window_is_the_sum_of_the_waits_shortened_or_lengthened_by_the_jitter()
    {
        var schedule = new RedeliverySchedule(Intervals, 0.1);

        var sum = TimeSpan.FromMinutes(5) + TimeSpan.FromHours(12);
        schedule.ShortestWindow.ShouldBe(sum * 0.9);
        schedule.LongestWindow.ShouldBe(sum * 1.1);
        schedule.LongestDelay.ShouldBe(TimeSpan.FromHours(11));
        RedeliverySchedule.None.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void A_jitter_outside_zero_to_a_half_is_refused_by_the_start_up_check()
    {
        var failures = new List<string>();

        BusOptionsValidator.ValidateJitter("Bus:Redelivery:Jitter", 0.6, failures);
        BusOptionsValidator.ValidateJitter("Bus:Redelivery:Jitter", -0.1, failures);
        BusOptionsValidator.ValidateJitter("Bus:Redelivery:Jitter", 0.5, failures);

        failures.Count.ShouldBe(2);
        failures.ShouldAllBe(f => f.StartsWith("Bus:Redelivery:Jitter is ", StringComparison.Ordinal) && f.Contains("from 0 to 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_transport_says_whether_and_how_long_it_can_delay()
    {
        TransportDelays.For(new BusOptions()).ShouldBe(new TransportDelays(true, null, null));
        TransportDelays.For(new BusOptions { Transport = "RabbitMq", RabbitMq = { DelayedExchange = true } }).CanDelay.ShouldBeTrue();

        var rabbitMq = TransportDelays.For(new BusOptions { Transport = "RabbitMq" });
        rabbitMq.CanDelay.ShouldBeFalse();
        rabbitMq.WhyNot.ShouldNotBeNull().ShouldContain("Bus:RabbitMq:DelayedExchange=true");

        TransportDelays.For(new BusOptions { Transport = "AmazonSqs" }).MaxDelay.ShouldBe(TimeSpan.FromMinutes(15));
    }
}
