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

    ModuleHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    /// <summary>MassTransit's test harness.</summary>
    public ITestHarness Harness { get; }

    /// <summary>The container, for resolving what the module registered.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>Registers the modules with <see cref="SwitchyardTestHost.Defaults"/> overlaid by <paramref name="settings"/> and starts the harness.</summary>
    public static async Task<ModuleHarness> StartAsync(ISwitchyardModule[] modules,
        IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = "Development",
        });
        builder.Configuration.AddInMemoryCollection(SwitchyardTestHost.Defaults);
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddSwitchyardModules(modules);

        // Replaces the transport with the harness's in-memory one and keeps the modules' consumer registrations.
        builder.Services.AddMassTransitTestHarness();
        configure?.Invoke(builder.Services);

        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var harness = new ModuleHarness(provider);
        await harness.Harness.Start();
        return harness;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
