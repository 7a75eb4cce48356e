using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Failures;

/// <summary>
/// The operator's commands on error queues, on any transport. Moves are a confirmed send and then a removal, one
/// message at a time, so that however a run ends, every message is in its error queue, its target queue, or both.
/// </summary>
internal sealed class ErrorQueueOperations(IErrorQueueBroker broker)
{
    /// <summary>The error queues a command covers: the one named (consumer or error queue name), or every one holding messages.</summary>
    /// <exception cref="UnknownQueueException">The named queue has no error queue.</exception>
    public async Task<IReadOnlyList<(string ErrorQueue, long Count)>> ErrorQueuesAsync(string? queue, CancellationToken cancellationToken)
    {
        var statuses = await broker.GetQueuesAsync(cancellationToken);
        if (queue is null)
        {
            return statuses.Where(s => s.Errors > 0)
                .Select(s => (ErrorQueueNames.ErrorQueueOf(s.Name), s.Errors))
                .ToList();
        }

        var name = ErrorQueueNames.ConsumerQueueOf(queue.Trim());
        var status = statuses.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
                     ?? throw new UnknownQueueException(queue, statuses.Select(s => s.Name).ToList());
        return [(ErrorQueueNames.ErrorQueueOf(status.Name), status.Errors)];
    }

