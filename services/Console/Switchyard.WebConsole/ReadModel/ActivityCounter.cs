using Microsoft.EntityFrameworkCore;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>Adds events to the minute they happened in.</summary>
internal static class ActivityCounter
{
    /// <summary>Counts one event of <paramref name="kind"/> at <paramref name="at"/>; saved with the context's next save.</summary>
    public static async Task CountAsync(ConsoleDbContext db, string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var utc = at.UtcDateTime;
        var minute = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc);
        var row = db.Activity.Local.FirstOrDefault(a => a.Minute == minute && a.Kind == kind)
                  ?? await db.Activity.FirstOrDefaultAsync(a => a.Minute == minute && a.Kind == kind, cancellationToken);
        if (row is null)
            db.Activity.Add(new ActivityRecord { Minute = minute, Kind = kind, Events = 1 });
        else
            row.Events++;
    }
}
