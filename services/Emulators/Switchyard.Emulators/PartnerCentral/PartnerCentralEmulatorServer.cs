using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The Partner Central emulator on its own Kestrel listener on a free loopback port: what a test points a real,
/// SigV4-signing client at.
/// </summary>
public sealed class PartnerCentralEmulatorServer : IAsyncDisposable
{
    /// <summary>The path prefix used unless another is given.</summary>
    public const string DefaultPathPrefix = "/partner-central";

    readonly WebApplication _app;

    PartnerCentralEmulatorServer(WebApplication app, Uri serviceUrl)
    {
        _app = app;
        ServiceUrl = serviceUrl;
        Emulator = app.Services.GetRequiredService<PartnerCentralEmulator>();
    }

    /// <summary>The emulator's state and hooks.</summary>
    public PartnerCentralEmulator Emulator { get; }

    /// <summary>What a client's <c>PartnerCentral:ServiceUrl</c> should be, ending in <c>/</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>
    /// Starts the emulator at <c>{pathPrefix}/</c> on <c>http://127.0.0.1:0</c>; <paramref name="configure"/> names the
    /// credentials it accepts and the solutions it holds.
    /// </summary>
    public static async Task<PartnerCentralEmulatorServer> StartAsync(Action<PartnerCentralEmulatorOptions> configure,
        string pathPrefix = DefaultPathPrefix, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var (app, baseAddress) = await LoopbackApp.StartAsync(services =>
        {
            if (clock is not null)
                services.AddSingleton(clock);
            services.AddPartnerCentralEmulator(configure);
        }, app => app.MapPartnerCentralEmulator(pathPrefix), cancellationToken);
        var prefix = pathPrefix.Trim('/');
        return new PartnerCentralEmulatorServer(app, new Uri(baseAddress, prefix.Length == 0 ? "" : prefix + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
