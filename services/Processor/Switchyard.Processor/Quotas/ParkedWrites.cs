using Microsoft.EntityFrameworkCore;
using Switchyard.Processor.Storage;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// The writes waiting for the budget, one per key, each with the message that will make it. Parking a key again
/// replaces (coalesces) its message and keeps its place; a row is removed only once the message sent again has been
/// accepted by the broker, and only if no later message replaced it meanwhile.
/// </summary>
public sealed class ParkedWrites(ProcessorDbContext db, ParkableMessages messages, TimeProvider clock)
{
    /// <summary>Parks <paramref name="message"/> (with its id) under <paramref name="write"/>'s key.</summary>
    public async Task ParkAsync<TMessage>(PartnerCentralWrite write, TMessage message, Guid? messageId, string reason, CancellationToken cancellationToken)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(message);
        var name = messages.NameOf<TMessage>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The budget's lock: the budget counts parked priority work, and two instances may park one key.
        await WriteBudget.LockAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var parked = await db.ParkedWrites.SingleOrDefaultAsync(p => p.Key == write.Key, cancellationToken);
        if (parked is null)
        {
            db.ParkedWrites.Add(new ParkedWrite
            {
                Key = write.Key,
                Operation = write.Operation,
                Priority = write.IsPriority,
                ParkedAt = now,
                UpdatedAt = now,
                Version = 1,
                Reason = reason,
                MessageType = name,
                MessageId = messageId,
                Message = ParkableMessages.Serialize(message),
            });
        }
        else
        {
            parked.Message = messages.Coalesce(parked.MessageType, parked.Message, message);
            parked.MessageType = name;
            parked.MessageId = messageId;
            parked.Operation = write.Operation;
            parked.Priority = write.IsPriority;
            parked.Reason = reason;
            parked.UpdatedAt = now;
            parked.Version++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The <paramref name="count"/> oldest parked priority writes, or updates.</summary>
    public async Task<IReadOnlyList<ParkedWrite>> OldestAsync(bool priority, int count, CancellationToken cancellationToken) =>
        count <= 0
            ? []
            : await db.ParkedWrites.AsNoTracking().Where(p => p.Priority == priority)
                .OrderBy(p => p.ParkedAt).ThenBy(p => p.Key).Take(count).ToListAsync(cancellationToken);

    /// <summary>Every parked write, priority work first, oldest first.</summary>
    public async Task<IReadOnlyList<ParkedWrite>> AllAsync(CancellationToken cancellationToken) =>
        await db.ParkedWrites.AsNoTracking().OrderByDescending(p => p.Priority).ThenBy(p => p.ParkedAt).ThenBy(p => p.Key).ToListAsync(cancellationToken);

    /// <summary>The message of <paramref name="parked"/> and its type, to send again.</summary>
    public (object Message, Type Type) MessageOf(ParkedWrite parked)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return messages.Read(parked.MessageType, parked.Message);
    }

    /// <summary>
    /// Removes <paramref name="parked"/> after its message was sent again, unless it was parked anew meanwhile (then the
    /// newer message stays, and is sent in its turn). Returns whether it was removed.
    /// </summary>
    public async Task<bool> RemoveSentAsync(ParkedWrite parked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return await db.ParkedWrites.Where(p => p.Key == parked.Key && p.Version == parked.Version).ExecuteDeleteAsync(cancellationToken) == 1;
    }
}
