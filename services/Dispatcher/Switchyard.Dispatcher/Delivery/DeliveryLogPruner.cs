using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>Deletes delivery attempts older than <c>Dispatcher:DeliveryLogRetention</c>, once an hour.</summary>
public sealed partial class DeliveryLogPruner(DeliveryLog log, IOptions<DispatcherOptions> options, TimeProvider clock,
    ILogger<DeliveryLogPruner> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                var deleted = await log
                    .PruneAsync(clock.GetUtcNow().UtcDateTime - options.Value.DeliveryLogRetention, stoppingToken);
                if (deleted > 0)
                    LogPruned(logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The log is for people; a failed clean-up must not stop the service. The next hour tries again.
                LogPruneFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} delivery attempts older than the retention")]
    static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune the delivery log")]
    static partial void LogPruneFailed(ILogger logger, Exception exception);
}
