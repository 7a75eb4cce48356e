using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Failures;

namespace Switchyard.WebConsole.Failures;

/// <summary>Reads what the failed-messages pages show, with the tool's operations: every error queue, each message once.</summary>
internal sealed class FailedMessageReader(ConsoleBroker brokers, TimeProvider clock)
{
    /// <summary>At most this many messages are read for one page, so that a flood cannot make the page take minutes.</summary>
    public const int MaxMessages = 5_000;

    /// <summary>
    /// The queues with their counts and the failed messages (all of them, up to <see cref="MaxMessages"/>). A message
    /// that <paramref name="previous"/> read and that is unchanged since (same queue, id, fault, headers and body) is
    /// taken as that read's object: working out a fingerprint (the tool's regular expressions over the fault) is most
    /// of a read's cost, and it depends on the fault alone.
    /// </summary>
    public async Task<FailedMessages> ReadAsync(FailedMessages? previous, CancellationToken cancellationToken)
    {
        // When the read began: a message that failed after this may or may not be in it, so the page's age counts from here.
        var startedAt = clock.GetUtcNow();
        await using var broker = await brokers.OpenAsync(cancellationToken);
        var queues = await broker.GetQueuesAsync(cancellationToken);
        var known = new Dictionary<(string Queue, string Id), FailedMessage>();
        foreach (var message in previous?.Messages ?? [])
            known.TryAdd((message.ErrorQueue, message.MessageId), message);
        var messages = new List<FailedMessage>();
        await foreach (var message in new ErrorQueueOperations(broker).BrowseAsync(null, cancellationToken))
        {
            messages.Add(known.TryGetValue((message.ErrorQueue, message.MessageId), out var before) && Unchanged(before, message) ? before : message);
            if (messages.Count >= MaxMessages)
                break;
        }

        return new FailedMessages(broker.Description, queues, messages, messages.Count >= MaxMessages, startedAt);
    }

    static bool Unchanged(FailedMessage before, FailedMessage now) =>
        before.Fault == now.Fault && (ReferenceEquals(before.Message, now.Message) || SameContent(before.Message, now.Message));

    static bool SameContent(TransportMessage a, TransportMessage b) =>
        a.MessageId == b.MessageId && a.ContentType == b.ContentType && a.CorrelationId == b.CorrelationId
        && a.Body.AsSpan().SequenceEqual(b.Body)
        && a.Headers.Count == b.Headers.Count
        && a.Headers.All(h => b.Headers.TryGetValue(h.Key, out var value) && HeaderValues.ToText(value) == HeaderValues.ToText(h.Value));

    /// <summary>The queues and their counts only, for the overview.</summary>
    public async Task<(string Broker, IReadOnlyList<QueueStatus> Queues)> ReadQueuesAsync(CancellationToken cancellationToken)
    {
        await using var broker = await brokers.OpenAsync(cancellationToken);
        return (broker.Description, await broker.GetQueuesAsync(cancellationToken));
    }
}

/// <summary>What one read of the broker found, with its groups and lookups worked out once for every page that shows it.</summary>
internal sealed class FailedMessages
{
    readonly Lazy<ILookup<string, FailedMessage>> _byGroup;
    readonly Lazy<Dictionary<string, FailedMessage>> _byId;

    public FailedMessages(string broker, IReadOnlyList<QueueStatus> queues, IReadOnlyList<FailedMessage> messages, bool truncated, DateTimeOffset readAt)
    {
        Broker = broker;
        Queues = queues;
        Messages = messages;
        Truncated = truncated;
        ReadAt = readAt;
        Groups = FailureGroup.Of(messages);
        _byGroup = new(() => messages.ToLookup(m => m.Fingerprint, StringComparer.OrdinalIgnoreCase));
        _byId = new(() =>
        {
            // The first copy of an id, as a search through the queues in order would find it.
            var ids = new Dictionary<string, FailedMessage>(StringComparer.OrdinalIgnoreCase);
            foreach (var message in messages)
                ids.TryAdd(message.MessageId, message);
            return ids;
        });
    }

    /// <summary>Where it was read, for the operator's eyes.</summary>
    public string Broker { get; }

    /// <summary>The queues and their counts.</summary>
    public IReadOnlyList<QueueStatus> Queues { get; }

    /// <summary>Every failed message read, up to <see cref="FailedMessageReader.MaxMessages"/>.</summary>
    public IReadOnlyList<FailedMessage> Messages { get; }

    /// <summary>Whether there were more than <see cref="FailedMessageReader.MaxMessages"/>.</summary>
    public bool Truncated { get; }

    /// <summary>When the read began.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>The messages grouped by fingerprint, most recent failure first.</summary>
    public IReadOnlyList<FailureGroup> Groups { get; }

    /// <summary>A group's messages, in the order they were read (oldest first, queue by queue).</summary>
    public IReadOnlyList<FailedMessage> InGroup(string fingerprint) => _byGroup.Value[fingerprint].ToList();

    /// <summary>The message with <paramref name="id"/>, or null.</summary>
    public FailedMessage? Find(string id) => _byId.Value.GetValueOrDefault(id);
}
