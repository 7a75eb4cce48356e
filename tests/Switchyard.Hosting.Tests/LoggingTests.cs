using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting.Logging;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

[CollectionDefinition(ConsoleCapture.Collection, DisableParallelization = true)]
public sealed class ConsoleCollectionDefinition;

/// <summary>The log lines a host writes to standard output, read as a user (or a log shipper) reads them.</summary>
[Collection(ConsoleCapture.Collection)]
public class LoggingTests
{
    const string RequestLine = "Serilog.AspNetCore.RequestLoggingMiddleware";

    /// <summary>What every line of rendered compact JSON has: time, rendered message, template hash.</summary>
    static readonly string[] ClefFields = ["@t", "@m", "@i"];

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> Json(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Serilog:MinimumLevel:Default"] = "Information",
        };
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }

    /// <summary>Runs a host of <see cref="ProbeModule"/>, sends it <paramref name="requests"/>, and stops it.</summary>
    static async Task RunAsync(Dictionary<string, string?> settings, Func<HttpClient, Task> requests, string environment = "Development")
    {
        await using var host = await SwitchyardTestHost.StartAsync([new ProbeModule()], settings, environmentName: environment);
        await requests(host.Client);
        // Stopping waits for the requests in flight, whose lines are written once their responses are complete.
    }

    static async Task GetAsync(HttpClient client, string path, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        adjust?.Invoke(request);
        using var response = await client.SendAsync(request, Cancel);
        await response.Content.ReadAsStringAsync(Cancel);
    }

    /// <summary>
    /// Sends like a caller in another process, whose <c>traceparent</c> arrives as it wrote it: the hosts' tracing
    /// listens to every HttpClient in this process, and would otherwise start a trace of its own for the test's request
    /// and send that instead.
    /// </summary>
    static async Task GetAsExternalCallerAsync(HttpClient client, string path, Action<HttpRequestMessage> adjust)
    {
        using var external = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = client.BaseAddress };
        await GetAsync(external, path, adjust);
    }

    static IEnumerable<JsonElement> Ours(ConsoleCapture console) =>
        console.JsonLines.Where(line => line.TryGetProperty("Service", out var service) && service.GetString() == ProbeModule.ModuleName);

    static IEnumerable<JsonElement> RequestLines(ConsoleCapture console, string path) =>
        Ours(console).Where(line => line.GetProperty("SourceContext").GetString() == RequestLine && line.GetProperty("RequestPath").GetString() == path);

    /// <summary>The host's line saying it started, which no request caused.</summary>
    static JsonElement Started(ConsoleCapture console) =>
        Ours(console).Single(line => line.TryGetProperty("Modules", out var modules) && modules.GetString() == ProbeModule.ModuleName);

    [Fact]
    public async Task Each_request_gets_one_line_with_method_path_status_elapsed_and_correlation_id_but_no_query_string_or_header()
    {
        using var console = new ConsoleCapture();

        await RunAsync(Json(), async client =>
        {
            await GetAsync(client, "probe/7?api_key=secret-in-the-query", request =>
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-in-a-header");
                request.Headers.Add("X-Api-Key", "another-secret-in-a-header");
            });
            await GetAsync(client, "missing");
        });

        var line = RequestLines(console, "/probe/7").ShouldHaveSingleItem();
        line.GetProperty("RequestMethod").GetString().ShouldBe("GET");
        line.GetProperty("StatusCode").GetInt32().ShouldBe(200);
        line.GetProperty("Elapsed").GetDouble().ShouldBeGreaterThan(0);
        line.GetProperty("CorrelationId").GetGuid().ShouldBe(ProbeModule.CorrelationId);
        line.TryGetProperty("@l", out _).ShouldBeFalse("Information, which CLEF leaves out");
        line.GetProperty("@m").GetString()!.ShouldStartWith("HTTP \"GET\" \"/probe/7\" responded 200 in ");
        var notFound = RequestLines(console, "/missing").ShouldHaveSingleItem();
        notFound.GetProperty("StatusCode").GetInt32().ShouldBe(404);
        notFound.TryGetProperty("CorrelationId", out _).ShouldBeFalse();
        var everything = string.Join('\n', console.Lines);
        everything.ShouldNotContain("secret-in-the-query");
        everything.ShouldNotContain("secret-in-a-header");
    }

    [Fact]
    public async Task Health_probes_and_metrics_scrapes_are_logged_at_Debug_so_they_do_not_flood_the_logs()
    {
        using var console = new ConsoleCapture();

        await RunAsync(Json(), async client =>
        {
            await GetAsync(client, "health/live");
            await GetAsync(client, "health/ready");
            await GetAsync(client, "metrics");
            await GetAsync(client, "probe/1");
        });
        await RunAsync(Json(($"Serilog:MinimumLevel:Override:{RequestLine}", "Debug")), async client =>
        {
            await GetAsync(client, "health/ready");
            await GetAsync(client, "metrics");
        });

        // At the default level only the probe's line; with the request lines at Debug, the others too, marked Debug.
        RequestLines(console, "/probe/1").ShouldHaveSingleItem();
        RequestLines(console, "/health/live").ShouldBeEmpty();
        // Starting the host polled readiness as well.
        RequestLines(console, "/health/ready").ShouldNotBeEmpty();
        RequestLines(console, "/health/ready").ShouldAllBe(line => line.GetProperty("@l").GetString() == "Debug");
        RequestLines(console, "/metrics").ShouldHaveSingleItem().GetProperty("@l").GetString().ShouldBe("Debug");
    }

    [Fact]
    public async Task A_line_logged_inside_a_request_carries_the_request_trace_and_span_ids()
    {
        using var console = new ConsoleCapture();
        var caller = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();

        await RunAsync(Json(), client => GetAsExternalCallerAsync(client, "probe/3",
            request => request.Headers.Add("traceparent", $"00-{caller.ToHexString()}-{callerSpan.ToHexString()}-01")));

        var inside = Ours(console).Single(line => line.GetProperty("@m").GetString() == "Probing 3");
        inside.GetProperty("@tr").GetString().ShouldBe(caller.ToHexString());
        var span = inside.GetProperty("@sp").GetString()!;
        span.ShouldMatch("^[0-9a-f]{16}$");
        span.ShouldNotBe(callerSpan.ToHexString(), "the request's own span, a child of the caller's");
        var request = RequestLines(console, "/probe/3").ShouldHaveSingleItem();
        request.GetProperty("@tr").GetString().ShouldBe(caller.ToHexString());
        request.GetProperty("@sp").GetString().ShouldBe(span);
        // Outside any request, no trace.
        Started(console).TryGetProperty("@tr", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Text_lines_show_the_trace_and_span_ids_where_there_are_some()
    {
        using var console = new ConsoleCapture();
        var caller = ActivityTraceId.CreateRandom();

        await RunAsync(Json(("Logging:Console:FormatterName", "simple")), client => GetAsExternalCallerAsync(client, "probe/4",
            request => request.Headers.Add("traceparent", $"00-{caller.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01")));

        var inside = console.Lines.Single(line => line.Contains("Probing 4", StringComparison.Ordinal));
        inside.ShouldMatch($@"^\[\d\d:\d\d:\d\d INF\] {typeof(ProbeModule).FullName}: Probing 4 \(trace {caller.ToHexString()} span [0-9a-f]{{16}}\)$");
        console.Lines.Single(line => line.Contains("HTTP GET /probe/4 responded 200", StringComparison.Ordinal))
            .ShouldContain($"(trace {caller.ToHexString()} span ");
        console.Lines.Single(line => line.Contains($"Started {ProbeModule.ModuleName} on", StringComparison.Ordinal)).ShouldNotContain("trace");
    }

    [Fact]
    public async Task In_Production_every_line_is_compact_JSON()
    {
        using var console = new ConsoleCapture();

        await RunAsync(new Dictionary<string, string?>
        {
            // No format named: the environment decides.
            ["Logging:Console:FormatterName"] = null,
            ["Serilog:MinimumLevel:Default"] = "Information",
        }, client => GetAsync(client, "probe/5"), environment: "Production");

        var lines = Ours(console).ToList();
        lines.Count.ShouldBeGreaterThan(2);
        foreach (var line in lines)
            ClefFields.Except(line.EnumerateObject().Select(p => p.Name)).ShouldBeEmpty(line.ToString());
        // Text lines of this host would name it or its endpoint (other hosts of the process may still write text).
        console.OtherLines.ShouldNotContain(line => line.Contains(ProbeModule.ModuleName, StringComparison.Ordinal) || line.Contains("/probe/5", StringComparison.Ordinal));
        var started = Started(console);
        started.GetProperty("@m").GetString().ShouldStartWith($"Started \"{ProbeModule.ModuleName}\" on the \"InMemory\" transport");
        DateTimeOffset.Parse(started.GetProperty("@t").GetString()!, System.Globalization.CultureInfo.InvariantCulture).Offset.ShouldBe(TimeSpan.Zero);
        RequestLines(console, "/probe/5").ShouldHaveSingleItem().GetProperty("StatusCode").GetInt32().ShouldBe(200);
    }
}

/// <summary>A module with one endpoint that logs a line and records a correlation id, as the receipt's endpoints do.</summary>
public sealed class ProbeModule : ISwitchyardModule
{
    public const string ModuleName = "logging-probe";

    public static readonly Guid CorrelationId = Guid.Parse("6f1c0a0e-2b9e-4a53-9d0e-1b1f1f4b6f10");

    public string Name => ModuleName;

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/probe/{id:int}", (int id, HttpContext context, ILogger<ProbeModule> logger) =>
        {
            RequestLogging.RecordCorrelationId(context, CorrelationId);
            logger.LogInformation("Probing {Id}", id);
            return Results.Text("probed");
        });
}
