using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (clock is not null)
            builder.Services.AddSingleton(clock);
        builder.Services.AddPartnerCentralEmulator(configure);

        var app = builder.Build();
        app.MapPartnerCentralEmulator(pathPrefix);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var prefix = pathPrefix.Trim('/');
        return new PartnerCentralEmulatorServer(app, new Uri($"{address.TrimEnd('/')}/{prefix}{(prefix.Length == 0 ? "" : "/")}"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
