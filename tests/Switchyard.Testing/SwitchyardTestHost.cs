using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting;

namespace Switchyard.Testing;

/// <summary>
/// A Switchyard host composed exactly as the service hosts compose themselves (<c>AddSwitchyard</c>,
/// <c>MapSwitchyard</c>), listening on a free loopback port, configured by the test.
/// </summary>
public sealed class SwitchyardTestHost : IAsyncDisposable
{
    /// <summary>
    /// Settings every test host starts from: quiet logs, fast retries, no delivery redeliveries (a test that wants them
    /// turns them on), a stop without a drain delay, and waits that leave room for a busy machine (the receipt's wait
    /// for the broker's confirmation and the stop's timeout; tests of those set their own).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Logging:Console:FormatterName"] = "simple",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Bus:Retry:Intervals:0"] = "00:00:00.050",
        ["Bus:Retry:Intervals:1"] = "00:00:00.050",
        ["Dispatcher:Delivery:Redelivery:Enabled"] = "false",
        ["Shutdown:DrainDelay"] = "00:00:00",
        ["Shutdown:Timeout"] = "00:01:00",
        ["Receipt:PublishTimeout"] = "00:00:30",
    };

    readonly TestStorage _storage;
    bool _stopped;

    SwitchyardTestHost(WebApplication app, Uri baseAddress, TestStorage storage)
    {
        _storage = storage;
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>Where it listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for its HTTP surface.</summary>
    public HttpClient Client { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts a host running <paramref name="modules"/> with <see cref="Defaults"/> overlaid by <paramref name="settings"/>,
    /// and waits until <c>/health/ready</c> reports the bus ready (its queues and bindings exist). Hosts run as
    /// Development unless <paramref name="environmentName"/> says otherwise.
    /// </summary>
    public static async Task<SwitchyardTestHost> StartAsync(ISwitchyardModule[] modules,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<WebApplicationBuilder>? configure = null,
        bool waitUntilReady = true, string environmentName = "Development")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environmentName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var storage = TestStorage.For(settings);
        builder.Configuration.AddInMemoryCollection(Defaults);
        builder.Configuration.AddInMemoryCollection(storage.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSwitchyard(modules);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var host = new SwitchyardTestHost(app, new Uri(address + "/"), storage);
        if (waitUntilReady)
            await host.WaitUntilReadyAsync();
        return host;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public Task WaitUntilReadyAsync() => Poll.UntilAsync(async () =>
    {
        using var response = await Client.GetAsync(new Uri("health/ready", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }, $"{BaseAddress}health/ready to answer 200");

    /// <summary>Stops the host as a SIGTERM would (drain, server, bus), leaving its services to be read; dispose it after.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        await App.StopAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await StopAsync();
        await App.DisposeAsync();
        _storage.Dispose();
    }
}
