using System.Diagnostics.Metrics;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.Delivery;
using Switchyard.Contracts.Triggers;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.FanOut;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Delivery;

public class GuardsAndMetricsTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static TriggerEventReceived Trigger(string payload) => new()
    {
        EventId = Guid.NewGuid(),
        Type = "invoice.paid",
        Source = "billing",
        Payload = JsonDocument.Parse(payload).RootElement,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task A_subscriber_on_loopback_is_not_called_unless_loopback_is_allowed_and_the_delivery_fails_at_once()
    {
        await using var sink = await WebhookSink.StartAsync();
        var settings = Dispatcher.Subscriptions(sink);
        settings.Remove("Dispatcher:Delivery:AllowedNetworks:0");
        await using var harness = await Dispatcher.StartAsync(settings);

        await harness.Harness.Bus.Publish(Trigger("{}"), Cancellation);

        var fault = (await harness.Harness.PublishedAsync<Fault<DeliverWebhook>>())[0].Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(PermanentDeliveryException).FullName);
        fault.Exceptions[0].Message.ShouldContain("is a loopback address (127.0.0.0/8)");
        fault.Exceptions[0].Message.ShouldContain("Dispatcher:Delivery:AllowedNetworks");
        (await harness.Services.WaitForAttemptsAsync(fault.Message.SubscriptionId, 1)).ShouldHaveSingleItem().Outcome.ShouldBe(DeliveryOutcomes.Failed);
        sink.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_event_larger_than_the_outgoing_limit_faults_in_the_fan_out_and_no_subscriber_gets_part_of_it()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var harness = await Dispatcher.StartAsync(new Dictionary<string, string?>(Dispatcher.Subscriptions(sink))
        {
            ["Dispatcher:Delivery:MaxPayloadBytes"] = "2048",
        });

        var eventId = NewId.NextGuid();
        await harness.Harness.Bus.Publish(Trigger($$"""{"blob":"{{new string('x', 4000)}}"}"""), context => context.MessageId = eventId, Cancellation);

        await harness.WaitUntilHandledAsync(eventId);
        var fault = harness.Harness.PublishedSoFar<Fault<TriggerEventReceived>>().ShouldHaveSingleItem().Context.Message;
        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(PayloadTooLargeException).FullName);
        fault.Exceptions[0].Message.ShouldContain("Dispatcher:Delivery:MaxPayloadBytes allows 2048");
        harness.Harness.ConsumedSoFar<TriggerEventReceived>().Count.ShouldBe(1);
        harness.Harness.SentSoFar<DeliverWebhook>().ShouldBeEmpty();
        sink.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Deliveries_are_counted_and_timed_under_the_seeds_metric_names()
    {
        await using var sink = await WebhookSink.StartAsync();
        var calls = 0;
        sink.RespondWith(r => r.Path == "/created" || Interlocked.Increment(ref calls) > 1 ? 200 : 500);
        await using var harness = await Dispatcher.StartAsync(sink);

        // Only this host's instruments: other tests' hosts run in the same process with meters of the same name.
        var meters = harness.Services.GetRequiredService<IMeterFactory>();
        var measured = new List<(string Name, double Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DispatcherMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => { lock (measured) measured.Add((instrument.Name, value)); });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => { lock (measured) measured.Add((instrument.Name, value)); });
        listener.Start();

        await harness.Harness.Bus.Publish(Trigger("{}"), Cancellation);

        await harness.Services.WaitForAttemptsAsync("everything", 2);
        await harness.Services.WaitForAttemptsAsync("created", 1);
        List<string> Names() { lock (measured) return measured.Select(m => m.Name).ToList(); }
        await Poll.UntilAsync(() => Names().Count(n => n == "SuccessfulDeliveries") == 2, "two successful deliveries counted");
        var names = Names();
        names.Count(n => n == "EventsProcessed").ShouldBe(1);
        names.Count(n => n == "DeliveryLatency").ShouldBe(3);
        names.Count(n => n == "RetryAttempts").ShouldBe(1);
        names.ShouldNotContain("FailedDeliveries");
    }
}
