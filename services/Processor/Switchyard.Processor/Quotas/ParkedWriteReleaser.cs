using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Storage;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// Every <c>PartnerCentral:Quotas:ReleaseInterval</c>, looks at the budget (every instance, for its gauges) and, in the
/// one instance that holds the store's release lease, sends parked writes back to the write queue as the budget
/// allows: priority work first, then updates, oldest first within each, never more than the window has left (updates
/// only beyond the reserve and what the parked priority work needs), nor more than the write rate could make before
/// the next look. A parked row goes only once the broker has accepted its message.
/// </summary>
public sealed partial class ParkedWriteReleaser(IServiceScopeFactory scopes, IBus bus, WriteBudgetMonitor monitor,
    IOptions<PartnerCentralQuotaOptions> options, TimeProvider clock, ILogger<ParkedWriteReleaser> logger) : BackgroundService
{
    readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    bool _holding;
    int _started;

    PartnerCentralQuotaOptions Quotas => options.Value;

    // Long enough to outlast a slow look or two; a stopped holder gives it back, a crashed one loses it after this.
    TimeSpan LeaseDuration => Quotas.ReleaseInterval * 3 + TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Quotas.ReleaseInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await LookAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Parked writes stay parked; the next look tries again.
                LogLookFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// Starts the looks once, however often it is asked: MassTransit's test harness starts every hosted service again,
    /// and a second loop would outlive the first's stop.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _started, 1) == 0 ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!_holding)
            return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Leases>().ReleaseAsync(Lease.ParkedWriteRelease, _instance, cancellationToken);
        _holding = false;
    }

    /// <summary>One look: the gauges, then, holding the lease, the release. Returns how many writes were sent again.</summary>
    public async Task<int> LookAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var budget = services.GetRequiredService<WriteBudget>();
        _holding = await services.GetRequiredService<Leases>().TryHoldAsync(Lease.ParkedWriteRelease, _instance, LeaseDuration, cancellationToken);
        var snapshot = await budget.SnapshotAsync(cancellationToken);
        monitor.Observe(snapshot, report: _holding);
        if (!_holding)
            return 0;

        await budget.PruneAsync(cancellationToken);
        if (snapshot.BlockedUntil is not null || snapshot.ParkedPriority + snapshot.ParkedUpdates == 0)
            return 0;

        // What the writer could make before the next look: more would only wait in the queue, and be parked again if
        // the budget ran out meanwhile.
        var batch = (int)Math.Clamp(Math.Ceiling(Quotas.WritesPerSecond * Quotas.ReleaseInterval.TotalSeconds), 1, 1000);
        var remaining = snapshot.Limit - snapshot.Used;
        var priority = Math.Min(batch, remaining);
        var updates = Math.Min(batch, remaining - snapshot.Reserve - snapshot.ParkedPriority);

        var parked = services.GetRequiredService<ParkedWrites>();
        var released = 0;
        foreach (var write in await parked.OldestAsync(priority: true, priority, cancellationToken))
            released += await SendAgainAsync(parked, write, services, cancellationToken);
        foreach (var write in await parked.OldestAsync(priority: false, Math.Min(updates, batch - released), cancellationToken))
            released += await SendAgainAsync(parked, write, services, cancellationToken);
        return released;
    }

    async Task<int> SendAgainAsync(ParkedWrites parked, ParkedWrite write, IServiceProvider services, CancellationToken cancellationToken)
    {
        var (message, type) = parked.MessageOf(write);
        var endpoint = await bus.GetSendEndpoint(SyncRequests.WriteQueueAddress(services));
        await endpoint.Send(message, type, context =>
        {
            if (write.MessageId is { } id)
                context.MessageId = id;
        }, cancellationToken);
        await parked.RemoveSentAsync(write, cancellationToken);
        LogReleased(logger, write.Operation, write.Key, write.ParkedAt);
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Operation} of {Key}, parked since {ParkedAt:u}, back to the write queue")]
    static partial void LogReleased(ILogger logger, string operation, string key, DateTime parkedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look at the Partner Central write budget; parked writes wait for the next look")]
    static partial void LogLookFailed(ILogger logger, Exception exception);
}
