using System.Diagnostics.Metrics;

namespace Switchyard.WebConsole.Overview;

/// <summary>
/// Partner Central's remaining write budget, as the processor in this process reports it on its meter
/// (<c>Switchyard.Processor</c>, gauge <see cref="InstrumentName"/>). A host without the processor (the console's own
/// host) or a processor that does not report it shows nothing rather than a guess.
/// </summary>
internal sealed class WriteBudget : IDisposable
{
    /// <summary>The meter that reports it.</summary>
    public const string MeterName = "Switchyard.Processor";

    /// <summary>The gauge.</summary>
    public const string InstrumentName = "switchyard.partner_central.write_budget.remaining";

    readonly MeterListener _listener = new();
    long _observed;
    double _value;

    public WriteBudget()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Observe(value));
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Observe(value));
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => Observe(value));
        _listener.Start();
    }

    /// <summary>The remaining budget now, or null when nothing in this process reports it.</summary>
    public double? Remaining()
    {
        _listener.RecordObservableInstruments();
        return Interlocked.Read(ref _observed) > 0 ? Volatile.Read(ref _value) : null;
    }

    void Observe(double value)
    {
        Volatile.Write(ref _value, value);
        Interlocked.Increment(ref _observed);
    }

    public void Dispose() => _listener.Dispose();
}
