using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Shutdown;
using Switchyard.Hosting.Shutdown.InMemory;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

/// <summary>How a host stops: new work refused first, readiness down at once, then the server and the bus.</summary>
public class ShutdownTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static StringContent Work() => new("{}", System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Once_told_to_stop_a_host_answers_new_work_503_with_Retry_After_and_readiness_503_but_stays_live()
    {
        await using var host = await SwitchyardTestHost.StartAsync([new WorkModule(), new LocalServiceModule()]);
        using (var before = await host.Client.PostAsync(new Uri("work", UriKind.Relative), Work(), Cancellation))
            before.StatusCode.ShouldBe(HttpStatusCode.OK);

        host.App.Lifetime.StopApplication();

        using var refused = await host.Client.PostAsync(new Uri("work", UriKind.Relative), Work(), Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancellation)).RootElement;
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.ShuttingDown);
        problem.GetProperty("status").GetInt32().ShouldBe(503);
        host.Services.GetRequiredService<WorkDone>().Count.ShouldBe(1);

        using var ready = await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), Cancellation);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("checks");
        checks.GetProperty(DrainingHealthCheck.Name).GetProperty("status").GetString().ShouldBe("Unhealthy");

        using var live = await host.Client.GetAsync(new Uri("health/live", UriKind.Relative), Cancellation);
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        // What the host's own consumers call keeps answering.
        using var local = await host.Client.GetAsync(new Uri("local", UriKind.Relative), Cancellation);
        local.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task During_the_drain_delay_the_server_keeps_answering_503_and_the_stop_goes_on_when_it_ends()
    {
        var clock = new HeldTimers();
        await using var host = await SwitchyardTestHost.StartAsync([new WorkModule()],
            new Dictionary<string, string?> { ["Shutdown:DrainDelay"] = "00:00:20" },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));

        var stopping = host.StopAsync();
        await Poll.UntilAsync(() => clock.Pending > 0, "the drain delay to begin");

        using (var refused = await host.Client.PostAsync(new Uri("work", UriKind.Relative), Work(), Cancellation))
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        using (var ready = await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), Cancellation))
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        stopping.IsCompleted.ShouldBeFalse();

        clock.Release();
        await stopping.WaitAsync(Poll.DefaultTimeout, Cancellation);
        await Should.ThrowAsync<HttpRequestException>(() => host.Client.GetAsync(new Uri("health/live", UriKind.Relative), Cancellation));
    }

    [Fact]
    public async Task On_the_in_memory_transport_the_stop_drops_the_backlog_cancels_consumers_at_work_and_logs_exactly_what_it_dropped()
    {
        var logs = new TestLogs();
        await using var host = await SwitchyardTestHost.StartAsync([new StuckModule()], new Dictionary<string, string?>
        {
            ["Shutdown:ConsumerStopTimeout"] = "00:00:00.200",
            ["Bus:Redelivery:Intervals:0"] = "01:00:00",
        }, builder => builder.Logging.AddProvider(logs));
        var bus = host.Services.GetRequiredService<IBus>();
        var stuck = host.Services.GetRequiredService<StuckWork>();
        var ledger = host.Services.GetRequiredService<InMemoryShutdownLedger>();

        // One message fails into a redelivery an hour away; one holds the only consumer slot; nine wait behind it.
        await bus.Publish(new Failing(), Cancellation);
        await Poll.UntilAsync(() => ledger.Delayed == 1, "the failed message to wait for its redelivery");
        for (var i = 0; i < 10; i++)
            await bus.Publish(new Stuck { Number = i }, Cancellation);
        await Poll.UntilAsync(() => stuck.Started == 1, "the first message to be at work");

        await host.StopAsync();

        // Nothing of the backlog was consumed on the way out: the one at work was cancelled, the rest dropped.
        stuck.Started.ShouldBe(1);
        stuck.Cancelled.ShouldBe(1);
        ledger.Total.ShouldBe(11);
        ledger.Counts[InMemoryShutdownLedger.Loss.Queued].ShouldBe(9);
        ledger.Counts[InMemoryShutdownLedger.Loss.InProgress].ShouldBe(1);
        ledger.Counts[InMemoryShutdownLedger.Loss.Delayed].ShouldBe(1);
        var line = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Category == typeof(InMemoryShutdownLedger).FullName).ShouldHaveSingleItem();
        line.Message.ShouldStartWith("The in-memory transport dropped 11 accepted message(s) as it stopped: 9 waiting in their queues, 1 whose consumers were cancelled, 1 waiting for a redelivery, 0 sent while it stopped");
        line.Message.ShouldContain("stuck 10");
        line.Message.ShouldContain("Bus:Transport=RabbitMq");
    }

    [Fact]
    public async Task What_was_consumed_before_the_stop_is_off_the_ledger_and_a_publish_nobody_consumes_is_not_counted_as_dropped()
    {
        var logs = new TestLogs();
        await using var host = await SwitchyardTestHost.StartAsync([new StuckModule()], configure: builder => builder.Logging.AddProvider(logs));
        var bus = host.Services.GetRequiredService<IBus>();
        var quick = host.Services.GetRequiredService<QuickWork>();
        var ledger = host.Services.GetRequiredService<InMemoryShutdownLedger>();

        for (var i = 0; i < 20; i++)
            await bus.Publish(new Quick(), Cancellation);
        var queue = await bus.GetSendEndpoint(new Uri("queue:quick"));
        for (var i = 0; i < 5; i++)
            await queue.Send(new Quick(), Cancellation);
        await bus.Publish(new Unheard(), Cancellation);
        await Poll.UntilAsync(() => quick.Count == 25, "the quick messages to be consumed");

        // Each reached its endpoint before its consumer ran: nothing is left on its way.
        ledger.OnTheWay.ShouldBe(0);
        await host.StopAsync();

        ledger.Total.ShouldBe(0);
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.StartsWith("The in-memory transport dropped 0 accepted messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stop_with_nothing_in_flight_says_nothing_was_dropped()
    {
        var logs = new TestLogs();
        await using var host = await SwitchyardTestHost.StartAsync([new StuckModule()], configure: builder => builder.Logging.AddProvider(logs));

        await host.StopAsync();

        host.Services.GetRequiredService<InMemoryShutdownLedger>().Total.ShouldBe(0);
        logs.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.StartsWith("The in-memory transport dropped 0 accepted messages", StringComparison.Ordinal));
    }

    [Fact]
    public void The_settings_become_the_host_s_shutdown_timeout_and_MassTransit_s_stop()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Shutdown:Timeout"] = "00:00:20",
            ["Shutdown:DrainDelay"] = "00:00:05",
            ["Shutdown:ConsumerStopTimeout"] = "00:00:04",
        }).Build();
        services.AddSwitchyardShutdownSettings(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        var bus = provider.GetRequiredService<IOptions<MassTransitHostOptions>>().Value;
        bus.ConsumerStopTimeout.ShouldBe(TimeSpan.FromSeconds(4));
        bus.StopTimeout.ShouldBe(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void By_default_a_host_stops_within_eight_seconds_inside_docker_s_ten()
    {
        var defaults = new ShutdownOptions();

        defaults.Timeout.ShouldBe(TimeSpan.FromSeconds(8));
        new ShutdownOptionsValidator().Validate(null, defaults).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Timeout", "00:00:00", "Shutdown:Timeout is 00:00:00; it must be more than 0")]
    [InlineData("DrainDelay", "-00:00:01", "Shutdown:DrainDelay is -00:00:01; it must not be negative")]
    [InlineData("ConsumerStopTimeout", "-00:00:01", "Shutdown:ConsumerStopTimeout is -00:00:01; it must not be negative")]
    [InlineData("RetryAfterSeconds", "0", "Shutdown:RetryAfterSeconds is 0; it must be from 1 to 3600")]
    [InlineData("DrainDelay", "00:00:06", "Shutdown:DrainDelay (00:00:06) and Shutdown:ConsumerStopTimeout (00:00:03) leave less than 1 s of Shutdown:Timeout (00:00:08)")]
    public void Settings_that_cannot_work_are_refused_at_start_up_naming_the_key(string key, string value, string message)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>($"Shutdown:{key}", value)])
            .Build().GetSection(ShutdownOptions.Section).Get<ShutdownOptions>()!;

        var failures = new ShutdownOptionsValidator().Validate(null, options).Failures;

        failures.ShouldNotBeNull().ShouldHaveSingleItem().ShouldStartWith(message);
    }
}

