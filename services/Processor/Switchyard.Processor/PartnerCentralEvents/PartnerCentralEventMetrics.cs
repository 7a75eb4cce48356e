using System.Diagnostics.Metrics;

namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>
/// <c>switchyard.processor.partner_central_events</c> (meter <c>Switchyard.Processor</c>): the EventBridge events read,
/// by <c>detail_type</c> and <c>result</c>: <c>published</c> (turned into a typed message), <c>ignored</c> (a
/// detail-type Switchyard does not act on) or <c>other_catalog</c> (an event of the catalog Switchyard does not use).
/// </summary>
public sealed class PartnerCentralEventMetrics
{
    /// <summary>The counter's name.</summary>
    public const string EventsName = "switchyard.processor.partner_central_events";

    readonly Counter<long> _events;

    /// <summary>Creates the instrument on a meter from the host's factory.</summary>
    public PartnerCentralEventMetrics(IMeterFactory meters) =>
        _events = meters.Create(ProcessorMetrics.MeterName).CreateCounter<long>(EventsName, "{event}", "Partner Central EventBridge events read, by detail-type and result.");

    /// <summary>Counts one event.</summary>
    public void Count(string detailType, string result) =>
        _events.Add(1, new KeyValuePair<string, object?>("detail_type", detailType), new KeyValuePair<string, object?>("result", result));
}
