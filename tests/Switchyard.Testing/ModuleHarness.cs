using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;

namespace Switchyard.Testing;

/// <summary>
/// A module's consumers, registered exactly as its hosts register them (same definitions, same conventions), on
/// MassTransit's in-memory test harness.
/// </summary>
public sealed class ModuleHarness : IAsyncDisposable
{
    readonly ServiceProvider _provider;
    readonly TestStorage _storage;
    readonly List<IHostedService> _started = [];

    ModuleHarness(ServiceProvider provider, TestStorage storage)
    {
        _provider = provider;
        _storage = storage;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    /// <summary>MassTransit's test harness.</summary>
    public ITestHarness Harness { get; }

    /// <summary>The container, for resolving what the module registered.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>
    /// Registers the modules with <see cref="SwitchyardTestHost.Defaults"/> overlaid by <paramref name="settings"/> and starts the harness.
    /// <paramref name="inactivityTimeout"/> lengthens how long the harness's queries wait for activity, for modules
    /// whose consumers do slow first-time work (a database's first queries).
    /// </summary>
    public static async Task<ModuleHarness> StartAsync(ISwitchyardModule[] modules,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null,
        TimeSpan? inactivityTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Development",
        });
        var storage = TestStorage.For(settings);
        builder.Configuration.AddInMemoryCollection(SwitchyardTestHost.Defaults);
        builder.Configuration.AddInMemoryCollection(storage.Settings);
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddSwitchyardModules(modules);

        // Replaces the transport with the harness's in-memory one and keeps the modules' consumer registrations.
        builder.Services.AddMassTransitTestHarness();
        configure?.Invoke(builder.Services);

        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var harness = new ModuleHarness(provider, storage);
        if (inactivityTimeout is { } inactivity)
            harness.Harness.TestInactivityTimeout = inactivity;

        // The harness starts the bus itself; the modules' own start-up work (creating a schema) runs first, as in a host.
        foreach (var service in provider.GetServices<IHostedService>().Where(s => s.GetType().Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) != true))
        {
            await service.StartAsync(CancellationToken.None);
            harness._started.Add(service);
        }

        await harness.Harness.Start();
        return harness;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        foreach (var service in Enumerable.Reverse(_started))
            await service.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
        _storage.Dispose();
    }
}
