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
/// <remarks>
/// The harness's own waits (<c>Published.Any</c>, <c>Consumed.Any</c>, ...) end at the first of: what they wait for,
/// <see cref="TestTimeout"/> from the start, or <see cref="DefaultInactivityTimeout"/> without bus activity. A consumer
/// at work is not activity to the harness, so on a busy machine a consumer slower than the inactivity timeout (a first
/// database query, the first use of a message type) made positive waits give up while it was still working. Both are
/// set here, once, for a loaded two-core machine. For a wait that depends on nothing but a deadline, use
/// <see cref="WaitUntilHandledAsync"/> or <see cref="HarnessExtensions.PublishedAsync{T}"/>.
/// </remarks>
public sealed class ModuleHarness : IAsyncDisposable
{
    /// <summary>How long a test may run on the harness before every wait gives up (MassTransit's default is 30 s).</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// How long the bus must be quiet before the harness's waits conclude that nothing more will happen (MassTransit's
    /// default is 1.2 s). Long enough for a consumer's slowest step on a loaded machine; a wait that expects nothing
    /// lasts this long, so tests that expect nothing wait for <see cref="WaitUntilHandledAsync"/> instead.
    /// </summary>
    public static readonly TimeSpan DefaultInactivityTimeout = TimeSpan.FromSeconds(10);

    readonly ServiceProvider _provider;
    readonly TestStorage _storage;
    readonly List<IHostedService> _started = [];
    readonly HandledMessages _handled;

    ModuleHarness(ServiceProvider provider, TestStorage storage)
    {
        _provider = provider;
        _storage = storage;
        Harness = provider.GetRequiredService<ITestHarness>();
        _handled = provider.GetRequiredService<HandledMessages>();
    }

    /// <summary>MassTransit's test harness.</summary>
    public ITestHarness Harness { get; }

    /// <summary>The container, for resolving what the module registered.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>
    /// Registers the modules with <see cref="SwitchyardTestHost.Defaults"/> overlaid by <paramref name="settings"/> and starts the harness.
    /// <paramref name="inactivityTimeout"/> replaces <see cref="DefaultInactivityTimeout"/>.
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
        builder.Services.AddSingleton<HandledMessages>();
        builder.Services.AddReceiveObserver(services => services.GetRequiredService<HandledMessages>());
        configure?.Invoke(builder.Services);

        var provider = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var harness = new ModuleHarness(provider, storage);
        harness.Harness.TestTimeout = TestTimeout;
        harness.Harness.TestInactivityTimeout = inactivityTimeout ?? DefaultInactivityTimeout;

        // The harness starts the bus itself; the modules' own start-up work (creating a schema) runs first, as in a host.
        foreach (var service in provider.GetServices<IHostedService>().Where(s => s.GetType().Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) != true))
        {
            await service.StartAsync(CancellationToken.None);
            harness._started.Add(service);
        }

        await harness.Harness.Start();
        return harness;
    }

    /// <summary>
    /// Waits until the message <paramref name="messageId"/> has been received and dealt with (consumed, faulted,
    /// redelivered or skipped), with everything it published or sent gone out, up to
    /// <see cref="Poll.DefaultTimeout"/>. After it, what the harness recorded so far is all the message caused.
    /// </summary>
    public Task WaitUntilHandledAsync(Guid messageId) =>
        Poll.UntilAsync(() => _handled.Contains(messageId), $"message {messageId} to be handled");

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

/// <summary>The ids of the messages whose receive has ended, however it ended.</summary>
internal sealed class HandledMessages : IReceiveObserver
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte> _ids = new();

    public bool Contains(Guid messageId) => _ids.ContainsKey(messageId);

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        Add(context);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Add(context);
        return Task.CompletedTask;
    }

    void Add(ReceiveContext context)
    {
        if (context.GetMessageId() is { } id)
            _ids.TryAdd(id, 0);
    }
}
