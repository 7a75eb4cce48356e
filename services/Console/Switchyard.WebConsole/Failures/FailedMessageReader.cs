using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Failures;

namespace Switchyard.WebConsole.Failures;

/// <summary>Reads what the failed-messages pages show, with the tool's operations: every error queue, each message once.</summary>
internal sealed class FailedMessageReader(ConsoleBroker brokers)
{
    /// <summary>At most this many messages are read for one page, so that a flood cannot make the page take minutes.</summary>
    public const int MaxMessages = 5_000;

    /// <summary>The queues with their counts and the failed messages (all of them, up to <see cref="MaxMessages"/>).</summary>
    public async Task<FailedMessages> ReadAsync(CancellationToken cancellationToken)
    {
        await using var broker = await brokers.OpenAsync(cancellationToken);
        var queues = await broker.GetQueuesAsync(cancellationToken);
        var messages = new List<FailedMessage>();
        await foreach (var message in new ErrorQueueOperations(broker).BrowseAsync(null, cancellationToken))
        {
            messages.Add(message);
            if (messages.Count >= MaxMessages)
                break;
        }

        return new FailedMessages(broker.Description, queues, messages, messages.Count >= MaxMessages);
    }

    /// <summary>The queues and their counts only, for the overview.</summary>
    public async Task<(string Broker, IReadOnlyList<QueueStatus> Queues)> ReadQueuesAsync(CancellationToken cancellationToken)
    {
        await using var broker = await brokers.OpenAsync(cancellationToken);
        return (broker.Description, await broker.GetQueuesAsync(cancellationToken));
    }
}

/// <summary>What was read.</summary>
internal sealed record FailedMessages(string Broker, IReadOnlyList<QueueStatus> Queues, IReadOnlyList<FailedMessage> Messages, bool Truncated)
{
    /// <summary>The messages grouped by fingerprint, most recent failure first.</summary>
    public IReadOnlyList<FailureGroup> Groups { get; } = FailureGroup.Of(Messages);
}
