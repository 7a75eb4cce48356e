using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Switchyard.WebConsole.Overview;

/// <summary>
/// Partner Central's remaining write budget as the processor reports it on its meter (<c>Switchyard.Processor</c>,
/// gauge <see cref="InstrumentName"/>): in this process when the processor runs here (AllInOne, <c>Console:Services</c>
/// empty), otherwise from the processor's Prometheus scrape (<c>Console:ProcessorMetricsUrl</c>, or <c>/metrics</c> of
/// <c>Console:Services:Processor</c>). Every processor instance reports the same shared budget. Nothing reported is
/// shown as such, with the reason, never as a guess.
/// </summary>
internal sealed class WriteBudget : IDisposable
{
    /// <summary>The meter that reports it.</summary>
    public const string MeterName = "Switchyard.Processor";

    /// <summary>The gauge.</summary>
    public const string InstrumentName = "switchyard.partner_central.write_budget.remaining";

    /// <summary>The gauge as OpenTelemetry's Prometheus exporter names it (dots become underscores; its unit, <c>{write}</c>, adds nothing).</summary>
    public const string ScrapedName = "switchyard_partner_central_write_budget_remaining";

    /// <summary>The HttpClient name.</summary>
    public const string HttpClientName = "console-processor-metrics";

    readonly MeterListener _listener = new();
    readonly Uri? _metrics;
    readonly IHttpClientFactory _clients;
    long _observed;
    double _value;

    public WriteBudget(IOptions<ConsoleOptions> options, IHttpClientFactory clients)
    {
        _clients = clients;
        _metrics = MetricsUrl(options.Value);
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

    /// <summary>The processor's scrape endpoint, or null when the processor is in this process.</summary>
    public static Uri? MetricsUrl(ConsoleOptions options)
    {
        if (options.ProcessorMetricsUrl is { Length: > 0 } url)
            return new Uri(url);
        return options.Services.TryGetValue("Processor", out var processor)
            ? new Uri(new Uri(processor.EndsWith('/') ? processor : processor + "/"), "metrics")
            : null;
    }

    /// <summary>The remaining budget now, or why it is not known.</summary>
    public async Task<BudgetFigure> ReadAsync(CancellationToken cancellationToken)
    {
        if (_metrics is null)
        {
            _listener.RecordObservableInstruments();
            return Interlocked.Read(ref _observed) > 0
                ? new BudgetFigure(Volatile.Read(ref _value), "the processor in this process")
                : new BudgetFigure(null, "not reported by a processor in this process");
        }

        var source = _metrics.GetLeftPart(UriPartial.Path);
        try
        {
            using var response = await _clients.CreateClient(HttpClientName).GetAsync(_metrics, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return new BudgetFigure(null, $"{source} answers 404: turn the processor's Telemetry:Prometheus on, or set Console:ProcessorMetricsUrl");
            if (!response.IsSuccessStatusCode)
                return new BudgetFigure(null, $"{source} answers HTTP {(int)response.StatusCode}");
            return Parse(await response.Content.ReadAsStringAsync(cancellationToken)) is { } remaining
                ? new BudgetFigure(remaining, source)
                : new BudgetFigure(null, $"{source} does not report {ScrapedName}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new BudgetFigure(null, $"{source} {(e is TaskCanceledException ? "did not answer in time" : "could not be reached")}");
        }
    }

    /// <summary>The gauge's value in a Prometheus text exposition: <c>name{labels} value [timestamp]</c>.</summary>
    public static double? Parse(string exposition)
    {
        foreach (var line in exposition.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(ScrapedName, StringComparison.Ordinal))
                continue;
            var rest = line[ScrapedName.Length..];
            if (rest.Length > 0 && rest[0] == '{')
            {
                var end = rest.IndexOf('}');
                if (end < 0)
                    continue;
                rest = rest[(end + 1)..];
            }
            else if (rest.Length == 0 || rest[0] != ' ')
            {
                // Another metric whose name starts with this one.
                continue;
            }

            rest = rest.TrimStart(' ');
            var space = rest.IndexOf(' ');
            if (double.TryParse(space < 0 ? rest : rest[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                return value;
        }

        return null;
    }

    void Observe(double value)
    {
        Volatile.Write(ref _value, value);
        Interlocked.Increment(ref _observed);
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>The write budget left, and where it was read or why it is not known.</summary>
internal sealed record BudgetFigure(double? Remaining, string Source);
