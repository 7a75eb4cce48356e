using Microsoft.EntityFrameworkCore;
using Switchyard.Processor.Storage;

namespace Switchyard.Processor.Polling;

/// <summary>
/// The checkpoints in the processor's store (<c>poll_checkpoints</c>), shared by every instance on it: a restart, or
/// another instance taking the polls over, resumes from the last completed poll rather than from
/// <see cref="PollingOptions.InitialLookback"/>.
/// </summary>
public sealed class StoredPollingCheckpoints(ProcessorDbContext db) : IPollingCheckpoints
{
    /// <inheritdoc />
    public async Task<PollingCheckpoint?> ReadAsync(string stream, CancellationToken cancellationToken)
    {
        var row = await db.PollCheckpoints.AsNoTracking().SingleOrDefaultAsync(c => c.Stream == stream, cancellationToken);
        return row is null ? null : new PollingCheckpoint(Utc(row.LastModified), Utc(row.PolledAt));
    }

    /// <inheritdoc />
    public async Task WriteAsync(string stream, PollingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (await UpdateAsync(stream, checkpoint, cancellationToken))
            return;

        db.PollCheckpoints.Add(new PollCheckpoint
        {
            Stream = stream,
            LastModified = checkpoint.LastModified.UtcDateTime,
            PolledAt = checkpoint.PolledAt.UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance wrote the list's first checkpoint in the meantime: ours is the later poll's.
            db.ChangeTracker.Clear();
            if (!await UpdateAsync(stream, checkpoint, cancellationToken))
                throw;
        }
    }

    async Task<bool> UpdateAsync(string stream, PollingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var lastModified = checkpoint.LastModified.UtcDateTime;
        var polledAt = checkpoint.PolledAt.UtcDateTime;
        return await db.PollCheckpoints.Where(c => c.Stream == stream)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.LastModified, lastModified).SetProperty(x => x.PolledAt, polledAt), cancellationToken) == 1;
    }

    static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));
}
