using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.WebConsole.Failures;

/// <summary>
/// The failed messages as last read from the broker, shared by every view of the failed-messages pages for
/// <c>Console:FailedMessagesMaxAge</c> (5 seconds by default): reading and grouping every message of every error queue
/// is the expensive part of those pages, and a broker read per view makes many viewers, or one viewer clicking through
/// a group's messages, read the broker over and over. Views that need a newer read share one read; the pages say when
/// theirs was made and offer a new one. A new read keeps what the last one worked out for the messages still there
/// unchanged (their fingerprints), so it costs about what reading the broker costs.
/// </summary>
/// <remarks>
/// Only the pages read it. Replay, purge and export read the broker itself when they run, so they act on what it holds
/// then, never on this copy; the console's own operations make it stale when they start and when they end, so the next
/// view after an operation shows its effect. A read that failed is not kept: the next view tries again.
/// </remarks>
internal sealed class FailedMessageSnapshot(FailedMessageReader reader, IOptions<ConsoleOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime)
{
    readonly Lock _gate = new();
    Read? _last;
    FailedMessages? _lastRead;
    long _generation;

    /// <summary>
    /// The last read when it began no more than the configured age ago and the console has changed nothing since;
    /// otherwise a new read, shared with the views that come while it runs. With <paramref name="fresh"/>, always a new read.
    /// </summary>
    public Task<FailedMessages> GetAsync(bool fresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Read read;
        lock (_gate)
        {
            // A failed read is never reused: the next view tries again.
            if (fresh || _last is null || _last.Generation != _generation || _last.StartedAt < now - options.Value.FailedMessagesMaxAge
                || _last.Task.IsFaulted || _last.Task.IsCanceled)
            {
                // Run apart from the request that starts it, so that the views sharing it are not cut off with that request.
                _last = new Read(now, _generation, Task.Run(ReadAsync));
            }

            read = _last;
        }

        return read.Task.WaitAsync(cancellationToken);
    }

    async Task<FailedMessages> ReadAsync()
    {
        // The last read that succeeded lends the new one what is unchanged since (the fingerprints), not what it shows.
        var read = await reader.ReadAsync(Volatile.Read(ref _lastRead), lifetime.ApplicationStopping);
        Volatile.Write(ref _lastRead, read);
        return read;
    }

    /// <summary>Makes every read begun so far stale: the console changed the error queues (an operation started or ended).</summary>
    public void Invalidate()
    {
        lock (_gate)
            _generation++;
    }

    sealed record Read(DateTimeOffset StartedAt, long Generation, Task<FailedMessages> Task);
}
