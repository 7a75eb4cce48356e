using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Hosting.Bus;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The Partner Central emulator on its own Kestrel listener on a free loopback port: what a test points a real,
/// SigV4-signing client at.
/// </summary>
public sealed class PartnerCentralEmulatorServer : IAsyncDisposable
{
    /// <summary>The path prefix used unless another is given.</summary>
    public const string DefaultPathPrefix = "/partner-central";

    /// <summary>How long its tasks run unless the test says otherwise: short, as tests want.</summary>
    public static readonly TimeSpan DefaultTaskDelay = TimeSpan.FromMilliseconds(300);

    readonly WebApplication _app;

    PartnerCentralEmulatorServer(WebApplication app, Uri baseAddress, Uri serviceUrl)
    {
        _app = app;
        BaseAddress = baseAddress;
        ServiceUrl = serviceUrl;
        Emulator = app.Services.GetRequiredService<PartnerCentralEmulator>();
        EventRecorder = app.Services.GetRequiredService<PartnerCentralEventRecorder>();
    }

    /// <summary>The emulator's state and hooks.</summary>
    public PartnerCentralEmulator Emulator { get; }

    /// <summary>The events the emulator delivered (not those it dropped), as a sink receives them.</summary>
    public PartnerCentralEventRecorder EventRecorder { get; }

    /// <summary>The listener, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What a client's <c>PartnerCentral:ServiceUrl</c> should be, ending in <c>/</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Where AWS's side is played (<see cref="PartnerCentralControlEndpoints"/>), ending in <c>/</c>.</summary>
    public Uri ControlUrl => new(ServiceUrl, PartnerCentralControlEndpoints.Segment + "/");

    /// <summary>
    /// Starts the emulator at <c>{pathPrefix}/</c> on <c>http://127.0.0.1:0</c>; <paramref name="configure"/> names the
    /// credentials it accepts and the solutions it holds (tasks take <see cref="DefaultTaskDelay"/> unless it says
    /// otherwise). With <paramref name="busSettings"/> (a <c>Bus</c> section, e.g. a test broker's virtual host), the
    /// emulator also sends every event it does not drop, as raw JSON, to the queue of
    /// <see cref="PartnerCentralEmulatorEventOptions.Queue"/> on that bus, as EventBridge would.
    /// </summary>
    public static async Task<PartnerCentralEmulatorServer> StartAsync(Action<PartnerCentralEmulatorOptions> configure,
        string pathPrefix = DefaultPathPrefix, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? busSettings = null,
        CancellationToken cancellationToken = default)
    {
        var (app, baseAddress) = await LoopbackApp.StartAsync((services, configuration) =>
        {
            if (clock is not null)
                services.AddSingleton(clock);
            services.AddPartnerCentralEmulator(options =>
            {
                options.TaskDelay = DefaultTaskDelay;
                configure(options);
            });
            services.TryAddSingleton<PartnerCentralEventRecorder>();
            services.AddSingleton<IPartnerCentralEventSink>(provider => provider.GetRequiredService<PartnerCentralEventRecorder>());
            if (busSettings is not null)
            {
                services.AddSwitchyardBus(configuration, _ => { });
                services.AddSingleton<IPartnerCentralEventSink, MassTransitEventSink>();
            }
        }, app => app.MapPartnerCentralEmulator(pathPrefix), busSettings, cancellationToken);
        var prefix = pathPrefix.Trim('/');
        return new PartnerCentralEmulatorServer(app, baseAddress, new Uri(baseAddress, prefix.Length == 0 ? "" : prefix + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
