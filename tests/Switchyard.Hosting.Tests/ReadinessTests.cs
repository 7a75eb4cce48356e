using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting.Health;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

/// <summary><c>/health/ready</c> tells the truth about the bus, on the real broker, and the log says when it changes.</summary>
public class ReadinessTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_degraded_readiness_check_makes_the_host_not_ready_while_liveness_stays_200()
    {
        await using var host = await SwitchyardTestHost.StartAsync([new ConventionsModule()], configure: builder =>
            builder.Services.AddHealthChecks().AddCheck("half-way", () => HealthCheckResult.Degraded("some endpoints consume"),
                tags: [HealthEndpointExtensions.ReadyTag]), waitUntilReady: false);

        using var ready = await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), Cancellation);
        using var live = await host.Client.GetAsync(new Uri("health/live", UriKind.Relative), Cancellation);

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancellation)).RootElement;
        report.GetProperty("status").GetString().ShouldBe("Degraded");
        report.GetProperty("checks").GetProperty("half-way").GetProperty("description").GetString().ShouldBe("some endpoints consume");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_host_that_only_publishes_is_not_ready_while_its_broker_is_cut_off_and_says_so_once()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("ready-publisher");
        await using var proxy = TcpProxy.Start(broker.Host, broker.Port);
        var log = new CapturedLog();
        await using var host = await SwitchyardTestHost.StartAsync([new PublisherModule()], Through(proxy, virtualHost),
            builder => builder.Logging.AddProvider(log));

        var before = await ReadyAsync(host);
        before.Status.ShouldBe(HttpStatusCode.OK);
        before.Checks.GetProperty(BrokerConnectionHealthCheck.Name).GetProperty("description").GetString().ShouldBe("Connected");

        proxy.Cut();
        var during = await WaitForReadinessAsync(host, HttpStatusCode.ServiceUnavailable);
        during.Checks.GetProperty(BrokerConnectionHealthCheck.Name).GetProperty("status").GetString().ShouldBe("Unhealthy");
        during.Checks.GetProperty(BrokerConnectionHealthCheck.Name).GetProperty("description").GetString()!
            .ShouldStartWith($"Cannot reach the broker at rabbitmq://{broker.Host}:{proxy.Port}/{virtualHost.Name}");
        await Poll.UntilAsync(() => log.Lines.Any(l => l.Contains("The broker is gone", StringComparison.Ordinal)), "the outage to be logged");

        proxy.Restore();
        await WaitForReadinessAsync(host, HttpStatusCode.OK);
        await Poll.UntilAsync(() => log.Lines.Any(l => l.Contains("The bus is back after", StringComparison.Ordinal)), "the recovery to be logged",
            TimeSpan.FromSeconds(60));

        var outage = log.Lines.Where(l => l.StartsWith(typeof(ReadinessLog).FullName!, StringComparison.Ordinal)).ToList();
        outage.Count.ShouldBe(2, string.Join('\n', outage));
        outage[0].ShouldContain("Warning: The broker is gone (broker: Cannot reach the broker at rabbitmq://");
        outage[0].ShouldContain("Reconnecting; /health/ready answers 503 until the bus is back.");
        outage[1].ShouldStartWith($"{typeof(ReadinessLog).FullName}: Information: The bus is back after ");
    }

    [Fact]
    public async Task A_consuming_host_is_not_ready_while_its_broker_is_cut_off_and_ready_once_its_endpoints_consume_again()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("ready-consumer");
        await using var proxy = TcpProxy.Start(broker.Host, broker.Port);
        await using var host = await SwitchyardTestHost.StartAsync([new ConventionsModule()], Through(proxy, virtualHost));

        proxy.Cut();
        await WaitForReadinessAsync(host, HttpStatusCode.ServiceUnavailable);
        proxy.Restore();

        // MassTransit reconnects its receive endpoints with growing pauses between attempts: ready only when all consume.
        var after = await WaitForReadinessAsync(host, HttpStatusCode.OK, TimeSpan.FromSeconds(90));
        after.Checks.GetProperty("masstransit-bus").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Nothing_is_logged_about_readiness_while_the_host_stays_ready()
    {
        var log = new CapturedLog();
        var rounds = new CountedRounds();
        await using (var host = await SwitchyardTestHost.StartAsync([new ConventionsModule()], configure: builder =>
                     {
                         builder.Logging.AddProvider(log);
                         builder.Services.AddSingleton<IHealthCheckPublisher>(rounds);
                     }))
        {
            // The host runs its readiness checks by itself every few seconds; each round reaches every publisher.
            await Poll.UntilAsync(() => rounds.Healthy >= 2, "two rounds of readiness checks, both healthy", TimeSpan.FromSeconds(60));
        }

        log.Lines.ShouldNotContain(l => l.StartsWith(typeof(ReadinessLog).FullName!, StringComparison.Ordinal));
    }

    static Dictionary<string, string?> Through(TcpProxy proxy, RabbitMqVirtualHost virtualHost) => new(virtualHost.BusSettings)
    {
        ["Bus:RabbitMq:Port"] = proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    static async Task<(HttpStatusCode Status, JsonElement Checks)> ReadyAsync(SwitchyardTestHost host)
    {
        using var response = await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), Cancellation);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement;
        return (response.StatusCode, report.GetProperty("checks").Clone());
    }

    static async Task<(HttpStatusCode Status, JsonElement Checks)> WaitForReadinessAsync(SwitchyardTestHost host, HttpStatusCode status,
        TimeSpan? timeout = null)
    {
        (HttpStatusCode Status, JsonElement Checks) last = default;
        await Poll.UntilAsync(async () => (last = await ReadyAsync(host)).Status == status, $"/health/ready to answer {(int)status}", timeout);
        return last;
    }
}

/// <summary>A module without consumers, as the receipt is: its bus only publishes.</summary>
public sealed class PublisherModule : ISwitchyardModule
{
    public string Name => "publisher";
}

/// <summary>Counts the rounds of readiness checks the host ran by itself that found it ready.</summary>
public sealed class CountedRounds : IHealthCheckPublisher
{
    int _healthy;

    public int Healthy => Volatile.Read(ref _healthy);

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        if (report.Status == HealthStatus.Healthy)
            Interlocked.Increment(ref _healthy);
        return Task.CompletedTask;
    }
}

/// <summary>Every line logged through Microsoft.Extensions.Logging, as "category: level: message".</summary>
public sealed class CapturedLog : ILoggerProvider
{
    readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {logLevel}: {formatter(state, exception)}");
    }
}
