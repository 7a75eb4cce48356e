using System.Collections.Concurrent;
using System.Diagnostics;

namespace Switchyard.Bench;

/// <summary>
/// One round of the dispatcher benchmark: <see cref="Count"/> events numbered 0..Count-1, when each was sent and when
/// it first arrived, deduplicated by delivery id. Done when every event arrived once.
/// </summary>
public sealed class DeliveryRound(int run, int count)
{
    readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _distinct;
    int _duplicates;
    int _errors;
    string? _firstError;

    /// <summary>Tells this round's events from others' (the warm-up's stragglers, say).</summary>
    public int Run { get; } = run;

    public int Count { get; } = count;

    /// <summary>Stopwatch timestamps: when event i was sent.</summary>
    public long[] Sent { get; } = new long[count];

    /// <summary>Stopwatch timestamps: when event i first arrived (0: not yet).</summary>
    public long[] Received { get; } = new long[count];

    /// <summary>The Stopwatch timestamp of the first send.</summary>
    public long Started { get; set; }

    /// <summary>The Stopwatch timestamp at which the last distinct event arrived.</summary>
    public long Completed { get; private set; }

    public int Distinct => Volatile.Read(ref _distinct);

    public int Duplicates => Volatile.Read(ref _duplicates);

    public int Errors => Volatile.Read(ref _errors);

    public string? FirstError => _firstError;

    /// <summary>Completes when every event arrived.</summary>
    public Task Done => _done.Task;

    public double Seconds => (Completed - Started) / (double)Stopwatch.Frequency;

    public double EventsPerSecond => Count / Seconds;

    /// <summary>Records an arrival of event <paramref name="sequence"/> under the delivery id <paramref name="id"/>.</summary>
    public void Arrived(string id, int sequence, long now)
    {
        if (!_seen.TryAdd(id, 0))
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        if ((uint)sequence < (uint)Count)
            Received[sequence] = now;
        if (Interlocked.Increment(ref _distinct) == Count)
        {
            Completed = now;
            _done.TrySetResult();
        }
    }

    /// <summary>Records a send that failed; the round cannot complete then.</summary>
    public void Failed(string error)
    {
        Interlocked.CompareExchange(ref _firstError, error, null);
        Interlocked.Increment(ref _errors);
        _done.TrySetException(new InvalidOperationException(error));
    }

    /// <summary>p50 and p95 of sent → arrived, in milliseconds, over the events that arrived.</summary>
    public (double P50, double P95) Latency()
    {
        var latencies = new List<double>(Count);
        for (var i = 0; i < Count; i++)
        {
            if (Received[i] != 0 && Sent[i] != 0)
                latencies.Add((Received[i] - Sent[i]) * 1000.0 / Stopwatch.Frequency);
        }

        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * p))];
        return (Percentile(0.50), Percentile(0.95));
    }
}
