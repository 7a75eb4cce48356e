using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Operator.Failures;

namespace Switchyard.WebConsole.Failures;

/// <summary>
/// Runs replays and purges in the background, so that a page answers at once and an operation of thousands of
/// messages at a chosen rate is not cut short by a browser that leaves. Each is written to the history when it ends.
/// </summary>
/// <remarks>
/// An operation stops when the host stops. That is safe, as it is for the tool: each message is sent and confirmed
/// before it leaves its error queue, so a stop leaves every message in one queue or the other.
/// </remarks>
internal sealed partial class OperationRunner(ConsoleBroker brokers, ConsoleHistory history, FailedMessageSnapshot snapshot,
    IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<OperationRunner> logger)
{
    readonly ConcurrentDictionary<Guid, RunningOperation> _running = new();

    /// <summary>The operations under way, oldest first.</summary>
    public IReadOnlyList<RunningOperation> Running => _running.Values.OrderBy(o => o.StartedAt).ToList();

    /// <summary>Starts a replay or purge of <paramref name="selection"/> for <paramref name="user"/>; returns at once.</summary>
    public RunningOperation Start(string user, string action, Selection selection, double? rate)
    {
        var operation = new RunningOperation(Guid.NewGuid(), user, action, selection.ToString(), rate, clock.GetUtcNow());
        _running[operation.Id] = operation;
        // The pages' copy of the error queues no longer says what they hold; again when the operation ends.
        snapshot.Invalidate();
        _ = Task.Run(() => RunAsync(operation, selection, rate));
        return operation;
    }

    async Task RunAsync(RunningOperation operation, Selection selection, double? rate)
    {
        var cancellationToken = lifetime.ApplicationStopping;
        try
        {
            await using var broker = await brokers.OpenAsync(cancellationToken);
            var operations = new ErrorQueueOperations(broker);
            var tally = operation.Action == ConsoleActions.Replay
                ? await operations.ReplayAsync(null, selection, to: null, dryRun: false, rate, operation, cancellationToken)
                : await operations.PurgeAsync(null, selection, operation, cancellationToken);
            await history.AppendAsync(operation.User, broker.Description, operation.Action, operation.Selection, tally, CancellationToken.None);
            LogFinished(logger, operation.Action, operation.Selection, operation.User, tally.Done, tally.Skipped, tally.Failed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(logger, operation.Action, operation.Selection, operation.Done);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the messages are where the last confirmed step left them; the log says what happened.
            LogFailed(logger, operation.Action, operation.Selection, e);
        }
        finally
        {
            _running.TryRemove(operation.Id, out _);
            snapshot.Invalidate();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Console {Action} of {Selection} by {User}: done {Done}, skipped {Skipped}, failed {Failed}")]
    static partial void LogFinished(ILogger logger, string action, string selection, string user, int done, int skipped, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console {Action} of {Selection} stopped with the host after {Done} messages")]
    static partial void LogStopped(ILogger logger, string action, string selection, int done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Console {Action} of {Selection} failed")]
    static partial void LogFailed(ILogger logger, string action, string selection, Exception exception);
}

/// <summary>What an operator can do to failed messages from the console.</summary>
internal static class ConsoleActions
{
    /// <summary>Back to the queue each failed on.</summary>
    public const string Replay = "replay";

    /// <summary>Deleted for good.</summary>
    public const string Purge = "purge";
}

/// <summary>An operation under way, with its progress.</summary>
internal sealed class RunningOperation(Guid id, string user, string action, string selection, double? rate, DateTimeOffset startedAt) : IOperationProgress
{
    long _total;
    int _read;
    int _done;

    public Guid Id { get; } = id;

    public string User { get; } = user;

    public string Action { get; } = action;

    public string Selection { get; } = selection;

    public double? Rate { get; } = rate;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public long Total => Interlocked.Read(ref _total);

    public int Read => Volatile.Read(ref _read);

    public int Done => Volatile.Read(ref _done);

    void IOperationProgress.Begin(long messagesToRead) => Interlocked.Exchange(ref _total, messagesToRead);

    void IOperationProgress.Read(FailedMessage message, bool acted)
    {
        Interlocked.Increment(ref _read);
        if (acted)
            Interlocked.Increment(ref _done);
    }
}
