using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Emulators.HubSpot;
using Switchyard.Hosting;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Tests.PartnerCentral;

namespace Switchyard.Processor.Tests.HubSpot;

/// <summary>
/// The real HubSpot CRM client, registered as the processor registers it, pointed at the emulator on loopback.
/// </summary>
sealed class CrmUnderTest : IAsyncDisposable
{
    /// <summary>The private app token both sides share, shaped like HubSpot's.</summary>
    public const string Token = "pat-na1-5e2f1c0a-7d41-4b7e-9a55-3f0c2d7e8b91";

    readonly ServiceProvider _services;

    CrmUnderTest(HubSpotEmulatorServer emulator, ServiceProvider services, LogCapture logs)
    {
        Emulator = emulator;
        _services = services;
        Logs = logs;
        Client = services.GetRequiredService<IHubSpotCrmClient>();
    }

    public HubSpotEmulatorServer Emulator { get; }

    public HubSpotEmulatorState State => Emulator.State;

    public IHubSpotCrmClient Client { get; }

    /// <summary>Everything the client (and HttpClient under it) logged, at every level.</summary>
    public LogCapture Logs { get; }

    /// <summary>Starts an emulator seeded by <paramref name="seed"/> and a client configured by <paramref name="settings"/> over the defaults.</summary>
    public static async Task<CrmUnderTest> StartAsync(Action<HubSpotEmulatorState>? seed = null,
        IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var state = new HubSpotEmulatorState(Token);
        seed?.Invoke(state);
        var emulator = await HubSpotEmulatorServer.StartAsync(state, cancellationToken: TestContext.Current.CancellationToken);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HubSpot:AccessToken"] = Token,
            ["HubSpot:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            // The emulator answers at once on an idle machine; on a busy one a call can take longer than the client's
            // 10 s default. The timeout test sets its own.
            ["HubSpot:RequestTimeout"] = "00:01:00",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (clock is not null)
            builder.Services.AddSingleton(clock);
        var logs = new LogCapture();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.AddHubSpotCrm();

        var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        SwitchyardApplicationExtensions.FindConfigurationProblems(services).ShouldBeEmpty();
        return new CrmUnderTest(emulator, services, logs);
    }

    /// <summary>The requests the emulator received for a path, in order.</summary>
    public IReadOnlyList<EmulatedRequest> RequestsTo(string path) => State.Requests.Where(r => r.Path == path).ToList();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock that stands still.</summary>
sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
