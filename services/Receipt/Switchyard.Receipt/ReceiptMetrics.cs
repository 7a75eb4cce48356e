using System.Diagnostics.Metrics;

namespace Switchyard.Receipt;

/// <summary>
/// The receipt's instruments (meter <c>Switchyard.Receipt</c>): requests by endpoint and outcome, events enqueued and
/// ignored, rejections by reason, and how long the broker took to confirm.
/// </summary>
public sealed class ReceiptMetrics
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Switchyard.Receipt";

    readonly Counter<long> _requests;
    readonly Counter<long> _enqueued;
    readonly Counter<long> _ignored;
    readonly Counter<long> _rejected;
    readonly Histogram<double> _publishDuration;

    /// <summary>Creates the instruments on a meter from the host's factory.</summary>
    public ReceiptMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("switchyard.receipt.requests", "{request}", "Requests by endpoint and outcome.");
        _enqueued = meter.CreateCounter<long>("switchyard.receipt.events.enqueued", "{event}", "Events published and confirmed by the broker.");
        _ignored = meter.CreateCounter<long>("switchyard.receipt.events.ignored", "{event}", "HubSpot events of types not subscribed to, acknowledged without publishing.");
        _rejected = meter.CreateCounter<long>("switchyard.receipt.requests.rejected", "{request}", "Requests refused, by reason.");
        _publishDuration = meter.CreateHistogram<double>("switchyard.receipt.publish.duration", "ms", "Time from publishing a request's events to the broker's confirmation.");
    }

    /// <summary>A request whose events were all confirmed.</summary>
    public void Accepted(string endpoint, int enqueued, int ignored)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", "accepted"));
        if (enqueued > 0)
            _enqueued.Add(enqueued, new KeyValuePair<string, object?>("endpoint", endpoint));
        if (ignored > 0)
            _ignored.Add(ignored, new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    /// <summary>A request refused with <paramref name="problemType"/>; its last segment is the reason tag (a bounded set).</summary>
    public void Rejected(string endpoint, string problemType)
    {
        var reason = problemType[(problemType.LastIndexOf('/') + 1)..];
        _requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", "rejected"));
        _rejected.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("reason", reason));
    }

    /// <summary>A request answered 503 because the broker did not confirm.</summary>
    public void Unavailable(string endpoint) =>
        _requests.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("outcome", "unavailable"));

    /// <summary>How long one request's publishing took, and whether the broker confirmed it.</summary>
    public void Published(TimeSpan elapsed, bool confirmed) =>
        _publishDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", confirmed ? "confirmed" : "failed"));
}
