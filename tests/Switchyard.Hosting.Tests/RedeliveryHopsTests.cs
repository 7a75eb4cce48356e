using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.Bus;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

/// <summary>
/// A redelivery longer than the transport can delay one message (SQS: 15 minutes) is made of hops, shown here on the
/// in-memory transport told it can delay only half a second.
/// </summary>
public class RedeliveryHopsTests
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(500);

    static Task<ModuleHarness> StartAsync(string redelivery) => ModuleHarness.StartAsync([new OnceFailingModule()], new Dictionary<string, string?>
    {
        ["Bus:Retry:Enabled"] = "false",
        ["Bus:Redelivery:Intervals:0"] = redelivery,
    }, services =>
    {
        services.AddSingleton(new TransportDelays(true, MaxDelay, null));
        services.AddSingleton<DelayedSends>();
        services.AddSendObserver(provider => provider.GetRequiredService<DelayedSends>());
    });

    [Fact]
    public async Task A_wait_longer_than_the_transport_delays_is_sent_in_hops_no_longer_than_it_and_reaches_the_consumer_once_after_the_whole_wait()
    {
        await using var harness = await StartAsync("00:00:03");
        var messageId = NewId.NextGuid();

        await harness.Harness.Bus.Publish(new Ping { Id = messageId }, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        var attempts = harness.Services.GetRequiredService<OnceFailingAttempts>();
        await Poll.UntilAsync(() => attempts.All.Count >= 2, "the redelivery to reach the consumer");
        var (first, second) = (attempts.All[0], attempts.All[1]);
        // The hops came and went without the consumer: it ran once before the wait and once after it.
        attempts.All.Count.ShouldBe(2);
        (second.At - first.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3) - RedeliveryHops.ToleranceFor(MaxDelay));
        second.MessageId.ShouldBe(messageId);
        second.RedeliveryCount.ShouldBe(1);

        var sends = harness.Services.GetRequiredService<DelayedSends>().All.Where(s => s.MessageId == messageId).ToList();
        // Six hops on an idle machine; fewer, longer-waited ones on a busy one, but never one delay for the whole wait.
        sends.Count.ShouldBeGreaterThan(1);
        sends.ShouldAllBe(s => s.Delay <= MaxDelay);
        // Every hop carries when the whole wait ends, and the same redelivery count.
        sends.Select(s => s.Due).Distinct().ShouldHaveSingleItem().ShouldNotBeNull();
        sends.ShouldAllBe(s => s.RedeliveryCount == 1);
    }

    [Fact]
    public async Task A_wait_the_transport_can_delay_is_one_send_without_hops()
    {
        await using var harness = await StartAsync("00:00:00.300");
        var messageId = NewId.NextGuid();

        await harness.Harness.Bus.Publish(new Ping { Id = messageId }, context => context.MessageId = messageId, TestContext.Current.CancellationToken);

        var attempts = harness.Services.GetRequiredService<OnceFailingAttempts>();
        await Poll.UntilAsync(() => attempts.All.Count >= 2, "the redelivery to reach the consumer");
        var send = harness.Services.GetRequiredService<DelayedSends>().All.Where(s => s.MessageId == messageId).ShouldHaveSingleItem();
        send.Delay.ShouldBe(TimeSpan.FromMilliseconds(300));
        send.Due.ShouldBeNull();
    }
}

public sealed record DelayedSend(Guid? MessageId, TimeSpan? Delay, string? Due, int? RedeliveryCount);

/// <summary>Every send with a delay: the redeliveries and their hops.</summary>
public sealed class DelayedSends : ISendObserver
{
    readonly ConcurrentQueue<DelayedSend> _sends = new();

    public IReadOnlyList<DelayedSend> All => _sends.ToArray();

    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        if (context.Delay is { } delay && delay > TimeSpan.Zero)
            _sends.Enqueue(new DelayedSend(context.MessageId, delay, context.Headers.Get<string>(RedeliveryHops.DueHeader), context.Headers.Get<int>(MessageHeaders.RedeliveryCount)));
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}

public sealed record OnceFailingAttempt(DateTimeOffset At, Guid? MessageId, int RedeliveryCount);

public sealed class OnceFailingAttempts
{
    readonly ConcurrentQueue<OnceFailingAttempt> _attempts = new();

    public IReadOnlyList<OnceFailingAttempt> All => _attempts.ToArray();

    public void Add(ConsumeContext context) => _attempts.Enqueue(new OnceFailingAttempt(DateTimeOffset.UtcNow, context.MessageId, context.GetRedeliveryCount()));
}

/// <summary>Fails the first delivery of each message, succeeds on its redelivery.</summary>
public sealed class OnceFailingConsumer(OnceFailingAttempts attempts) : IConsumer<Ping>
{
    public Task Consume(ConsumeContext<Ping> context)
    {
        attempts.Add(context);
        return context.GetRedeliveryCount() == 0 ? throw new InvalidOperationException("Not yet.") : Task.CompletedTask;
    }
}

public sealed class OnceFailingConsumerDefinition() : SwitchyardConsumerDefinition<OnceFailingConsumer>("hops");

public sealed class OnceFailingModule : ISwitchyardModule
{
    public string Name => "hops";

    public void AddServices(Microsoft.Extensions.Hosting.IHostApplicationBuilder builder) => builder.Services.AddSingleton<OnceFailingAttempts>();

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<OnceFailingConsumer, OnceFailingConsumerDefinition>();
}