/// <summary>A timer source whose timers fire only when the test says so.</summary>
public sealed class HeldTimers : TimeProvider
{
    readonly ConcurrentQueue<Held> _timers = new();

    public int Pending => _timers.Count(t => !t.Done);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Held(callback, state);
        _timers.Enqueue(timer);
        return timer;
    }

    public void Release()
    {
        foreach (var timer in _timers)
            timer.Fire();
    }

    sealed class Held(TimerCallback callback, object? state) : ITimer
    {
        int _done;

        public bool Done => Volatile.Read(ref _done) == 1;

        public void Fire()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => !Done;

        public void Dispose() => Interlocked.Exchange(ref _done, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

public sealed class WorkDone
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

/// <summary>An endpoint that takes new work.</summary>
public sealed class WorkModule : ISwitchyardModule
{
    public string Name => "work";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<WorkDone>();

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/work", (WorkDone done) =>
    {
        done.Add();
        return Results.Ok();
    });
}

/// <summary>An endpoint the host's own consumers would call, as the local run's emulators are.</summary>
public sealed class LocalServiceModule : ISwitchyardModule
{
    public string Name => "local";

    public bool ServesWhileDraining => true;

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet("/local", () => Results.Ok());
}

public record Stuck
{
    public required int Number { get; init; }
}

public record Failing;

public sealed class StuckWork
{
    int _started;
    int _cancelled;

    public int Started => Volatile.Read(ref _started);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public void Start() => Interlocked.Increment(ref _started);

    public void Cancel() => Interlocked.Increment(ref _cancelled);
}

/// <summary>Works until the bus cancels it.</summary>
public sealed class StuckConsumer(StuckWork work) : IConsumer<Stuck>
{
    public async Task Consume(ConsumeContext<Stuck> context)
    {
        work.Start();
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            work.Cancel();
            throw;
        }
    }
}

