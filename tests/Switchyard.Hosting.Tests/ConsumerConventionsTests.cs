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

        (await harness.Harness.Published.Any<Fault<Ping>>(TestContext.Current.CancellationToken)).ShouldBeTrue();
        harness.Services.GetRequiredService<Attempts>().Count.ShouldBe(4);
    }

    [Fact]
    public async Task Messages_a_failed_attempt_published_are_discarded_by_the_outbox()
    {
        await using var harness = await ModuleHarness.StartAsync([new ConventionsModule()]);

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        (await harness.Harness.Published.Any<Fault<Ping>>(TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await harness.Harness.Published.Any<Pong>(TestContext.Current.CancellationToken)).ShouldBeFalse();
    }

    [Fact]
    public async Task With_retries_off_a_failing_consumer_runs_once()
    {
        await using var harness = await ModuleHarness.StartAsync([new ConventionsModule()],
            new Dictionary<string, string?> { ["Bus:Retry:Enabled"] = "false" });

        await harness.Harness.Bus.Publish(new Ping { Id = Guid.NewGuid() }, TestContext.Current.CancellationToken);

        (await harness.Harness.Published.Any<Fault<Ping>>(TestContext.Current.CancellationToken)).ShouldBeTrue();
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
        (await harness.Harness.Published.Any<Fault<Ping>>(TestContext.Current.CancellationToken)).ShouldBeTrue();
        attempts.Count.ShouldBe(6);
    }
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
