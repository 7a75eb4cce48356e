using System.Reflection;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Switchyard.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry in every host: traces of HTTP requests in and out and of MassTransit's sends, publishes and consumes,
/// so that one HubSpot event is one trace across the services; metrics of the same, of the runtime, and of every
/// <c>Switchyard.*</c> meter. Exported over OTLP when the standard variables name an endpoint, and served to Prometheus
/// at <c>/metrics</c> where enabled.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Our own activity sources and meters, present and future (<c>Switchyard.Receipt</c>, <c>Switchyard.Processor</c>, ...).</summary>
    public const string SwitchyardNames = "Switchyard.*";

    /// <summary>The name of MassTransit's activity source and meter.</summary>
    public const string MassTransitName = DiagnosticHeaders.DefaultListenerName;

    /// <summary>
    /// Registers tracing and metrics for a host running <paramref name="modules"/>, named (<c>service.name</c>) by
    /// <c>Telemetry:ServiceName</c>, else <c>OTEL_SERVICE_NAME</c>, else <c>switchyard-</c> and its first module.
    /// </summary>
    public static IHostApplicationBuilder AddSwitchyardTelemetry(this IHostApplicationBuilder builder, IReadOnlyList<ISwitchyardModule> modules)
    {
        ArgumentOutOfRangeException.ThrowIfZero(modules.Count);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>>(services => new TelemetryOptionsValidator(configuration));

        var serviceName = FirstOf(configuration[$"{TelemetryOptions.Section}:ServiceName"], configuration["OTEL_SERVICE_NAME"])
                          ?? $"switchyard-{modules[0].Name}";
        // Read here because the exporters are chosen now; an unusable value stops the start with its key (see the validator).
        var otlp = OtlpSettings.From(configuration);
        var quietPaths = QuietPaths(configuration);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceVersion: Version(), autoGenerateServiceInstanceId: true)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(SwitchyardNames, MassTransitName)
                    // Probes and scrapes would be most of the traces and say nothing.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !quietPaths.Any(p => context.Request.Path.StartsWithSegments(p)))
                    .AddHttpClientInstrumentation(options =>
                    {
                        options.EnrichWithHttpRequestMessage = TraceUrlPaths.Apply;
                        options.EnrichWithHttpResponseMessage = (activity, response) =>
                        {
                            if (response.RequestMessage is { } request)
                                TraceUrlPaths.Apply(activity, request);
                        };
                    });
                if (otlp.ExportsTraces)
                    tracing.AddOtlpExporter(options => UseSignalEndpoint(options, otlp.TracesEndpoint));
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(SwitchyardNames, MassTransitName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    // A pull exporter: it reads the aggregates only when /metrics is scraped.
                    .AddPrometheusExporter();
                if (otlp.ExportsMetrics)
                    metrics.AddOtlpExporter(options => UseSignalEndpoint(options, otlp.MetricsEndpoint));
            });

        // MassTransit names its metrics' service label after the process unless told; the service name says more.
        builder.Services.PostConfigure<InstrumentationOptions>(options => options.ServiceName = serviceName);
        return builder;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint when <c>Telemetry:Prometheus:Enabled</c> says so (by default in Development):
    /// unauthenticated like the health endpoints, outside rate limiting, left out of the HTTP metrics and traces.
    /// </summary>
    public static IEndpointRouteBuilder MapSwitchyardMetrics(this IEndpointRouteBuilder endpoints)
    {
        var prometheus = endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus;
        var enabled = prometheus.Enabled ?? endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment();
        if (!enabled)
            return endpoints;

        var scrape = endpoints.MapPrometheusScrapingEndpoint(prometheus.Path)
            .DisableHttpMetrics()
            .WithDisplayName("Prometheus scrape");
        if (prometheus.Hosts.Count > 0)
            scrape.RequireHost([.. prometheus.Hosts]);
        return endpoints;
    }

    /// <summary>
    /// A signal's own endpoint is used as it is; without one the exporter reads <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> itself
    /// and appends the signal's path where the protocol needs it.
    /// </summary>
    static void UseSignalEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions options, string? signalEndpoint)
    {
        if (signalEndpoint is not null && OtlpSettings.ParseEndpoint(signalEndpoint) is { } uri)
            options.Endpoint = uri;
    }

    static PathString[] QuietPaths(IConfiguration configuration)
    {
        var metricsPath = configuration[$"{TelemetryOptions.Section}:Prometheus:Path"];
        return
        [
            new PathString("/health"),
            metricsPath is not null && metricsPath.StartsWith('/') ? new PathString(metricsPath) : new PathString(PrometheusSettings.DefaultPath),
        ];
    }

    static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    static string Version()
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(TelemetryExtensions).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
               ?? assembly.GetName().Version?.ToString()
               ?? "0.0.0";
    }
}