/// <summary>One message at a time, so that the rest wait in the queue.</summary>
public sealed class StuckConsumerDefinition() : SwitchyardConsumerDefinition<StuckConsumer>("stuck")
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<StuckConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.ConcurrentMessageLimit = 1;
        endpointConfigurator.PrefetchCount = 1;
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }
}

public record Quick;

/// <summary>Nothing consumes it.</summary>
public record Unheard;

public sealed class QuickWork
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

public sealed class QuickConsumer(QuickWork work) : IConsumer<Quick>
{
    public Task Consume(ConsumeContext<Quick> context)
    {
        work.Add();
        return Task.CompletedTask;
    }
}

public sealed class QuickConsumerDefinition() : SwitchyardConsumerDefinition<QuickConsumer>("quick");

public sealed class FailingConsumer : IConsumer<Failing>
{
    public Task Consume(ConsumeContext<Failing> context) => throw new InvalidOperationException("The dependency is down.");
}

public sealed class FailingConsumerDefinition() : SwitchyardConsumerDefinition<FailingConsumer>("failing");

public sealed class StuckModule : ISwitchyardModule
{
    public string Name => "stuck";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<StuckWork>().AddSingleton<QuickWork>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<StuckConsumer, StuckConsumerDefinition>();
        bus.AddConsumer<QuickConsumer, QuickConsumerDefinition>();
        bus.AddConsumer<FailingConsumer, FailingConsumerDefinition>();
    }
}
