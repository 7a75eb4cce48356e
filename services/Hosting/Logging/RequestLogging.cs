using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// One log line per HTTP request, when it completes: <c>RequestMethod</c>, <c>RequestPath</c> (without the query
/// string, which can carry secrets), <c>StatusCode</c>, <c>Elapsed</c> (milliseconds) and, where the endpoint
/// established one, <c>CorrelationId</c>; never a header. Information, Error for 5xx other than 503 (a deliberate refusal, reported where it starts and ends); health probes, metrics
/// scrapes and the local run's emulated APIs at Debug, so that they do not flood the logs.
/// </summary>
public static class RequestLogging
{
    /// <summary>The request line's property for the correlation id of what the request published.</summary>
    public const string CorrelationIdProperty = "CorrelationId";

    // The local run's emulators answer the services' own calls (a poll every few seconds): the calling side logs what
    // matters, and a line per emulated request would drown the rest.
    static readonly PathString[] Probes = ["/health", "/metrics", "/emulators"];

    /// <summary>
    /// Writes the request line of every request that passes through here. Put it before the exception handler, which
    /// logs exceptions itself and turns them into the 500 this line reports. Needs <c>AddSwitchyardLogging</c>.
    /// </summary>
    public static IApplicationBuilder UseSwitchyardRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<HostLogger>().Logger;
        return app.UseSerilogRequestLogging(options =>
        {
            // The host's logger: Serilog's default, the static one, belongs to no host and writes nowhere.
            options.Logger = logger;
            options.IncludeQueryInRequestPath = false;
            options.GetLevel = LevelOf;
        });
    }

    /// <summary>Puts the correlation id on the request line of the request <paramref name="context"/> is handling.</summary>
    public static void RecordCorrelationId(HttpContext context, Guid correlationId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.RequestServices.GetService<IDiagnosticContext>()?.Set(CorrelationIdProperty, correlationId);
    }

    static LogEventLevel LevelOf(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        if (exception is not null)
            return LogEventLevel.Error;
        // Before the status: an orchestrator polling readiness during a broker outage gets 503 every few seconds.
        if (Probes.Any(probe => context.Request.Path.StartsWithSegments(probe, StringComparison.OrdinalIgnoreCase)))
            return LogEventLevel.Debug;
        // A 503 is a deliberate refusal (the broker does not confirm, the host drains), said once where it starts and
        // once where it ends; a line per refused request would bury that in an outage's retries.
        if (context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable)
            return LogEventLevel.Debug;
        return context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error : LogEventLevel.Information;
    }
}