    /// <summary>Every failed message in scope, read and put back.</summary>
    public async IAsyncEnumerable<FailedMessage> BrowseAsync(string? queue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var (errorQueue, count) in await ErrorQueuesAsync(queue, cancellationToken))
        {
            await foreach (var entry in ReadAtMostAsync(errorQueue, count, cancellationToken))
                yield return FailedMessage.From(entry);
        }
    }

    /// <summary>
    /// Moves the selected messages to the queue each failed on, or to <paramref name="to"/>, without their failure
    /// headers. A dry run reads and counts, and changes nothing.
    /// </summary>
    public async Task<Tally> ReplayAsync(string? queue, Selection selection, string? to, bool dryRun, double? rate,
        IOperationProgress progress, CancellationToken cancellationToken)
    {
        using var limiter = rate is { } perSecond ? CreateLimiter(perSecond) : null;
        var moved = new HashSet<string>(StringComparer.Ordinal);
        var tally = await WalkAsync(queue, selection, progress, async (entry, message, tally) =>
        {
            // A message this run already moved that is back in the error queue failed again (or is a duplicate left by
            // an earlier crash): one copy has gone back, so leave this one rather than loop.
            if (moved.Contains(message.MessageId))
            {
                tally.CountSkipped($"{message.MessageId}: already replayed in this run; it failed again and is left in {entry.Queue}");
                return false;
            }

            var target = to ?? message.SourceQueue;
            if (dryRun)
            {
                tally.CountDone(message.MessageId);
                return true;
            }

            if (limiter is not null)
                using (await limiter.AcquireAsync(1, cancellationToken)) { }

            try
            {
                await broker.SendAsync(target, ReplayHeaders.ForReplay(entry.Message), cancellationToken);
            }
            catch (QueueNotFoundException)
            {
                tally.CountFailed($"{message.MessageId}: there is no queue '{target}' to replay to; the message stays in {entry.Queue}");
                return false;
            }

            // Sent and confirmed: only now may it leave the error queue. A crash here leaves a duplicate, not a loss.
            await entry.RemoveAsync(cancellationToken);
            moved.Add(message.MessageId);
            tally.CountDone(message.MessageId);
            return true;
        }, cancellationToken);
        return tally;
    }

    /// <summary>Deletes the selected messages for good.</summary>
    public Task<Tally> PurgeAsync(string? queue, Selection selection, IOperationProgress progress, CancellationToken cancellationToken) =>
        WalkAsync(queue, selection, progress, async (entry, message, tally) =>
        {
            await entry.RemoveAsync(cancellationToken);
            tally.CountDone(message.MessageId);
            return true;
        }, cancellationToken);

    /// <summary>Counts the selected messages without changing anything.</summary>
    public Task<Tally> CountAsync(string? queue, Selection selection, CancellationToken cancellationToken) =>
        WalkAsync(queue, selection, NoProgress.Instance, (_, message, tally) =>
        {
            tally.CountDone(message.MessageId);
            return Task.FromResult(true);
        }, cancellationToken);

    /// <summary>Writes the selected messages to <paramref name="file"/>, leaving them where they are.</summary>
    public Task<Tally> ExportAsync(string? queue, Selection selection, ExportWriter file, IOperationProgress progress,
        CancellationToken cancellationToken) =>
        WalkAsync(queue, selection, progress, async (entry, message, tally) =>
        {
            await file.WriteAsync(ExportRecord.Of(message), cancellationToken);
            tally.CountDone(message.MessageId);
            return true;
        }, cancellationToken);

    /// <summary>
    /// Puts exported messages back into their error queues (or <paramref name="errorQueue"/>), faults and all, skipping
    /// any whose id that queue already holds, so an import cut short can simply be run again.
    /// </summary>
    public async Task<Tally> ImportAsync(IReadOnlyList<ExportRecord> records, string? errorQueue, bool dryRun,
        IOperationProgress progress, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        progress.Begin(records.Count);
        var present = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);

        foreach (var record in records)
        {
            var target = errorQueue is null ? record.Queue : ErrorQueueNames.ErrorQueueOf(ErrorQueueNames.ConsumerQueueOf(errorQueue));
            if (!present.TryGetValue(target, out var ids))
            {
                ids = await MessageIdsInAsync(target, cancellationToken);
                present[target] = ids;
            }

            var message = new FailedMessage(target, record.Message, record.Fault);
            if (!ids.Add(record.Message.MessageId))
            {
                tally.CountSkipped($"{record.Message.MessageId}: already in {target}");
                progress.Read(message, acted: false);
                continue;
            }

            if (!dryRun)
            {
                try
                {
                    await broker.SendAsync(target, record.Message, cancellationToken);
                }
                catch (QueueNotFoundException)
                {
                    tally.CountFailed($"{record.Message.MessageId}: there is no queue '{target}'; start the service that owns it once, or import with --queue");
                    progress.Read(message, acted: false);
                    continue;
                }
            }

            tally.CountDone(record.Message.MessageId);
            progress.Read(message, acted: true);
        }

        return tally;
    }

    async Task<HashSet<string>> MessageIdsInAsync(string errorQueue, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var entry in broker.ReadAsync(errorQueue, cancellationToken))
                ids.Add(entry.Message.MessageId);
        }
        catch (QueueNotFoundException)
        {
            // The send reports it, message by message.
        }
        return ids;
    }

    /// <summary>
    /// Reads every error queue in scope, giving each selected message to <paramref name="act"/>; ids asked for and not
    /// found are counted as skipped.
    /// </summary>
    async Task<Tally> WalkAsync(string? queue, Selection selection, IOperationProgress progress,
        Func<ErrorQueueEntry, FailedMessage, Tally, Task<bool>> act, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var queues = await ErrorQueuesAsync(queue, cancellationToken);
        progress.Begin(queues.Sum(q => q.Count));
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var (errorQueue, count) in queues)
        {
            await foreach (var entry in ReadAtMostAsync(errorQueue, count, cancellationToken))
            {
                var message = FailedMessage.From(entry);
                var acted = false;
                if (selection.Matches(message))
                {
                    found.Add(message.MessageId);
                    acted = await act(entry, message, tally);
                }
                progress.Read(message, acted);
            }
        }

        foreach (var id in selection.Ids.Where(id => !found.Contains(id)).Order(StringComparer.Ordinal))
            tally.CountSkipped($"{id}: not found in {(queue is null ? "any error queue" : ErrorQueueNames.ErrorQueueOf(ErrorQueueNames.ConsumerQueueOf(queue)))}");
        if (selection.Group is { } group && tally.Done + tally.Skipped + tally.Failed == 0)
            tally.CountSkipped($"group {group}: no message has this fingerprint (errors list shows the groups)");

        return tally;
    }

    /// <summary>
    /// The messages that were in the queue when the command started. Messages that fail while it runs land behind
    /// them and are left for the next run, so a replay of a still-failing consumer cannot chase its own tail.
    /// </summary>
    async IAsyncEnumerable<ErrorQueueEntry> ReadAtMostAsync(string errorQueue, long count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (count <= 0)
            yield break;
        long read = 0;
        await foreach (var entry in broker.ReadAsync(errorQueue, cancellationToken))
        {
            yield return entry;
            if (++read >= count)
                yield break;
        }
    }

    static TokenBucketRateLimiter CreateLimiter(double perSecond)
    {
        // Tokens come ten times a second (or once per message below 10/s) so the pace is even, not bursty.
        var period = perSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / perSecond);
        var tokens = perSecond >= 10 ? (int)Math.Ceiling(perSecond / 10) : 1;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokens,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 1,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}

/// <summary>A command named a queue that has no error queue.</summary>
internal sealed class UnknownQueueException(string queue, IReadOnlyList<string> known)
    : Exception(known.Count == 0
        ? $"there is no queue '{queue}': the broker has no Switchyard queues yet"
        : $"there is no queue '{queue}': use one of {string.Join(", ", known)}")
{
    public string Queue { get; } = queue;
}
