using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchyard.Hosting.Health;

/// <summary>
/// Says in the log when the host stops being ready and when it is ready again, from the readiness checks the host runs
/// every few seconds: a broker outage of any length is one warning (gone, and reconnecting) and one line when it is
/// back. MassTransit's own line per reconnection attempt is dropped (<c>BrokerOutageLogFilter</c>), so this is where an
/// operator reads why the host is not ready.
/// </summary>
/// <remarks>
/// Before the host was first ready only an unreachable broker is reported (the bus may simply still be starting); while
/// the host stops, nothing is (the bus stops before the checks do).
/// </remarks>
public sealed partial class ReadinessLog(ILogger<ReadinessLog> logger, TimeProvider clock, IHostApplicationLifetime lifetime)
    : IHealthCheckPublisher
{
    readonly Lock _lock = new();
    bool _wasReady;
    DateTimeOffset? _notReadySince;

    /// <inheritdoc />
    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Task.CompletedTask;

        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (report.Status == HealthStatus.Healthy)
            {
                if (_notReadySince is { } since)
                    LogBack(logger, Math.Round((now - since).TotalSeconds, 1));
                _wasReady = true;
                _notReadySince = null;
                return Task.CompletedTask;
            }

            if (_notReadySince is not null)
                return Task.CompletedTask;

            var brokerGone = report.Entries.TryGetValue(BrokerConnectionHealthCheck.Name, out var broker) && broker.Status != HealthStatus.Healthy;
            if (!_wasReady && !brokerGone)
                return Task.CompletedTask;

            _notReadySince = now;
            var reason = string.Join("; ", report.Entries
                .Where(entry => entry.Value.Status != HealthStatus.Healthy)
                .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Status.ToString()}"));
            if (brokerGone)
                LogBrokerGone(logger, reason);
            else
                LogNotReady(logger, reason);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The broker is gone ({Reason}). Reconnecting; /health/ready answers 503 until the bus is back.")]
    static partial void LogBrokerGone(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The bus is not ready ({Reason}). Reconnecting; /health/ready answers 503 until the bus is back.")]
    static partial void LogNotReady(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The bus is back after {OutageSeconds} s: the broker is connected and every receive endpoint is ready.")]
    static partial void LogBack(ILogger logger, double outageSeconds);
}
