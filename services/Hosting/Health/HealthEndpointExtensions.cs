using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Hosting.Health;

/// <summary>
/// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> runs the checks tagged <c>ready</c>:
/// MassTransit's bus check (the bus and every receive endpoint started) and <see cref="BrokerConnectionHealthCheck"/>
/// (the connection to the broker open). Ready means all of them Healthy: Degraded is 503 too.
/// </summary>
public static class HealthEndpointExtensions
{
    /// <summary>The tag of the checks that gate readiness. MassTransit tags its bus check with it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>How often the host runs its readiness checks by itself, to log when readiness changes.</summary>
    public static readonly TimeSpan ReadinessLogPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Adds the health checks: the broker connection besides MassTransit's bus check (which MassTransit adds itself), and
    /// <see cref="ReadinessLog"/>, which runs the readiness checks every <see cref="ReadinessLogPeriod"/> and logs changes.
    /// </summary>
    /// <remarks>
    /// Running them also reopens a publish-only host's connection after an outage before its next request needs it.
    /// </remarks>
    public static IServiceCollection AddSwitchyardHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<BrokerConnectionHealthCheck>(BrokerConnectionHealthCheck.Name, tags: [ReadyTag]);
        services.AddSingleton<IHealthCheckPublisher, ReadinessLog>();
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Predicate = check => check.Tags.Contains(ReadyTag);
            options.Delay = TimeSpan.FromSeconds(1);
            options.Period = ReadinessLogPeriod;
        });
        return services;
    }

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
            // ASP.NET Core answers Degraded with 200. MassTransit reports Degraded when some receive endpoints lost the
            // broker and others did not: the host is not doing its work, so it is not ready.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
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
