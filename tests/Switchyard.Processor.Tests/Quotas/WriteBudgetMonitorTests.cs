using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Quotas;
using Switchyard.Processor.Tests.PartnerCentral;

namespace Switchyard.Processor.Tests.Quotas;

/// <summary>The budget's gauges on the processor's meter, and the one Warning when 80 % of the window is used.</summary>
public class WriteBudgetMonitorTests
{
    [Fact]
    public async Task The_gauges_show_the_budget_and_crossing_80_percent_is_logged_once_each_way()
    {
        var logs = new LogCapture();
        var services = new ServiceCollection()
            .AddMetrics()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddSingleton(Options.Create(new PartnerCentralQuotaOptions { WritesPerWindow = 10 }))
            .AddSingleton<WriteBudgetMonitor>();
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var monitor = provider.GetRequiredService<WriteBudgetMonitor>();

        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        // Only this test's meter: other tests' processors publish the same instruments in this process.
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("switchyard.partner_central.write_budget.", StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => seen[instrument.Name] = value);
        listener.Start();

        monitor.Observe(new BudgetSnapshot(Used: 7, Limit: 10, Reserve: 1, BlockedUntil: null, BlockedBy: null, ParkedPriority: 0, ParkedUpdates: 0), report: true);
        listener.RecordObservableInstruments();
        seen[WriteBudgetMonitor.RemainingName].ShouldBe(3);
        seen[WriteBudgetMonitor.UsedName].ShouldBe(7);
        seen[WriteBudgetMonitor.LimitName].ShouldBe(10);
        Warnings(logs).ShouldBeEmpty();

        monitor.Observe(new BudgetSnapshot(8, 10, 1, null, null, 0, 0), report: true);
        monitor.Observe(new BudgetSnapshot(9, 10, 1, null, null, 0, 0), report: true);
        Warnings(logs).ShouldHaveSingleItem().ShouldContain("8 of 10");

        monitor.Observe(new BudgetSnapshot(7, 10, 1, null, null, 0, 0), report: true);
        logs.Lines.Count(l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("back under 80 %", StringComparison.Ordinal)).ShouldBe(1);

        // AWS said the window is used up: nothing remains, whatever the ledger counts.
        monitor.Observe(new BudgetSnapshot(2, 10, 1, DateTimeOffset.UtcNow.AddMinutes(5), BudgetReasons.WritesPerWindow, 0, 0), report: false);
        listener.RecordObservableInstruments();
        seen[WriteBudgetMonitor.RemainingName].ShouldBe(0);
        Warnings(logs).Count.ShouldBe(1, "an instance that does not release parked writes does not log the crossing");
    }

    static List<string> Warnings(LogCapture logs) =>
        logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("write budget", StringComparison.Ordinal)).ToList();
}
