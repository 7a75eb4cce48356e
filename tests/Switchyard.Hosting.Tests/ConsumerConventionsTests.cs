using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.Bus;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

public class ConsumerConventionsTests
{
    [Fact]
    public async Task A_failing_consumer_is_retried_once_per_configured_interval_then_faulted()
    {
        await using var harness = await ModuleHarness.StartAsync([new ConventionsModule()], new Dictionary<string, string?>
        {
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:Intervals:1"] = "00:00:00.010",
            ["Bus:Retry:Intervals:2"] = "00:00:00.010",
        });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        (await harness.Harness.PublishedAsync<Fault<Ping>>()).ShouldHaveSingleItem();
        harness.Services.GetRequiredService<Attempts>().Count.ShouldBe(4);
    }

    [Fact]
    public async Task Messages_a_failed_attempt_published_are_discarded_by_the_outbox()
    {
        await using var harness = await ModuleHarness.StartAsync([new ConventionsModule()]);
        var messageId = NewId.NextGuid();

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        await harness.WaitUntilHandledAsync(messageId);
        harness.Harness.PublishedSoFar<Fault<Ping>>().ShouldHaveSingleItem();
        harness.Harness.PublishedSoFar<Pong>().ShouldBeEmpty();
    }

    [Fact]
    public async Task With_retries_off_a_failing_consumer_runs_once()
    {
        await using var harness = await ModuleHarness.StartAsync([new ConventionsModule()],
            new Dictionary<string, string?> { ["Bus:Retry:Enabled"] = "false" });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        (await harness.Harness.PublishedAsync<Fault<Ping>>()).ShouldHaveSingleItem();
        harness.Services.GetRequiredService<Attempts>().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Delayed_redelivery_gives_the_message_a_new_round_of_retries_after_the_delay()
    {
        await using var harness = await ModuleHarness.StartAsync([new ConventionsModule()], new Dictionary<string, string?>
        {
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:Intervals:1"] = "00:00:00.010",
            ["Bus:Redelivery:Intervals:0"] = "00:00:00.200",
        });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        var attempts = harness.Services.GetRequiredService<Attempts>();
        await Poll.UntilAsync(() => attempts.Count >= 6, "two deliveries of three attempts each");
        (await harness.Harness.PublishedAsync<Fault<Ping>>()).ShouldHaveSingleItem();
        attempts.Count.ShouldBe(6);
    }

    [Fact]
    public async Task A_FIFO_queue_gets_its_immediate_retries_but_no_delayed_redelivery()
    {
        await using var harness = await ModuleHarness.StartAsync([new FifoConventionsModule()], new Dictionary<string, string?>
        {
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:Intervals:1"] = "00:00:00.010",
            ["Bus:Redelivery:Intervals:0"] = "00:00:00.200",
        });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        // With a redelivery the fault would come only after a second round of three attempts.
        (await harness.Harness.PublishedAsync<Fault<Ping>>()).ShouldHaveSingleItem();
        harness.Services.GetRequiredService<Attempts>().Count.ShouldBe(3);
    }
}

public class RetryAfterTests
{
    [Fact]
    public async Task A_retry_waits_at_least_the_Retry_After_the_failing_call_asked_for()
    {
        await using var harness = await ModuleHarness.StartAsync([new ThrottledModule(TimeSpan.FromMilliseconds(400))], new Dictionary<string, string?>
        {
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:Intervals:1"] = "00:00:00.010",
        });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        var attempts = harness.Services.GetRequiredService<AttemptTimes>();
        await Poll.UntilAsync(() => attempts.Times.Count >= 2, "a retry");
        (attempts.Times[1] - attempts.Times[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(390));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_waits_only_the_cap()
    {
        await using var harness = await ModuleHarness.StartAsync([new ThrottledModule(TimeSpan.FromHours(1))], new Dictionary<string, string?>
        {
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:MaxRetryAfter"] = "00:00:00.100",
        });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        // Were the hour honoured, this would time out.
        var attempts = harness.Services.GetRequiredService<AttemptTimes>();
        await Poll.UntilAsync(() => attempts.Times.Count >= 2, "a retry within the cap");
        (attempts.Times[1] - attempts.Times[0]).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(90));
    }
}

public sealed class AttemptTimes
{
    readonly List<DateTimeOffset> _times = [];

    public IReadOnlyList<DateTimeOffset> Times
    {
        get
        {
            lock (_times)
                return [.. _times];
        }
    }

    public void Add()
    {
        lock (_times)
            _times.Add(DateTimeOffset.UtcNow);
    }
}

public sealed class ThrottledException(TimeSpan retryAfter) : Exception("Slow down."), IRetryAfter
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

public sealed class ThrottledConsumer(AttemptTimes attempts, ThrottledModule module) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        attempts.Add();
        if (attempts.Times.Count == 1)
            throw new ThrottledException(module.RetryAfter);
        return Task.CompletedTask;
    }
}

public sealed class ThrottledConsumerDefinition() : SwitchyardConsumerDefinition<ThrottledConsumer>("throttled");

public sealed class ThrottledModule(TimeSpan retryAfter) : ISwitchyardModule
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public string Name => "throttled";

    public void AddServices(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AttemptTimes>();
        builder.Services.AddSingleton(this);
    }

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ThrottledConsumer, ThrottledConsumerDefinition>();
}

public record Ping
{
    public required Guid Id { get; init; }
}

public record Pong
{
    public required Guid Id { get; init; }
}

public sealed class Attempts
{
    int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);
}

public sealed class PoisonedConsumer(Attempts attempts) : IConsumer<Ping>
{
    public async Task Consume(ConsumeContext<Ping> context)
    {
        attempts.Add();
        await context.Publish(new Pong { Id = context.Message.Id });
        throw new InvalidOperationException("The dependency is poisoned.");
    }
}

public sealed class PoisonedConsumerDefinition() : SwitchyardConsumerDefinition<PoisonedConsumer>("conventions");

public sealed class ConventionsModule : ISwitchyardModule
{
    public string Name => "conventions";

    public void AddServices(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder) => builder.Services.AddSingleton<Attempts>();

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<PoisonedConsumer, PoisonedConsumerDefinition>();
}

public sealed class FifoPoisonedConsumer(Attempts attempts) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        attempts.Add();
        throw new InvalidOperationException("The dependency is poisoned.");
    }
}

public sealed class FifoPoisonedConsumerDefinition() : SwitchyardConsumerDefinition<FifoPoisonedConsumer>("conventions.fifo");

public sealed class FifoConventionsModule : ISwitchyardModule
{
    public string Name => "fifo-conventions";

    public void AddServices(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder) => builder.Services.AddSingleton<Attempts>();

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<FifoPoisonedConsumer, FifoPoisonedConsumerDefinition>();
}
