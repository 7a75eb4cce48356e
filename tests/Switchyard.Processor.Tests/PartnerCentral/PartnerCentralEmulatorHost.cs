using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>
/// The Partner Central emulator on a free loopback port (Kestrel on 127.0.0.1:0), and real clients pointed at it
/// through <c>PartnerCentral:ServiceUrl</c>, each in a container of its own as the processor builds it.
/// </summary>
public sealed class PartnerCentralEmulatorHost : IAsyncDisposable
{
    /// <summary>The access key the emulator accepts.</summary>
    public const string AccessKeyId = "AKIAEMULATORTEST0001";

    /// <summary>Its secret; tests check it never shows up in messages or logs.</summary>
    public const string SecretAccessKey = "Sup3rSecret/EmulatorKey+DoNotLeak0000001";

    readonly PartnerCentralEmulatorServer _server;
    readonly List<ClientHost> _clients = [];

    PartnerCentralEmulatorHost(PartnerCentralEmulatorServer server) => _server = server;

    /// <summary>The emulator's state and hooks.</summary>
    public PartnerCentralEmulator Emulator => _server.Emulator;

    /// <summary>Where the emulator serves the API, ending in <c>/</c>.</summary>
    public Uri ServiceUrl => _server.ServiceUrl;

    /// <summary>
    /// Starts the emulator at <c>{pathPrefix}/</c>, accepting <see cref="AccessKeyId"/>, without quotas (a test of them
    /// turns them on), and with whatever <paramref name="configure"/> adds.
    /// </summary>
    public static async Task<PartnerCentralEmulatorHost> StartAsync(string pathPrefix = PartnerCentralEmulatorServer.DefaultPathPrefix,
        Action<PartnerCentralEmulatorOptions>? configure = null, TimeProvider? clock = null) =>
        new(await PartnerCentralEmulatorServer.StartAsync(options =>
        {
            options.Credentials.Add(new PartnerCentralEmulatorCredential { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey });
            options.Quotas.Enabled = false;
            configure?.Invoke(options);
        }, pathPrefix, clock));

    /// <summary>
    /// A client registered with <c>AddPartnerCentral</c>, configured with the emulator's URL and key pair, overlaid by
    /// <paramref name="settings"/> (keys below <c>PartnerCentral:</c>; a null value removes the setting).
    /// </summary>
    public ClientHost CreateClient(IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ServiceUrl"] = ServiceUrl.ToString(),
            ["AccessKeyId"] = AccessKeyId,
            ["SecretAccessKey"] = SecretAccessKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var client = ClientHost.Create(values, clock);
        _clients.Add(client);
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            client.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>A container with the Partner Central client registered as the processor registers it, and its logs.</summary>
public sealed class ClientHost : IDisposable
{
    readonly IHost _host;

    ClientHost(IHost host, LogCapture logs)
    {
        _host = host;
        Logs = logs;
    }

    /// <summary>The client under test.</summary>
    public IPartnerCentralClient Client => _host.Services.GetRequiredService<IPartnerCentralClient>();

    /// <summary>The container.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Everything logged, at every level.</summary>
    public LogCapture Logs { get; }

    /// <summary>Registers the client with <c>PartnerCentral:*</c> = <paramref name="settings"/> (null values left out).</summary>
    public static ClientHost Create(IReadOnlyDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings
            .Where(s => s.Value is not null)
            .Select(s => new KeyValuePair<string, string?>($"{PartnerCentralOptions.Section}:{s.Key}", s.Value)));
        var logs = new LogCapture();
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        if (clock is not null)
            builder.Services.AddSingleton(clock);
        builder.AddPartnerCentral();
        return new ClientHost(builder.Build(), logs);
    }

    /// <inheritdoc />
    public void Dispose() => _host.Dispose();
}

/// <summary>Collects every log line (with its exception) in memory.</summary>
public sealed class LogCapture : ILoggerProvider
{
    readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The lines so far, each with its exception's text.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>A clock set to a fixed offset from the real one.</summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}
