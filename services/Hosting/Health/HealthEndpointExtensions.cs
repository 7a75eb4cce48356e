using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Hosting.Health;

/// <summary>
/// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> runs the checks tagged <c>ready</c>, which
/// includes MassTransit's bus check (the bus and every receive endpoint started).
/// </summary>
public static class HealthEndpointExtensions
{
    /// <summary>The tag of the checks that gate readiness. MassTransit tags its bus check with it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Maps the liveness and readiness endpoints.</summary>
    public static IEndpointRouteBuilder MapSwitchyardHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = WriteReport,
        });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReport,
        });
        return endpoints;
    }

    static Task WriteReport(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonSerializerOptions.Web, context.RequestAborted);
    }
}
