using System.Diagnostics.Metrics;

namespace Switchyard.Dispatcher;

/// <summary>
/// The dispatcher's instruments (meter <c>Switchyard.Dispatcher</c>). The names are the seeds' own, so the dashboards
/// and alarms built on them keep working.
/// </summary>
public sealed class DispatcherMetrics
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Switchyard.Dispatcher";

    readonly Counter<long> _eventsProcessed;
    readonly Counter<long> _successful;
    readonly Counter<long> _failed;
    readonly Histogram<double> _latency;
    readonly Counter<long> _retries;
    readonly Counter<long> _disabled;

    /// <summary>Creates the instruments on a meter from the host's factory.</summary>
    public DispatcherMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _eventsProcessed = meter.CreateCounter<long>("EventsProcessed", "{event}", "Events fanned out to their subscriptions.");
        _successful = meter.CreateCounter<long>("SuccessfulDeliveries", "{delivery}", "Deliveries a subscriber answered 2xx.");
        _failed = meter.CreateCounter<long>("FailedDeliveries", "{delivery}", "Deliveries failed for good: retries spent, or refused permanently.");
        _latency = meter.CreateHistogram<double>("DeliveryLatency", "ms", "How long each delivery attempt took.");
        _retries = meter.CreateCounter<long>("RetryAttempts", "{attempt}", "Attempts after a delivery's first.");
        _disabled = meter.CreateCounter<long>("DisabledSubscriptions", "{subscription}", "Subscriptions disabled or deactivated, by reason.");
    }

    /// <summary>An event was fanned out.</summary>
    public void EventProcessed(string eventType) => _eventsProcessed.Add(1, new KeyValuePair<string, object?>("event_type", eventType));

    /// <summary>An attempt was made; <paramref name="outcome"/> is one of <see cref="Delivery.DeliveryOutcomes"/>.</summary>
    public void Attempted(string subscriptionId, int attempt, string outcome, TimeSpan latency)
    {
        var subscription = new KeyValuePair<string, object?>("subscription", subscriptionId);
        _latency.Record(latency.TotalMilliseconds, subscription, new KeyValuePair<string, object?>("outcome", outcome));
        if (attempt > 1)
            _retries.Add(1, subscription);
        if (outcome == Delivery.DeliveryOutcomes.Delivered)
            _successful.Add(1, subscription);
    }

    /// <summary>A delivery failed for good.</summary>
    public void DeliveryFailed(string subscriptionId) => _failed.Add(1, new KeyValuePair<string, object?>("subscription", subscriptionId));

    /// <summary>A subscription stopped receiving.</summary>
    public void SubscriptionDisabled(string reason) => _disabled.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
