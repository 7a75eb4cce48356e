using MassTransit;
using RabbitMQ.Client.Exceptions;
using Serilog.Core;
using Serilog.Events;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// Keeps a broker outage to a handful of lines. Drops what MassTransit logs per reconnection attempt and per cut-off
/// operation when its broker connection is lost or refused (a warning with a full stack trace for every attempt of every
/// receive endpoint, an information line per retry, an error per send or acknowledgement cut off), and the health-check
/// service's line per readiness probe that is not Healthy. What remains says the same once: the readiness log (gone and
/// reconnecting, then back, with the reason) and the receipt's one line when it starts and stops refusing requests.
/// </summary>
/// <remarks>
/// Only events from MassTransit's own sources whose exception is a connection failure are dropped, never a fatal one:
/// a consumer's failure, a topology error or anything of ours stays in the log.
/// </remarks>
public sealed class BrokerOutageLogFilter : ILogEventFilter
{
    const string HealthCheckService = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <inheritdoc />
    public bool IsEnabled(LogEvent logEvent) => !IsOutageNoise(logEvent);

    /// <summary>Whether <paramref name="logEvent"/> is a per-attempt or per-probe report of a broker outage.</summary>
    public static bool IsOutageNoise(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level == LogEventLevel.Fatal || SourceOf(logEvent) is not { } source)
            return false;

        if (source == HealthCheckService)
            return logEvent.Properties.ContainsKey("HealthCheckName") && logEvent.Properties.ContainsKey("HealthStatus");

        return (source == "MassTransit" || source.StartsWith("MassTransit.", StringComparison.Ordinal)) && IsConnectionFailure(logEvent.Exception);
    }

    /// <summary>
    /// A lost, refused or closed connection to the broker, anywhere in the exception's chain: MassTransit wraps transport
    /// failures in its <see cref="ConnectionException"/> (RabbitMQ's and SQS's derive from it), and the RabbitMQ client
    /// reports an unreachable broker or an operation on a closed connection with these types.
    /// </summary>
    static bool IsConnectionFailure(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            if (exception is ConnectionException or BrokerUnreachableException or ConnectFailureException or AlreadyClosedException)
                return true;

            exception = exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : exception.InnerException;
        }

        return false;
    }

    static string? SourceOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var value) && value is ScalarValue { Value: string source } ? source : null;
}
