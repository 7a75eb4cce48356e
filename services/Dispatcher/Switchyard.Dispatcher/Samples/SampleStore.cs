using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Samples;

/// <summary>Keeps the newest <c>Dispatcher:SamplesPerEventType</c> events of each type, for Zapier's trigger set-up.</summary>
/// <remarks>
/// Samples show what a type looks like, not every event: under load, a type gets at most one new sample per
/// <c>Dispatcher:SampleInterval</c>, so sampling costs the store almost nothing.
/// </remarks>
public sealed class SampleStore(DispatcherDbContext db, IOptions<DispatcherOptions> options, SamplePacing pacing)
{
    /// <summary>Keeps <paramref name="body"/> as the newest sample of its type, once per event.</summary>
    public async Task AddAsync(string eventType, Guid eventId, string body, CancellationToken cancellationToken)
    {
        if (!pacing.TryTake(eventType))
            return;
        if (await db.Samples.AnyAsync(s => s.EventType == eventType && s.EventId == eventId, cancellationToken))
            return;

        db.Samples.Add(new SampleRecord { EventType = eventType, EventId = eventId, Body = body });
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        var keep = options.Value.SamplesPerEventType;
        var oldestKept = await db.Samples.Where(s => s.EventType == eventType).OrderByDescending(s => s.Id)
            .Skip(keep - 1).Select(s => (long?)s.Id).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } cutoff)
            await db.Samples.Where(s => s.EventType == eventType && s.Id < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The newest samples of <paramref name="eventType"/>, newest first, as JSON bodies.</summary>
    public async Task<IReadOnlyList<string>> NewestAsync(string eventType, CancellationToken cancellationToken) =>
        await db.Samples.AsNoTracking().Where(s => s.EventType == eventType).OrderByDescending(s => s.Id)
            .Take(options.Value.SamplesPerEventType).Select(s => s.Body).ToListAsync(cancellationToken);
}

/// <summary>Lets each event type take a sample at most once per interval (per dispatcher instance).</summary>
public sealed class SamplePacing(IOptions<DispatcherOptions> options, TimeProvider clock)
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

    /// <summary>Whether a sample of <paramref name="eventType"/> may be kept now; claims the slot when it may.</summary>
    public bool TryTake(string eventType)
    {
        var now = clock.GetTimestamp();
        var interval = (long)(options.Value.SampleInterval.TotalSeconds * clock.TimestampFrequency);
        while (true)
        {
            if (!_last.TryGetValue(eventType, out var last))
            {
                if (_last.TryAdd(eventType, now))
                    return true;
                continue;
            }

            if (now - last < interval)
                return false;
            if (_last.TryUpdate(eventType, now, last))
                return true;
        }
    }
}
