using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting.Health;

namespace Switchyard.Hosting.Tests;

/// <summary>What the host says when its readiness changes, from the reports its periodic checks produce.</summary>
public class ReadinessLogTests
{
    static readonly HealthReport Ready = Report(("masstransit-bus", HealthStatus.Healthy, "Ready"), (BrokerConnectionHealthCheck.Name, HealthStatus.Healthy, "Connected"));

    static readonly HealthReport Starting = Report(("masstransit-bus", HealthStatus.Unhealthy, "Not ready: not started"),
        (BrokerConnectionHealthCheck.Name, HealthStatus.Healthy, "Connected"));

    static readonly HealthReport BrokerGone = Report(("masstransit-bus", HealthStatus.Degraded, "Degraded Endpoints: processor"),
        (BrokerConnectionHealthCheck.Name, HealthStatus.Unhealthy, "Cannot reach the broker at rabbitmq://mq:5672/prod: Broker unreachable (Connection refused)"));

    static readonly HealthReport EndpointsDown = Report(("masstransit-bus", HealthStatus.Degraded, "Degraded Endpoints: processor"),
        (BrokerConnectionHealthCheck.Name, HealthStatus.Healthy, "Connected"));

    [Fact]
    public async Task An_outage_is_one_warning_however_many_rounds_it_lasts_and_one_line_when_it_is_over()
    {
        var (log, lines, clock) = Create();

        foreach (var report in new[] { Ready, BrokerGone, BrokerGone, EndpointsDown, BrokerGone })
        {
            await log.PublishAsync(report, TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        await log.PublishAsync(Ready, TestContext.Current.CancellationToken);
        await log.PublishAsync(Ready, TestContext.Current.CancellationToken);

        lines.Lines.Count.ShouldBe(2);
        lines.Lines[0].ShouldBe($"{typeof(ReadinessLog).FullName}: Warning: The broker is gone (masstransit-bus: Degraded Endpoints: processor; " +
                                "broker: Cannot reach the broker at rabbitmq://mq:5672/prod: Broker unreachable (Connection refused)). " +
                                "Reconnecting; /health/ready answers 503 until the bus is back.");
        lines.Lines[1].ShouldBe($"{typeof(ReadinessLog).FullName}: Information: The bus is back after 20 s: the broker is connected and every receive endpoint is ready.");
    }

    [Fact]
    public async Task Endpoints_that_stop_consuming_while_the_broker_is_connected_are_reported_as_the_bus_not_ready()
    {
        var (log, lines, _) = Create();

        await log.PublishAsync(Ready, TestContext.Current.CancellationToken);
        await log.PublishAsync(EndpointsDown, TestContext.Current.CancellationToken);

        lines.Lines.ShouldHaveSingleItem().ShouldBe($"{typeof(ReadinessLog).FullName}: Warning: The bus is not ready (masstransit-bus: Degraded Endpoints: processor). " +
                                                    "Reconnecting; /health/ready answers 503 until the bus is back.");
    }

    [Fact]
    public async Task A_bus_still_starting_is_not_reported_but_a_broker_unreachable_from_the_start_is()
    {
        var (quiet, quietLines, _) = Create();
        await quiet.PublishAsync(Starting, TestContext.Current.CancellationToken);
        await quiet.PublishAsync(Ready, TestContext.Current.CancellationToken);
        quietLines.Lines.ShouldBeEmpty();

        var (unreachable, unreachableLines, _) = Create();
        await unreachable.PublishAsync(BrokerGone, TestContext.Current.CancellationToken);
        unreachableLines.Lines.ShouldHaveSingleItem().ShouldContain("The broker is gone");
        await unreachable.PublishAsync(Ready, TestContext.Current.CancellationToken);
        unreachableLines.Lines.Count.ShouldBe(2);
        unreachableLines.Lines[1].ShouldContain("The bus is back after");
    }

    [Fact]
    public async Task Nothing_is_said_while_the_host_stops()
    {
        var (log, lines, _) = Create(stopping: true);

        await log.PublishAsync(Ready, TestContext.Current.CancellationToken);
        await log.PublishAsync(BrokerGone, TestContext.Current.CancellationToken);

        lines.Lines.ShouldBeEmpty();
    }

    static (ReadinessLog Log, CapturedLog Lines, ManualClock Clock) Create(bool stopping = false)
    {
        var lines = new CapturedLog();
        var clock = new ManualClock();
        var lifetime = new Lifetime(stopping);
        return (new ReadinessLog(new Microsoft.Extensions.Logging.Logger<ReadinessLog>(new Microsoft.Extensions.Logging.LoggerFactory([lines])), clock, lifetime),
            lines, clock);
    }

    static HealthReport Report(params (string Name, HealthStatus Status, string Description)[] entries) =>
        new(entries.ToDictionary(e => e.Name, e => new HealthReportEntry(e.Status, e.Description, TimeSpan.Zero, null, null)), TimeSpan.Zero);

    sealed class ManualClock : TimeProvider
    {
        DateTimeOffset _now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

    sealed class Lifetime(bool stopping) : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => new(stopping);

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
