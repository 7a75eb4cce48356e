using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Emulators;

/// <summary>A quiet, minimal Kestrel app on a free loopback port: how an emulator runs on its own for a test.</summary>
internal static class LoopbackApp
{
    /// <summary>Starts the app on <c>http://127.0.0.1:0</c> and returns it with its address (ending in <c>/</c>).</summary>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<IServiceCollection> addServices,
        Action<WebApplication> mapEndpoints, CancellationToken cancellationToken) =>
        await StartAsync((services, _) => addServices(services), mapEndpoints, null, cancellationToken);

    /// <summary>As above, with <paramref name="settings"/> as the app's configuration, which services can read.</summary>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(Action<IServiceCollection, IConfiguration> addServices,
        Action<WebApplication> mapEndpoints, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        addServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        mapEndpoints(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
