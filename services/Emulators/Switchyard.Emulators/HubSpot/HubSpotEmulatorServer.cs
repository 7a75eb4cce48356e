using Microsoft.AspNetCore.Builder;

namespace Switchyard.Emulators.HubSpot;

/// <summary>
/// The HubSpot CRM emulator on its own Kestrel listener on a free loopback port: what a test points a real client at.
/// </summary>
public sealed class HubSpotEmulatorServer : IAsyncDisposable
{
    /// <summary>The path prefix used unless another is given.</summary>
    public const string DefaultPathPrefix = "/hubspot";

    readonly WebApplication _app;

    HubSpotEmulatorServer(WebApplication app, HubSpotEmulatorState state, Uri baseAddress, string pathPrefix)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
        ApiBaseUrl = new Uri(baseAddress, pathPrefix.Trim('/'));
    }

    /// <summary>What the emulator holds; seed it and read it here.</summary>
    public HubSpotEmulatorState State { get; }

    /// <summary>The listener, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What a client's <c>HubSpot:ApiBaseUrl</c> should be, e.g. <c>http://127.0.0.1:41234/hubspot</c>.</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>Starts the emulator over <paramref name="state"/> (a new empty one when null) on <c>http://127.0.0.1:0</c>.</summary>
    public static async Task<HubSpotEmulatorServer> StartAsync(HubSpotEmulatorState? state = null, string pathPrefix = DefaultPathPrefix,
        CancellationToken cancellationToken = default)
    {
        state ??= new HubSpotEmulatorState();
        var (app, baseAddress) = await LoopbackApp.StartAsync(_ => { }, app => app.MapHubSpotEmulator(pathPrefix, state), cancellationToken);
        return new HubSpotEmulatorServer(app, state, baseAddress, pathPrefix);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
