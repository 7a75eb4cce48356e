using System.Buffers.Binary;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// The delayed redeliveries of one consumer: the waits before each, and how far each wait is spread (jitter) so that
/// messages that failed together, because the service they call went down, do not all come back at the same moment.
/// </summary>
/// <remarks>
/// The spread of a wait is derived from the message id and the redelivery's number rather than drawn at random, so it
/// differs between messages yet is the same wherever it is computed: the consumer that records when its next attempt
/// is due computes the wait MassTransit schedules.
/// </remarks>
public sealed class RedeliverySchedule
{
    /// <summary>The largest jitter accepted: beyond it a wait could shrink to half its length or less.</summary>
    public const double MaxJitter = 0.5;

    /// <param name="intervals">The nominal wait before each redelivery; one redelivery per entry.</param>
    /// <param name="jitter">
    /// How far each wait may stray from its nominal length, as a fraction of it: 0.1 means from 90 % to 110 %.
    /// </param>
    public RedeliverySchedule(IReadOnlyList<TimeSpan> intervals, double jitter)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitter, MaxJitter);
        if (intervals.Any(i => i < TimeSpan.Zero))
            throw new ArgumentOutOfRangeException(nameof(intervals), "A redelivery interval cannot be negative.");
        Intervals = [.. intervals];
        Jitter = jitter;
    }

    /// <summary>No redelivery.</summary>
    public static RedeliverySchedule None { get; } = new([], 0);

    /// <summary>The nominal waits, one per redelivery.</summary>
    public IReadOnlyList<TimeSpan> Intervals { get; }

    /// <summary>How far each wait may stray from its nominal length, as a fraction of it.</summary>
    public double Jitter { get; }

    /// <summary>Whether there is any redelivery.</summary>
    public bool IsEmpty => Intervals.Count == 0;

    /// <summary>The longest single wait, jitter included: what the transport must be able to hold a message for.</summary>
    public TimeSpan LongestDelay => IsEmpty ? TimeSpan.Zero : Scale(Intervals.Max(), 1 + Jitter);

    /// <summary>
    /// The time from the first failure to the last redelivery when every wait comes out as short as the jitter
    /// allows: how long a message is kept trying at the least (immediate retries not counted).
    /// </summary>
    public TimeSpan ShortestWindow => Scale(Total, 1 - Jitter);

    /// <summary>The same when every wait comes out as long as the jitter allows.</summary>
    public TimeSpan LongestWindow => Scale(Total, 1 + Jitter);

    TimeSpan Total => Intervals.Aggregate(TimeSpan.Zero, (sum, interval) => sum + interval);

    /// <summary>
    /// The wait before redelivery number <paramref name="redelivery"/> (0 for the first) of the message
    /// <paramref name="messageId"/>: the nominal interval, spread by the jitter.
    /// </summary>
    public TimeSpan Delay(int redelivery, Guid? messageId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(redelivery);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(redelivery, Intervals.Count);
        return Spread(Intervals[redelivery], redelivery, messageId, Jitter);
    }

    /// <summary>
    /// <paramref name="interval"/> spread by up to <paramref name="jitter"/> of its length, in a direction and by an
    /// amount fixed by <paramref name="messageId"/> and <paramref name="redelivery"/>. Without a message id, unspread.
    /// </summary>
    public static TimeSpan Spread(TimeSpan interval, int redelivery, Guid? messageId, double jitter)
    {
        if (jitter == 0 || messageId is not { } id)
            return interval;
        return Scale(interval, 1 + (jitter * ((2 * UnitFraction(id, redelivery)) - 1)));
    }

    static TimeSpan Scale(TimeSpan interval, double factor) => TimeSpan.FromTicks((long)Math.Round(interval.Ticks * factor));

    /// <summary>A number in [0, 1), evenly spread over message ids, stable across processes and runs.</summary>
    static double UnitFraction(Guid messageId, int redelivery)
    {
        Span<byte> bytes = stackalloc byte[16];
        messageId.TryWriteBytes(bytes);
        // SplitMix64's finaliser over both halves and the redelivery number: sequential ids (NewId) differ mostly in
        // a few bytes, and the mixing spreads them over the whole range.
        var x = BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ Mix(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) + (ulong)redelivery);
        return (Mix(x) >> 11) * (1.0 / (1UL << 53));
    }

    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
