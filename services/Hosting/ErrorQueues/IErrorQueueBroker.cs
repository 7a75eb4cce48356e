namespace Switchyard.Hosting.ErrorQueues;

/// <summary>
/// What the operator needs from a broker to see and move failed messages. Every transport offers the same few
/// operations, shaped so that each can be done without risking a message: reading takes messages out of sight of other
/// readers without removing them (RabbitMQ: unacknowledged; SQS: invisible for the visibility timeout), and a move is a
/// confirmed send followed by a removal, so a crash in between leaves a duplicate, never a loss.
/// </summary>
public interface IErrorQueueBroker : IAsyncDisposable
{
    /// <summary>Where this broker is, for the operator's eyes; never holds a secret.</summary>
    string Description { get; }

    /// <summary>Every consumer queue that has a queue, an error queue or a skipped queue, with their counts.</summary>
    Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads an error queue, oldest first, each message once. Each entry stays out of other readers' sight while the
    /// enumeration runs and goes back to the queue, unchanged and in its place as far as the transport allows, when the
    /// enumeration ends, unless <see cref="ErrorQueueEntry.RemoveAsync"/> took it out. A reader that dies returns its
    /// entries too (RabbitMQ when the connection drops; SQS when the visibility timeout passes).
    /// </summary>
    /// <param name="errorQueue">The error queue's name, e.g. <c>processor_error</c>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    IAsyncEnumerable<ErrorQueueEntry> ReadAsync(string errorQueue, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="queue"/> as it is (id, headers, body) and returns once the
    /// broker has confirmed it holds it.
    /// </summary>
    /// <exception cref="QueueNotFoundException">There is no such queue: nothing was sent.</exception>
    Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken);
}

/// <summary>A message read from an error queue, held out of other readers' sight until the read ends.</summary>
public abstract class ErrorQueueEntry
{
    /// <summary>Creates an entry.</summary>
    protected ErrorQueueEntry(string queue, TransportMessage message, FaultDetails fault)
    {
        Queue = queue;
        Message = message;
        Fault = fault;
    }

    /// <summary>The error queue it was read from.</summary>
    public string Queue { get; }

    /// <summary>The message as the broker holds it.</summary>
    public TransportMessage Message { get; }

    /// <summary>Why it failed, as complete as the transport can tell.</summary>
    public FaultDetails Fault { get; }

    /// <summary>Removes the message from the error queue for good (acknowledge, delete).</summary>
    public abstract Task RemoveAsync(CancellationToken cancellationToken);
}

/// <summary>A send named a queue the broker does not have.</summary>
public sealed class QueueNotFoundException(string queue)
    : Exception($"There is no queue '{queue}'.")
{
    /// <summary>The missing queue.</summary>
    public string Queue { get; } = queue;
}
