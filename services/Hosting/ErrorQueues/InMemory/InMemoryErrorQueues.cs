using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.ErrorQueues.Admin;

namespace Switchyard.Hosting.ErrorQueues.InMemory;

/// <summary>
/// The error and skipped queues of a host on the in-memory transport. MassTransit's in-memory <c>_error</c> queues
/// cannot be browsed, so the receive endpoints hand failed and unconsumed messages here instead (see
/// <see cref="KeepFailedMessagesInMemory"/>), where the operator endpoints can list, remove and replay them. Also the
/// list of the host's receive endpoints, the only queues a message may be sent back to.
/// </summary>
/// <remarks>
/// Bounded: each queue keeps at most <see cref="OperatorOptions.InMemoryQueueCapacity"/> messages. A full queue keeps
/// the messages it has and refuses newer ones, logging an error for each with its message id: the oldest failures
/// are the evidence of what went wrong first, and a flood of the same failure must not push them out; the log line is
/// the only trace of a refused message. Imports into a full queue fail instead (<see cref="ErrorQueueFullException"/>).
/// Everything is lost when the process ends, as everything else on the in-memory transport is.
/// </remarks>
public sealed partial class InMemoryErrorQueues
{
    readonly ConcurrentDictionary<string, byte> _endpoints = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, StoredQueue> _queues = new(StringComparer.Ordinal);
    readonly TimeProvider _clock;
    readonly ILogger<InMemoryErrorQueues> _logger;
    long _lastId;

    /// <summary>Creates an empty store.</summary>
    public InMemoryErrorQueues(IOptions<OperatorOptions> options, TimeProvider clock, ILogger<InMemoryErrorQueues> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.InMemoryQueueCapacity;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>How many messages each error or skipped queue keeps.</summary>
    public int Capacity { get; }

    /// <summary>The receive endpoints' queues, in order of name.</summary>
    public IReadOnlyList<string> ReceiveEndpoints => _endpoints.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Records a receive endpoint's queue, so that messages may be sent to it and to its error queue.</summary>
    public void AddReceiveEndpoint(string queue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        _endpoints.TryAdd(queue, 0);
    }

    /// <summary>Whether <paramref name="queue"/> is a receive endpoint's queue.</summary>
    public bool IsReceiveEndpoint(string queue) => _endpoints.ContainsKey(queue);

    /// <summary>Whether <paramref name="queue"/> is the error or skipped queue of a receive endpoint.</summary>
    public bool IsErrorOrSkippedQueue(string queue) =>
        (ErrorQueueNames.IsErrorQueue(queue) || ErrorQueueNames.IsSkippedQueue(queue))
        && IsReceiveEndpoint(ErrorQueueNames.ConsumerQueueOf(queue));

    /// <summary>
    /// Keeps a message that failed or that no consumer took, unless <paramref name="queue"/> is full; then logs an
    /// error naming the message and returns null.
    /// </summary>
    /// <param name="queue">The error or skipped queue, e.g. <c>processor_error</c>.</param>
    /// <param name="message">The message as it would be in the broker's queue.</param>
    public StoredMessage? TryAdd(string queue, TransportMessage message)
    {
        var stored = Add(queue, message);
        if (stored is null)
            LogQueueFull(_logger, queue, Capacity, message.MessageId, message.Header(MassTransit.MessageHeaders.FaultExceptionType) ?? "none",
                message.Header(MassTransit.MessageHeaders.FaultMessage) ?? message.Header(MassTransit.MessageHeaders.Reason) ?? "none");
        return stored;
    }

    /// <summary>Keeps an imported message.</summary>
    /// <exception cref="QueueNotFoundException"><paramref name="queue"/> is not the error or skipped queue of a receive endpoint.</exception>
    /// <exception cref="ErrorQueueFullException">The queue already holds <see cref="Capacity"/> messages.</exception>
    public StoredMessage Import(string queue, TransportMessage message)
    {
        if (!IsErrorOrSkippedQueue(queue))
            throw new QueueNotFoundException(queue);
        return Add(queue, message) ?? throw new ErrorQueueFullException(queue, Capacity);
    }

    StoredMessage? Add(string queue, TransportMessage message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(message);
        var entries = _queues.GetOrAdd(queue, _ => new StoredQueue());
        lock (entries)
        {
            if (entries.Messages.Count >= Capacity)
                return null;
            // Taken under the queue's lock, so each queue's ids grow in the order its messages arrive.
            var stored = new StoredMessage(Interlocked.Increment(ref _lastId), queue, message, _clock.GetUtcNow());
            entries.Messages.Add(stored);
            return stored;
        }
    }

    /// <summary>How many messages <paramref name="queue"/> holds.</summary>
    public int Count(string queue)
    {
        if (!_queues.TryGetValue(queue, out var entries))
            return 0;
        lock (entries)
            return entries.Messages.Count;
    }

    /// <summary>Up to <paramref name="limit"/> messages of <paramref name="queue"/> with an id above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<StoredMessage> Read(string queue, long after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (!_queues.TryGetValue(queue, out var entries))
            return [];
        lock (entries)
        {
            var start = FirstAfter(entries.Messages, after);
            return entries.Messages.GetRange(start, Math.Min(limit, entries.Messages.Count - start));
        }
    }

