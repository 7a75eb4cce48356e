using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// The write budget as instruments of the processor's meter (<c>Switchyard.Processor</c>) and as log lines: a Warning
/// once when the window's writes cross 80 % of <c>WritesPerWindow</c>, and an Information line when they drop back.
/// </summary>
/// <remarks>
/// Every instance keeps its gauges up to date (the budget is shared, so each shows the same figures); only the one that
/// releases parked writes says when the 80 % line is crossed, so the line is logged once, not once per instance.
/// </remarks>
public sealed partial class WriteBudgetMonitor
{
    /// <summary>The processor's meter, which its outcome counter shares (<see cref="ProcessorMetrics"/>).</summary>
    public const string MeterName = ProcessorMetrics.MeterName;

    /// <summary>The gauge of writes left in the window.</summary>
    public const string RemainingName = "switchyard.partner_central.write_budget.remaining";

    /// <summary>The gauge of writes made in the window.</summary>
    public const string UsedName = "switchyard.partner_central.write_budget.used";

    /// <summary>The gauge of <c>WritesPerWindow</c>.</summary>
    public const string LimitName = "switchyard.partner_central.write_budget.limit";

    /// <summary>The gauge of parked writes, by <c>priority</c> (<c>true</c>, <c>false</c>).</summary>
    public const string ParkedName = "switchyard.partner_central.writes.parked";

    /// <summary>The counter of writes that had to wait (parked or held), by <c>operation</c> and <c>reason</c>.</summary>
    public const string DeferredName = "switchyard.partner_central.writes.deferred";

    /// <summary>The share of the window whose use is worth a warning.</summary>
    public const double WarningShare = 0.8;

    readonly PartnerCentralQuotaOptions _quotas;
    readonly ILogger<WriteBudgetMonitor> _logger;
    readonly Counter<long> _deferred;
    readonly Lock _gate = new();
    int _used;
    bool _exhausted;
    int _parkedPriority;
    int _parkedUpdates;
    bool _warned;

    /// <summary>Creates the instruments on the processor's meter.</summary>
    public WriteBudgetMonitor(IMeterFactory meters, IOptions<PartnerCentralQuotaOptions> options, ILogger<WriteBudgetMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        _quotas = options.Value;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(RemainingName, () => (long)Remaining, "{write}", "Partner Central writes left in the quota's rolling window.");
        meter.CreateObservableGauge(UsedName, () => (long)Volatile.Read(ref _used), "{write}", "Partner Central writes made in the quota's rolling window.");
        meter.CreateObservableGauge(LimitName, () => (long)_quotas.WritesPerWindow, "{write}", "Partner Central writes the quota allows per rolling window.");
        meter.CreateObservableGauge(ParkedName, () => new[]
        {
            new Measurement<long>(Volatile.Read(ref _parkedPriority), new KeyValuePair<string, object?>("priority", true)),
            new Measurement<long>(Volatile.Read(ref _parkedUpdates), new KeyValuePair<string, object?>("priority", false)),
        }, "{write}", "Partner Central writes parked until the budget allows them.");
        _deferred = meter.CreateCounter<long>(DeferredName, "{write}", "Partner Central writes that had to wait for the budget, by operation and reason.");
    }

    /// <summary>Writes left in the window, as last seen.</summary>
    public int Remaining
    {
        get
        {
            lock (_gate)
                return _exhausted ? 0 : Math.Max(0, _quotas.WritesPerWindow - _used);
        }
    }

    /// <summary>Takes the window's writes as a grant saw them; <paramref name="blockedBy"/> is the quota AWS's refusals block, if any.</summary>
    public void ObserveUsed(int used, string? blockedBy)
    {
        lock (_gate)
        {
            _used = used;
            _exhausted = blockedBy == BudgetReasons.WritesPerWindow;
        }
    }

    /// <summary>
    /// Takes the whole budget as the releaser saw it; with <paramref name="report"/> (the instance that releases), logs
    /// when the window's use crosses 80 % either way.
    /// </summary>
    public void Observe(BudgetSnapshot snapshot, bool report)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        bool crossedUp;
        bool crossedDown;
        lock (_gate)
        {
            _used = snapshot.Used;
            _exhausted = snapshot.BlockedBy == BudgetReasons.WritesPerWindow;
            _parkedPriority = snapshot.ParkedPriority;
            _parkedUpdates = snapshot.ParkedUpdates;
            if (!report)
                return;
            var high = snapshot.Used >= Math.Ceiling(snapshot.Limit * WarningShare);
            crossedUp = high && !_warned;
            crossedDown = !high && _warned;
            _warned = high;
        }

        if (crossedUp)
            LogHigh(_logger, snapshot.Used, snapshot.Limit, _quotas.Window, snapshot.Reserve);
        else if (crossedDown)
            LogBackUnder(_logger, snapshot.Used, snapshot.Limit, _quotas.Window);
    }

    /// <summary>Counts a write that had to wait.</summary>
    public void Deferred(PartnerCentralWrite write, string reason)
    {
        ArgumentNullException.ThrowIfNull(write);
        _deferred.Add(1, new KeyValuePair<string, object?>("operation", write.Operation), new KeyValuePair<string, object?>("reason", reason));
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Partner Central write budget over 80 %: {Used} of {Limit} writes used in the last {Window}; updates wait once {Reserve} or fewer remain, everything once none do")]
    static partial void LogHigh(ILogger logger, int used, int limit, TimeSpan window, int reserve);

    [LoggerMessage(Level = LogLevel.Information, Message = "Partner Central write budget back under 80 %: {Used} of {Limit} writes used in the last {Window}")]
    static partial void LogBackUnder(ILogger logger, int used, int limit, TimeSpan window);
}
