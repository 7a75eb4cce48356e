using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Telemetry;

/// <summary>Checks the <c>Telemetry</c> section and the OTLP exporter variables at start-up.</summary>
public sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var problems = new List<string>();
        if (options.ServiceName is { } serviceName && string.IsNullOrWhiteSpace(serviceName))
            problems.Add($"{TelemetryOptions.Section}:ServiceName is empty: leave it out for the default (switchyard-<service>) or name the service.");

        var path = options.Prometheus.Path;
        if (string.IsNullOrWhiteSpace(path) || !path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || !IsRoutePattern(path))
            problems.Add($"{TelemetryOptions.Section}:Prometheus:Path '{path}' is not a path: write it with a leading slash, e.g. /metrics.");

        for (var i = 0; i < options.Prometheus.Hosts.Count; i++)
        {
            if (!IsHostPattern(options.Prometheus.Hosts[i]))
                problems.Add($"{TelemetryOptions.Section}:Prometheus:Hosts:{i} '{options.Prometheus.Hosts[i]}' is not a host pattern: write host, host:port or *:port, e.g. *:9464.");
        }

        problems.AddRange(OtlpSettings.From(configuration).Problems());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    static bool IsRoutePattern(string path)
    {
        try
        {
            RoutePatternFactory.Parse(path);
            return true;
        }
        catch (RoutePatternException)
        {
            return false;
        }
    }

    static bool IsHostPattern(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || pattern.Contains('/', StringComparison.Ordinal))
            return false;
        var colon = pattern.LastIndexOf(':');
        var host = colon < 0 ? pattern : pattern[..colon];
        var port = colon < 0 ? null : pattern[(colon + 1)..];
        if (port is not null && port != "*" && (!int.TryParse(port, out var number) || number is < 1 or > 65535))
            return false;
        return host == "*" || host.StartsWith("*.", StringComparison.Ordinal)
            ? host.Length == 1 || Uri.CheckHostName(host[2..]) != UriHostNameType.Unknown
            : Uri.CheckHostName(host.Trim('[', ']')) != UriHostNameType.Unknown;
    }
}