    /// <summary>
    /// Removes the message <paramref name="entryId"/> when given (and it has <paramref name="messageId"/>), otherwise
    /// the oldest with <paramref name="messageId"/>. False when there is none.
    /// </summary>
    public bool Remove(string queue, string messageId, long? entryId = null)
    {
        if (!_queues.TryGetValue(queue, out var entries))
            return false;
        lock (entries)
        {
            var index = entries.Messages.FindIndex(m =>
                (entryId is null || m.Id == entryId) && string.Equals(m.Message.MessageId, messageId, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                return false;
            entries.Messages.RemoveAt(index);
            return true;
        }
    }

    /// <summary>Every receive endpoint with the counts of its error and skipped queues.</summary>
    public IReadOnlyList<QueueStatus> GetQueues() =>
        ReceiveEndpoints.Select(queue =>
        {
            var first = Read(ErrorQueueNames.ErrorQueueOf(queue), 0, 1);
            var oldest = first.Count > 0 ? first[0] : null;
            return new QueueStatus(queue, null,
                Count(ErrorQueueNames.ErrorQueueOf(queue)),
                Count(queue + ErrorQueueNames.SkippedSuffix),
                oldest is null ? null : FaultDetails.FromHeaders(oldest.Message).Timestamp ?? oldest.StoredAt);
        }).ToList();

    static int FirstAfter(List<StoredMessage> messages, long after)
    {
        int low = 0, high = messages.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (messages[middle].Id <= after)
                low = middle + 1;
            else
                high = middle;
        }

        return low;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The in-memory queue {Queue} is full ({Capacity} messages): message {MessageId} is NOT kept (exception {ExceptionType}: {Reason}). " +
                  "Replay or purge the queue with switchyard-operator, or raise Operator:InMemoryQueueCapacity")]
    static partial void LogQueueFull(ILogger logger, string queue, int capacity, string messageId, string exceptionType, string reason);

    sealed class StoredQueue
    {
        public List<StoredMessage> Messages { get; } = [];
    }
}

/// <summary>A message kept by <see cref="InMemoryErrorQueues"/>.</summary>
/// <param name="Id">The store's id for this entry, unique in the process and growing with each message kept.</param>
/// <param name="Queue">The error or skipped queue it is in.</param>
/// <param name="Message">The message, as a broker's error queue would hold it.</param>
/// <param name="StoredAt">When it was kept.</param>
public sealed record StoredMessage(long Id, string Queue, TransportMessage Message, DateTimeOffset StoredAt);

/// <summary>An import into an in-memory error or skipped queue that is full.</summary>
public sealed class ErrorQueueFullException(string queue, int capacity)
    : Exception($"The in-memory queue '{queue}' is full ({capacity} messages): replay or purge it first, or raise Operator:InMemoryQueueCapacity.")
{
    /// <summary>The full queue.</summary>
    public string Queue { get; } = queue;
}
