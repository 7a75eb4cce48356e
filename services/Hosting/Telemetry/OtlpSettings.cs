using Microsoft.Extensions.Configuration;

namespace Switchyard.Hosting.Telemetry;

/// <summary>
/// The standard OpenTelemetry exporter variables (from the environment, or any configuration source under the same
/// names) that decide whether traces and metrics leave the process over OTLP. Nothing is exported, and nothing is
/// tried, unless an endpoint is named.
/// </summary>
public sealed record OtlpSettings
{
    /// <summary>The base endpoint for every signal (<c>/v1/traces</c> and <c>/v1/metrics</c> are appended over HTTP).</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The traces endpoint, used as it is.</summary>
    public const string TracesEndpointKey = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>The metrics endpoint, used as it is.</summary>
    public const string MetricsEndpointKey = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The value of <see cref="EndpointKey"/>, if any.</summary>
    public string? Endpoint { get; init; }

    /// <summary>The value of <see cref="TracesEndpointKey"/>, if any.</summary>
    public string? TracesEndpoint { get; init; }

    /// <summary>The value of <see cref="MetricsEndpointKey"/>, if any.</summary>
    public string? MetricsEndpoint { get; init; }

    /// <summary>The value of <see cref="ProtocolKey"/>, if any.</summary>
    public string? Protocol { get; init; }

    /// <summary>Traces go over OTLP.</summary>
    public bool ExportsTraces => TracesEndpoint is not null || Endpoint is not null;

    /// <summary>Metrics go over OTLP.</summary>
    public bool ExportsMetrics => MetricsEndpoint is not null || Endpoint is not null;

    /// <summary>Reads the variables; empty values count as unset, as the specification says.</summary>
    public static OtlpSettings From(IConfiguration configuration) => new()
    {
        Endpoint = Value(configuration, EndpointKey),
        TracesEndpoint = Value(configuration, TracesEndpointKey),
        MetricsEndpoint = Value(configuration, MetricsEndpointKey),
        Protocol = Value(configuration, ProtocolKey),
    };

    /// <summary>The problems with these settings, one sentence each. Values are not repeated: an endpoint may carry credentials.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (key, value) in new[] { (EndpointKey, Endpoint), (TracesEndpointKey, TracesEndpoint), (MetricsEndpointKey, MetricsEndpoint) })
        {
            if (value is not null && ParseEndpoint(value) is null)
                yield return $"{key} is not an absolute http or https URL: name the collector, e.g. http://otel-collector:4317.";
        }

        if (Protocol is not null && Protocol is not ("grpc" or "http/protobuf"))
            yield return $"{ProtocolKey} '{Protocol}' is not an OTLP protocol this exporter speaks: use grpc or http/protobuf.";
    }

    /// <summary>The endpoint as a URL, or null when it is not an absolute http(s) URL.</summary>
    public static Uri? ParseEndpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    static string? Value(IConfiguration configuration, string key) =>
        string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();
}
