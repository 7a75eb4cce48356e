using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Hosting.Bus;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Delivery;

/// <summary>How long a delivery to a subscriber that is down keeps being tried, on each transport.</summary>
public class RetryWindowTests
{
    static DeliverWebhook Webhook() => new()
    {
        WebhookId = "msg_" + Guid.NewGuid().ToString("N"),
        SubscriptionId = "everything",
        EventId = Guid.NewGuid(),
        EventType = "sync.skipped",
        OccurredAt = DateTimeOffset.UtcNow,
        Data = JsonDocument.Parse("""{"objectId":7001}""").RootElement,
    };

    [Fact]
    public void By_default_a_delivery_is_tried_again_for_more_than_24_hours_even_when_the_jitter_shortens_every_wait()
    {
        var schedule = new DeliveryRedeliveryOptions().Schedule;

        schedule.Intervals.ShouldBe(DeliveryRedeliveryOptions.DefaultIntervals);
        schedule.Jitter.ShouldBe(0.1);
        schedule.ShortestWindow.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(24));
        // Backing off: no wait is shorter than the one before.
        schedule.Intervals.Zip(schedule.Intervals.Skip(1)).ShouldAllBe(pair => pair.Second >= pair.First);
    }

    [Fact]
    public void The_schedule_can_be_turned_off_or_replaced_and_bad_values_are_refused_naming_the_key()
    {
        new DeliveryRedeliveryOptions { Enabled = false }.Schedule.IsEmpty.ShouldBeTrue();

        var options = new DispatcherOptions { Delivery = { Redelivery = { Intervals = [TimeSpan.FromDays(2)], Jitter = 0.7 } } };
        var failures = new DispatcherOptionsValidator().Validate(null, options).Failures!.ToList();

        failures.ShouldContain("Dispatcher:Delivery:Redelivery:Intervals:0 is 2.00:00:00; each interval must be between 0 and 1.00:00:00.");
        failures.ShouldContain(f => f.StartsWith("Dispatcher:Delivery:Redelivery:Jitter is 0.7; it must be a fraction from 0 to 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_SQS_a_two_hour_wait_is_sent_as_hops_of_at_most_15_minutes_due_when_the_delivery_log_says()
    {
        await using var sink = await WebhookSink.StartAsync();
        sink.RespondWith(_ => 503);
        var sends = new DelayedDeliveries();
        await using var harness = await ModuleHarness.StartAsync([new DispatcherModule()], new Dictionary<string, string?>(Dispatcher.Subscriptions(sink))
        {
            ["Bus:Retry:Enabled"] = "false",
            ["Dispatcher:Delivery:Redelivery:Enabled"] = "true",
            ["Dispatcher:Delivery:Redelivery:Intervals:0"] = "02:00:00",
        }, services =>
        {
            // What MassTransit's SQS transport can delay one message by.
            services.AddSingleton(TransportDelays.For(new BusOptions { Transport = nameof(BusTransport.AmazonSqs) }));
            services.AddSendObserver(_ => sends);
        }, Dispatcher.Inactivity);
        var webhook = Webhook();

        await harness.SendDeliveryAsync(webhook);

        await Poll.UntilAsync(() => sends.All.Count > 0, "the redelivery to be sent");
        var hop = sends.All.ShouldHaveSingleItem();
        hop.Delay.ShouldBe(TimeSpan.FromMinutes(15));
        var attempt = (await harness.Services.WaitForAttemptsAsync("everything", 1)).ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe(DeliveryOutcomes.Retrying);
        var due = DateTimeOffset.Parse(hop.Due.ShouldNotBeNull(), CultureInfo.InvariantCulture);
        // The log and the hops compute the same jittered wait, from the attempt's and the send's clocks.
        (due - new DateTimeOffset(attempt.NextAttemptAt!.Value, TimeSpan.Zero)).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(30));
        (due - new DateTimeOffset(attempt.AttemptedAt, TimeSpan.Zero)).ShouldBeInRange(TimeSpan.FromHours(1.8), TimeSpan.FromHours(2.2) + TimeSpan.FromMinutes(1));
        sink.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task On_RabbitMQ_without_the_delayed_exchange_plugin_the_dispatcher_says_at_start_up_that_deliveries_are_not_redelivered()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("window");
        var logs = new TestLogs();

        await using var host = await SwitchyardTestHost.StartAsync([new DispatcherModule()],
            new Dictionary<string, string?>(virtualHost.BusSettings) { ["Dispatcher:Delivery:Redelivery:Enabled"] = "true" },
            builder => builder.Logging.AddProvider(logs));

        var warning = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("dispatcher-delivery:", StringComparison.Ordinal)).ShouldHaveSingleItem();
        warning.Message.ShouldContain("delayed redelivery is off");
        warning.Message.ShouldContain("goes to its error queue");
        warning.Message.ShouldContain("delayed-message-exchange plugin");
        warning.Message.ShouldContain("Bus:RabbitMq:DelayedExchange=true");
    }

    [Fact]
    public async Task In_memory_the_dispatcher_has_its_redeliveries_and_says_nothing_about_them()
    {
        var logs = new TestLogs();

        await using var host = await SwitchyardTestHost.StartAsync([new DispatcherModule()],
            new Dictionary<string, string?> { ["Dispatcher:Delivery:Redelivery:Enabled"] = "true" },
            builder => builder.Logging.AddProvider(logs));

        logs.Entries.ShouldNotContain(e => e.Message.Contains("delayed redelivery is off", StringComparison.Ordinal));
    }
}

public sealed record DelayedDelivery(TimeSpan? Delay, string? Due);

/// <summary>The delivery commands sent with a delay: redeliveries and their hops.</summary>
public sealed class DelayedDeliveries : ISendObserver
{
    readonly ConcurrentQueue<DelayedDelivery> _sends = new();

    public IReadOnlyList<DelayedDelivery> All => _sends.ToArray();

    public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        if (context.Message is DeliverWebhook && context.Delay is { } delay && delay > TimeSpan.Zero)
            _sends.Enqueue(new DelayedDelivery(delay, context.Headers.Get<string>(RedeliveryHops.DueHeader)));
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
