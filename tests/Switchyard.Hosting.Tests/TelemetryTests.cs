using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Telemetry;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

/// <summary>
/// Every host's telemetry: <c>/metrics</c> with MassTransit's figures and every <c>Switchyard.*</c> meter, where it is
/// served and where not, OTLP only when an endpoint is named, and the settings checked at start-up.
/// </summary>
public class TelemetryTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_serves_MassTransits_figures_and_every_Switchyard_meter_in_Development()
    {
        await using var host = await SwitchyardTestHost.StartAsync([new MeasuredModule()]);

        await PublishAndWaitAsync(host.Services);
        // MassTransit records a consume's figures as the consume ends, after the harness has seen it, and the exporter
        // caches a scrape for a moment: scrape until the consumer's duration is in, then check everything.
        var metrics = "";
        await Poll.UntilAsync(async () =>
        {
            metrics = await host.Client.GetStringAsync(new Uri("metrics", UriKind.Relative), Cancellation);
            return metrics.Split('\n').Any(line => line.StartsWith("messaging_masstransit_consume_duration_milliseconds_count{", StringComparison.Ordinal)
                                                    && line.Contains("messaging_masstransit_consumer_type=\"MeasuredConsumer\"", StringComparison.Ordinal));
        }, "the consumer's figures in a scrape");

        // A meter nobody named: the Switchyard.* wildcard picks it up.
        metrics.ShouldContain("switchyard_tests_measured_total{otel_scope_name=\"Switchyard.Tests.Measuring\"} 1");
        metrics.ShouldContain("messaging_masstransit_consume_ea_total{");
        metrics.ShouldMatch("messaging_masstransit_consume_ea_total\\{[^}]*messaging_masstransit_consumer_type=\"MeasuredConsumer\"");
        metrics.ShouldMatch("messaging_masstransit_consume_duration_milliseconds_count\\{[^}]*messaging_masstransit_consumer_type=\"MeasuredConsumer\"");
        metrics.ShouldContain("service_name=\"switchyard-measuring\"");
        metrics.ShouldContain("dotnet_gc_collections_total");
        // Scrapes are left out of the HTTP figures, so a scraper does not measure itself; the readiness probes are in.
        // A request's duration is recorded as it ends, which can be after its client has the answer, and the exporter
        // caches a scrape for a moment: scrape until the probe's figure is in.
        (await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), Cancellation)).Dispose();
        var again = "";
        await Poll.UntilAsync(async () =>
        {
            again = await host.Client.GetStringAsync(new Uri("metrics", UriKind.Relative), Cancellation);
            return again.Split('\n').Any(line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                                                  && line.Contains("http_route=\"/health/ready\"", StringComparison.Ordinal));
        }, "the readiness probe's duration in a scrape");
        again.ShouldNotMatch("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/metrics\"");
    }

    [Fact]
    public async Task Metrics_is_not_served_outside_Development_unless_enabled()
    {
        await using (var off = await StartProductionAsync())
        {
            using var response = await off.Client.GetAsync(new Uri("metrics", UriKind.Relative), Cancellation);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        await using var on = await StartProductionAsync(("Telemetry:Prometheus:Enabled", "true"));
        using var enabled = await on.Client.GetAsync(new Uri("metrics", UriKind.Relative), Cancellation);
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await enabled.Content.ReadAsStringAsync(Cancellation)).ShouldContain("target_info{");
    }

    [Fact]
    public async Task The_scrape_endpoint_answers_on_its_configured_path_and_only_for_its_hosts()
    {
        await using (var moved = await SwitchyardTestHost.StartAsync([new MeasuredModule()], Settings(("Telemetry:Prometheus:Path", "/internal/metrics"))))
        {
            (await moved.Client.GetAsync(new Uri("internal/metrics", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await moved.Client.GetAsync(new Uri("metrics", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Kestrel listens on the host's port; the scrape endpoint is for another one only.
        var otherPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var restricted = await SwitchyardTestHost.StartAsync([new MeasuredModule()], Settings(("Telemetry:Prometheus:Hosts:0", $"*:{otherPort}")));
        (await restricted.Client.GetAsync(new Uri("metrics", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await restricted.Client.GetAsync(new Uri("health/live", UriKind.Relative), Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_traces_and_metrics_reach_the_collector_named_by_the_service()
    {
        // OTLP over HTTP is a POST of protobuf, whose strings are plain UTF-8: a webhook sink stands in for the collector.
        await using var collector = await WebhookSink.StartAsync();
        await using var host = await SwitchyardTestHost.StartAsync([new MeasuredModule()], Settings(
            ("OTEL_EXPORTER_OTLP_ENDPOINT", collector.BaseAddress.ToString().TrimEnd('/')),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "200"),
            ("OTEL_BSP_SCHEDULE_DELAY", "100")));

        await PublishAndWaitAsync(host.Services);

        var traces = await collector.WaitForAsync(1, r => r.Path == "/v1/traces" && r.Body.Contains("MeasuredConsumer", StringComparison.Ordinal));
        await collector.WaitForAsync(1, r => r.Path == "/v1/metrics" && r.Body.Contains("switchyard.tests.measured", StringComparison.Ordinal));
        traces[0].Body.ShouldContain("switchyard-measuring", Case.Sensitive, "the service.name resource attribute");
        collector.Requests.ShouldAllBe(r => r.Method == "POST" && r.Header("Content-Type") == "application/x-protobuf");
    }

    [Fact]
    public void Only_a_named_OTLP_endpoint_turns_export_on_and_a_signals_own_endpoint_that_signal_only()
    {
        OtlpSettings.From(Configuration()).ShouldSatisfyAllConditions(
            s => s.ExportsTraces.ShouldBeFalse(),
            s => s.ExportsMetrics.ShouldBeFalse());
        OtlpSettings.From(Configuration((OtlpSettings.EndpointKey, " "))).ExportsTraces.ShouldBeFalse("an empty value is unset");

        var traces = OtlpSettings.From(Configuration((OtlpSettings.TracesEndpointKey, "http://collector:4318/v1/traces")));
        traces.ExportsTraces.ShouldBeTrue();
        traces.ExportsMetrics.ShouldBeFalse();
        var both = OtlpSettings.From(Configuration((OtlpSettings.EndpointKey, "http://collector:4317")));
        both.ExportsTraces.ShouldBeTrue();
        both.ExportsMetrics.ShouldBeTrue();
    }

    [Fact]
    public void Unusable_settings_stop_the_start_with_their_keys_and_without_the_endpoints_values()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(SwitchyardTestHost.Defaults);
        builder.Configuration.AddInMemoryCollection(Settings(
            ("Telemetry:ServiceName", " "),
            ("Telemetry:Prometheus:Path", "metrics"),
            ("Telemetry:Prometheus:Hosts:0", "*:99999"),
            ("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317?api-key=s3cr3t"),
            ("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "ftp://collector/traces"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json")));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSwitchyard(new MeasuredModule());
        var app = builder.Build();

        var error = Should.Throw<InvalidConfigurationException>(() => app.MapSwitchyard());

        error.Problems.ShouldContain(p => p.StartsWith("Telemetry:ServiceName is empty", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.StartsWith("Telemetry:Prometheus:Path 'metrics' is not a path", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.StartsWith("Telemetry:Prometheus:Hosts:0 '*:99999' is not a host pattern", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.StartsWith("OTEL_EXPORTER_OTLP_ENDPOINT is not an absolute http or https URL", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.StartsWith("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is not an absolute http or https URL", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.StartsWith("OTEL_EXPORTER_OTLP_PROTOCOL 'http/json'", StringComparison.Ordinal));
        error.Problems.Count.ShouldBe(6);
        error.Problems.ShouldAllBe(p => !p.Contains("s3cr3t"));
    }

    static async Task PublishAndWaitAsync(IServiceProvider services)
    {
        var consumed = services.GetRequiredService<MeasuredSignal>();
        await services.GetRequiredService<IBus>().Publish(new TelemetryMeasured { Id = Guid.NewGuid() }, Cancellation);
        await consumed.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
    }

    static Task<SwitchyardTestHost> StartProductionAsync(params (string Key, string Value)[] settings) =>
        SwitchyardTestHost.StartAsync([new MeasuredModule()], Settings(settings), environmentName: "Production");

    static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(Settings(settings)).Build();
}

/// <summary>A message the measuring module consumes.</summary>
public record TelemetryMeasured
{
    public required Guid Id { get; init; }
}

/// <summary>Counts each message on a meter of the Switchyard family that the telemetry set-up does not name, and says when one was consumed.</summary>
public sealed class MeasuredSignal(IMeterFactory meters)
{
    readonly TaskCompletionSource _consumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Counter<long> _measured = meters.Create("Switchyard.Tests.Measuring").CreateCounter<long>("switchyard.tests.measured");

    public Task Task => _consumed.Task;

    public void Set()
    {
        _measured.Add(1);
        _consumed.TrySetResult();
    }
}

public sealed class MeasuredConsumer(MeasuredSignal signal) : IConsumer<TelemetryMeasured>
{
    public Task Consume(ConsumeContext<TelemetryMeasured> context)
    {
        signal.Set();
        return Task.CompletedTask;
    }
}

public sealed class MeasuredConsumerDefinition() : SwitchyardConsumerDefinition<MeasuredConsumer>("measuring");

public sealed class MeasuredModule : ISwitchyardModule
{
    public string Name => "measuring";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<MeasuredSignal>();

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<MeasuredConsumer, MeasuredConsumerDefinition>();
}
