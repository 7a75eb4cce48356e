using Microsoft.EntityFrameworkCore;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.WebConsole.Failures;
using Switchyard.WebConsole.ReadModel;
using Switchyard.WebConsole.Webhooks;

namespace Switchyard.WebConsole.Overview;

/// <summary>
/// Gathers the overview's figures, each from where it is kept: health from the services, queues from the broker,
/// received and processed events from the console's own counts of the bus, deliveries from the dispatcher's log, the
/// write budget from the processor's meter (in this process or its scrape), the latest outcomes from the read model.
/// </summary>
internal sealed class OverviewReader(ServiceHealth health, FailedMessageReader failures, ConsoleDbContext db, DispatcherClient dispatcher,
    WriteBudget budget, TimeProvider clock)
{
    /// <summary>How many minutes the rates cover.</summary>
    public const int Minutes = 15;

    public async Task<OverviewFigures> ReadAsync(string user, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var healthTask = health.CheckAsync(cancellationToken);
        var queuesTask = Attempt(failures.ReadQueuesAsync(cancellationToken));
        var deliveriesTask = Attempt(dispatcher.SummaryAsync(user, Minutes, cancellationToken));
        var budgetTask = budget.ReadAsync(cancellationToken);

        var from = Minute(now).AddMinutes(1 - Minutes).UtcDateTime;
        var activity = await db.Activity.AsNoTracking().Where(a => a.Minute >= from).ToListAsync(cancellationToken);
        var latest = await db.Deals.AsNoTracking().OrderByDescending(d => d.LastOutcomeAt).Take(10).ToListAsync(cancellationToken);

        var deliveries = await deliveriesTask;
        var rows = Enumerable.Range(0, Minutes).Select(i => Minute(now).AddMinutes(i - Minutes + 1)).Select(minute =>
        {
            int Count(string kind) => activity.Where(a => a.Minute == minute.UtcDateTime && a.Kind == kind).Sum(a => a.Events);
            var outcomes = deliveries.Value?.Minutes.FirstOrDefault(m => m.Minute == minute)?.Outcomes;
            int Delivery(string outcome) => outcomes is not null && outcomes.TryGetValue(outcome, out var n) ? n : 0;
            return new MinuteFigures(minute, Count(ActivityKinds.Received), Count(ActivityKinds.Processed), Count(ActivityKinds.Failed),
                Delivery("delivered"), Delivery("failed") + Delivery("retrying") + Delivery("gone"));
        }).Reverse().ToList();

        var queues = await queuesTask;
        return new OverviewFigures(now, await healthTask, queues.Value.Queues, queues.Value.Broker, queues.Error, rows,
            deliveries.Value?.DeliveredLatencyP95Ms, deliveries.Error, await budgetTask, latest);
    }

    static DateTimeOffset Minute(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    /// <summary>A figure whose source failed is shown as unavailable with the reason, not as an error page.</summary>
    static async Task<(T? Value, string? Error)> Attempt<T>(Task<T> task)
    {
        try
        {
            return (await task, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The broker's and the dispatcher's exceptions are written for operators (the tool prints them): no secret.
            return (default, e.Message);
        }
    }
}

/// <summary>Everything the overview shows.</summary>
internal sealed record OverviewFigures(
    DateTimeOffset At,
    IReadOnlyList<ServiceStatus> Services,
    IReadOnlyList<QueueStatus>? Queues,
    string? Broker,
    string? QueuesError,
    IReadOnlyList<MinuteFigures> Minutes,
    double? DeliveredLatencyP95Ms,
    string? DeliveriesError,
    BudgetFigure WriteBudget,
    IReadOnlyList<DealRecord> LatestOutcomes)
{
    public int Received => Minutes.Sum(m => m.Received);
    public int Processed => Minutes.Sum(m => m.Processed);
    public int SyncFailed => Minutes.Sum(m => m.SyncFailed);
    public int Delivered => Minutes.Sum(m => m.Delivered);
    public int DeliveryFailed => Minutes.Sum(m => m.DeliveryFailed);

    /// <summary>A rate as a percentage, or a dash when nothing happened.</summary>
    public static string Rate(int part, int whole) => whole == 0 ? "–" : $"{100.0 * part / whole:0.#} %";
}

/// <summary>One minute's events.</summary>
internal sealed record MinuteFigures(DateTimeOffset Minute, int Received, int Processed, int SyncFailed, int Delivered, int DeliveryFailed);
