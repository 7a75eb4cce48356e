using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Quotas;
using Switchyard.Processor.Storage;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.Tests.Quotas;

/// <summary>
/// The write budget and parking on a real SQLite file of their own, with the processor's registrations and a clock the
/// test moves. Each call gets a fresh scope, as each consumed message does.
/// </summary>
internal sealed class BudgetUnderTest : IAsyncDisposable
{
    readonly ServiceProvider _services;
    readonly string _file;

    BudgetUnderTest(ServiceProvider services, string file, ManualClock clock)
    {
        _services = services;
        _file = file;
        Clock = clock;
    }

    public ManualClock Clock { get; }

    public IServiceProvider Services => _services;

    /// <summary>A budget of <paramref name="perWindow"/> writes per <paramref name="window"/>, <paramref name="perSecond"/> a second, keeping <paramref name="reserve"/>.</summary>
    public static Task<BudgetUnderTest> StartAsync(int perWindow, TimeSpan window, int reserve, int perSecond = 100, string? file = null) =>
        StartAsync(new Dictionary<string, string?>
        {
            ["PartnerCentral:Quotas:WritesPerWindow"] = perWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PartnerCentral:Quotas:Window"] = window.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["PartnerCentral:Quotas:ReserveForPriorityWork"] = reserve.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PartnerCentral:Quotas:WritesPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, file);

    static async Task<BudgetUnderTest> StartAsync(Dictionary<string, string?> settings, string? file)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-tests");
        Directory.CreateDirectory(directory);
        file ??= Path.Combine(directory, $"{Guid.NewGuid():N}.db");
        settings["Processor:Storage:ConnectionString"] = $"Data Source={file}";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddOptions<ProcessorOptions>().Bind(builder.Configuration.GetSection(ProcessorOptions.Section));
        builder.AddProcessorStorage();
        builder.AddPartnerCentralWrites();
        builder.Services.AddParkableMessage<SyncOpportunity>(SyncOpportunity.Coalesce);
        var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _ = services.GetRequiredService<IOptions<PartnerCentralQuotaOptions>>().Value;
        await new ProcessorStorageInitializer(services.GetRequiredService<IServiceScopeFactory>()).StartAsync(TestContext.Current.CancellationToken);
        return new BudgetUnderTest(services, file, clock);
    }

    /// <summary>Runs <paramref name="work"/> in a scope of its own.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<BudgetDecision> RequestAsync(PartnerCentralWrite write) =>
        InScopeAsync(s => s.GetRequiredService<WriteBudget>().RequestAsync(write, TestContext.Current.CancellationToken));

    /// <summary>Asks for <paramref name="write"/> and completes it at once; fails unless it was granted.</summary>
    public async Task WriteAsync(PartnerCentralWrite write)
    {
        var decision = await RequestAsync(write);
        var granted = decision.ShouldBeOfType<BudgetDecision.Granted>($"{write.Key} should have been granted");
        await InScopeAsync(async s =>
        {
            await s.GetRequiredService<WriteBudget>().CompleteAsync(granted.EntryId, TestContext.Current.CancellationToken);
            return 0;
        });
    }

    public Task<BudgetSnapshot> SnapshotAsync() =>
        InScopeAsync(s => s.GetRequiredService<WriteBudget>().SnapshotAsync(TestContext.Current.CancellationToken));

    /// <summary>Leaves the file for another instance, or deletes it.</summary>
    public async ValueTask DisposeAsync() => await DisposeAsync(keepFile: false);

    public async ValueTask DisposeAsync(bool keepFile)
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (keepFile)
            return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
    }
}

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
