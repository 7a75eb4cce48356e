using System.IO.Pipelines;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Contracts.Triggers;
using Switchyard.Dispatcher;
using Switchyard.Hosting;
using Switchyard.Receipt;

namespace Switchyard.Bench;

/// <summary>
/// A subscriber as fast as one can be: Kestrel on loopback that reads each delivery, notes which event it carries
/// (<c>benchRun</c>, <c>benchSeq</c> in the payload) under its <c>webhook-id</c>, and answers 204.
/// </summary>
public sealed class FastSink : IAsyncDisposable
{
    readonly WebApplication _app;
    DeliveryRound? _round;
    int _strays;

    FastSink(WebApplication app) => _app = app;

    /// <summary>The subscription URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Deliveries of no current round (e.g. late duplicates of the warm-up).</summary>
    public int Strays => Volatile.Read(ref _strays);

    /// <summary>The round deliveries are counted for.</summary>
    public DeliveryRound? Round
    {
        get => Volatile.Read(ref _round);
        set => Volatile.Write(ref _round, value);
    }

    public static async Task<FastSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new FastSink(app);
        app.Run(sink.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sink.Url = new Uri(address + "/hook");
        return sink;
    }

    async Task ReceiveAsync(HttpContext context)
    {
        var now = Stopwatch.GetTimestamp();
        var reader = context.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(context.RequestAborted);
            if (read.IsCompleted)
                break;
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var (run, sequence) = BenchPayload.Find(read.Buffer);
        reader.AdvanceTo(read.Buffer.End);

        var round = Round;
        if (round is not null && run == round.Run)
        {
            var id = context.Request.Headers["webhook-id"].ToString();
            round.Arrived(id.Length > 0 ? id : $"seq-{sequence}", sequence, now);
        }
        else
        {
            Interlocked.Increment(ref _strays);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The Receipt and Dispatcher modules in one host on RabbitMQ, composed as the service hosts compose themselves
/// (<c>AddSwitchyard</c>, <c>MapSwitchyard</c>), with one subscription to every event at the <see cref="FastSink"/>.
/// </summary>
public sealed class DispatchPipeline : IAsyncDisposable
{
    const string ApiKeyName = "bench";

    readonly WebApplication _app;

    DispatchPipeline(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<DispatchPipeline> StartAsync(BenchBroker broker, string virtualHost, Uri subscriberUrl, string storagePath,
        string apiKey, TimeSpan readyTimeout)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(broker.BusSettings(virtualHost));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:Console:FormatterName"] = "simple",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            // Only /events is driven; the HubSpot endpoint just needs its secret to start in Production.
            ["HubSpot:ClientSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Auth:ApiKeys:0:Name"] = ApiKeyName,
            ["Auth:ApiKeys:0:Key"] = apiKey,
            ["Dispatcher:Subscriptions:0:Id"] = "bench",
            ["Dispatcher:Subscriptions:0:Url"] = subscriberUrl.ToString(),
            ["Dispatcher:Subscriptions:0:Events:0"] = "*",
            // Not read by today's dispatcher; needed once deliveries are signed, guarded against private networks and
            // stored in SQLite. Setting them now keeps the benchmark running across that change.
            ["Dispatcher:Subscriptions:0:Secrets:0"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Dispatcher:Storage:ConnectionString"] = $"Data Source={storagePath}",
        });
        builder.AddSwitchyard([new ReceiptModule(), new DispatcherModule()]);

        var app = builder.Build();
        try
        {
            app.MapSwitchyard();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var pipeline = new DispatchPipeline(app, new Uri(address + "/"));
        try
        {
            await pipeline.WaitUntilReadyAsync(readyTimeout);
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }

        return pipeline;
    }

    /// <summary>
    /// Waits until the bus is healthy: connected, with every receive endpoint's queue and bindings in place, so that the
    /// receipt's mandatory publishes are routed. (Polling /health/ready instead would log each early refusal as an error.)
    /// </summary>
    async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var status = await _app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, timeout);
        if (status != BusHealthStatus.Healthy)
            throw new BenchmarkFailedException($"the pipeline host's bus was {status}, not Healthy, {timeout.TotalSeconds:0} s after it started (is RabbitMQ reachable?)");
    }

    /// <summary>A bearer token from <c>POST /token</c>.</summary>
    public async Task<string> GetTokenAsync(HttpClient http, string apiKey)
    {
        using var response = await http.PostAsync(new Uri(BaseAddress, "token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = ApiKeyName,
            ["password"] = apiKey,
        }));
        if (response.StatusCode != HttpStatusCode.OK)
            throw new BenchmarkFailedException($"POST /token answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        return token.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The baseline: a bare MassTransit bus on the same broker (a virtual host of its own) with one trivial consumer that
/// counts. Publisher confirms are on and publishes are mandatory, as the receipt publishes; prefetch and concurrency
/// are MassTransit's defaults, as on the dispatcher's queues.
/// </summary>
public sealed class BareBus : IAsyncDisposable
{
    public const string QueueName = "bench-baseline";

    readonly IHost _host;

    BareBus(IHost host)
    {
        _host = host;
        Bus = host.Services.GetRequiredService<IBus>();
        Rounds = host.Services.GetRequiredService<BaselineRounds>();
    }

    public IBus Bus { get; }

    public BaselineRounds Rounds { get; }

    public static async Task<BareBus> StartAsync(BenchBroker broker, string virtualHost, TimeSpan startTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<BaselineRounds>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.AddConsumer<BaselineConsumer>().Endpoint(e => e.Name = QueueName);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)broker.Port, virtualHost, host =>
                {
                    host.Username(broker.Username);
                    host.Password(broker.Password);
                    host.PublisherConfirmation = true;
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        // StartAsync returns once the receive endpoint (its queue and binding) is ready, so no publish is lost.
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = startTimeout;
        });

        var host = builder.Build();
        await host.StartAsync();
        return new BareBus(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>The baseline's current round.</summary>
public sealed class BaselineRounds
{
    DeliveryRound? _current;
    int _strays;

    public DeliveryRound? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public int Strays => Volatile.Read(ref _strays);

    public void Stray() => Interlocked.Increment(ref _strays);
}

/// <summary>The baseline's trivial consumer: notes which event arrived, nothing else.</summary>
public sealed class BaselineConsumer(BaselineRounds rounds) : IConsumer<TriggerEventReceived>
{
    public Task Consume(ConsumeContext<TriggerEventReceived> context)
    {
        var now = Stopwatch.GetTimestamp();
        var payload = context.Message.Payload;
        var run = payload.GetProperty(BenchPayload.RunProperty).GetInt32();
        var sequence = payload.GetProperty(BenchPayload.SequenceProperty).GetInt32();
        var round = rounds.Current;
        if (round is not null && round.Run == run)
            round.Arrived(context.MessageId?.ToString() ?? $"seq-{sequence}", sequence, now);
        else
            rounds.Stray();
        return Task.CompletedTask;
    }
}
