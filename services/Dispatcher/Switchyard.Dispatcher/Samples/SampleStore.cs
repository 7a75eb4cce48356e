using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Samples;

/// <summary>Keeps the newest <c>Dispatcher:SamplesPerEventType</c> events of each type, for Zapier's trigger set-up.</summary>
public sealed class SampleStore(DispatcherDbContext db, IOptions<DispatcherOptions> options)
{
    /// <summary>Keeps <paramref name="body"/> as the newest sample of its type, once per event.</summary>
    public async Task AddAsync(string eventType, Guid eventId, string body, CancellationToken cancellationToken)
    {
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
