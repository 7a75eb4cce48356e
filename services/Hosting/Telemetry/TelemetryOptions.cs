namespace Switchyard.Hosting.Telemetry;

/// <summary>
/// The <c>Telemetry</c> section. Traces and metrics are always collected; where they go is decided by the standard
/// OpenTelemetry variables (<see cref="OtlpSettings"/>: OTLP only when an endpoint is configured) and by the Prometheus
/// scrape endpoint below.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Telemetry";

    /// <summary>
    /// The <c>service.name</c> resource attribute; when empty, <c>OTEL_SERVICE_NAME</c>, else <c>switchyard-</c> and
    /// the host's first module (e.g. <c>switchyard-receipt</c>).
    /// </summary>
    public string? ServiceName { get; set; }

    /// <summary>The Prometheus scrape endpoint.</summary>
    public PrometheusSettings Prometheus { get; set; } = new();
}

/// <summary>The <c>Telemetry:Prometheus</c> section: a scrape endpoint serving this process's metrics.</summary>
public sealed class PrometheusSettings
{
    /// <summary>The path it answers on.</summary>
    public const string DefaultPath = "/metrics";

    /// <summary>Serve the endpoint; when unset, on in Development and off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>The path the endpoint answers on.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>
    /// Host patterns the endpoint answers for, as <c>RequireHost</c> takes them (<c>*:9464</c>, <c>metrics.internal</c>):
    /// with a port of its own in <c>Urls</c>, the scrape endpoint stays off the listener the public reaches. Empty: any.
    /// </summary>
    public List<string> Hosts { get; set; } = [];
}
