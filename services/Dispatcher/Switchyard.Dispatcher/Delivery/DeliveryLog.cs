using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// Records every delivery attempt. Attempts are queued in memory and written in batches by one writer, because one
/// transaction per attempt would make the store, not the subscribers, the limit on deliveries per second (SQLite has a
/// single writer). The log is for people: a crash loses at most the last moment's lines, never a message.
/// </summary>
public sealed partial class DeliveryLog(IServiceScopeFactory scopes, ILogger<DeliveryLog> logger) : BackgroundService
{
    const int BatchSize = 500;

    readonly Channel<DeliveryAttemptRecord> _pending = Channel.CreateUnbounded<DeliveryAttemptRecord>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues one attempt for the log.</summary>
    public void Record(DeliveryAttemptRecord attempt) => _pending.Writer.TryWrite(attempt);

    /// <summary>Deletes attempts made before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DispatcherDbContext>()
            .DeliveryAttempts.Where(a => a.AttemptedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(stoppingToken))
                await WriteBatchAsync(CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was queued before the host stopped still reaches the log.
        while (_pending.Reader.TryPeek(out _))
            await WriteBatchAsync(cancellationToken);
    }

    async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<DeliveryAttemptRecord>(BatchSize);
        while (batch.Count < BatchSize && _pending.Reader.TryRead(out var attempt))
            batch.Add(attempt);
        if (batch.Count == 0)
            return;

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DispatcherDbContext>();
            db.DeliveryAttempts.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogWriteFailed(logger, batch.Count, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} delivery attempts to the delivery log")]
    static partial void LogWriteFailed(ILogger logger, int count, Exception exception);
}
