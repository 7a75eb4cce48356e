using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Quotas;
using Switchyard.Testing;

namespace Switchyard.WebConsole.Tests;

/// <summary>The overview's write budget when the processor runs in another host: read from the processor's /metrics.</summary>
public class WriteBudgetTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>What the stand-in host's module listens for; nothing sends it.</summary>
    public sealed record Unused;

    [Fact]
    public async Task The_console_reads_the_remaining_write_budget_from_the_processors_metrics_when_the_processor_runs_elsewhere()
    {
        // The processor's host as far as the budget goes: its monitor's gauges on the processor's meter, scraped at /metrics
        // by OpenTelemetry's Prometheus exporter, as every Switchyard host serves them.
        await using var processor = await SwitchyardTestHost.StartAsync([new RecordingModule<Unused>("write-budget-stand-in")], new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Telemetry:Prometheus:Enabled"] = "true",
        }, builder => builder.Services
            .AddSingleton(Options.Create(new PartnerCentralQuotaOptions { WritesPerWindow = 10_000 }))
            .AddSingleton<WriteBudgetMonitor>());
        processor.Services.GetRequiredService<WriteBudgetMonitor>()
            .Observe(new BudgetSnapshot(Used: 123, Limit: 10_000, Reserve: 1_000, BlockedUntil: null, BlockedBy: null, ParkedPriority: 0, ParkedUpdates: 0), report: false);

        var data = Path.Combine(Path.GetTempPath(), "switchyard-console-budget-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            await using var console = await SwitchyardTestHost.StartAsync([new ConsoleModule()], new Dictionary<string, string?>
            {
                ["Bus:Transport"] = "InMemory",
                ["Auth:SigningKey"] = "console-budget-test-signing-key-0123456789",
                ["Console:Storage:ConnectionString"] = $"Data Source={Path.Combine(data, "console.db")}",
                ["Console:HistoryFile"] = Path.Combine(data, "history.jsonl"),
                ["Console:Services:Processor"] = processor.BaseAddress.ToString(),
            });

            var budget = await console.Services.GetRequiredService<Overview.WriteBudget>().ReadAsync(Cancellation);

            budget.Source.ShouldBe($"{processor.BaseAddress}metrics");
            budget.Remaining.ShouldBe(9_877);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
