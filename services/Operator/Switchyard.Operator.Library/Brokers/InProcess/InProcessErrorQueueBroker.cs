using System.Runtime.CompilerServices;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;

namespace Switchyard.Operator.Brokers.InProcess;

/// <summary>
/// The error queues of the in-memory transport, from inside the host that keeps them (the console in AllInOne): the
/// same store the operator endpoints serve to <see cref="AdminApi.AdminApiErrorQueueBroker"/>, without the HTTP.
/// </summary>
/// <remarks>
/// As over the operator endpoints, reading claims nothing: it pages through the queue by entry id, so each message is
/// read once even while others are removed, and a send returns once the queue (or its consumer's endpoint) holds it.
/// </remarks>
internal sealed class InProcessErrorQueueBroker(InMemoryErrorQueues store, InMemoryQueueSender sender) : IErrorQueueBroker
{
    const int PageSize = 100;

    /// <inheritdoc />
    public string Description => "the in-memory transport of this process";

    /// <inheritdoc />
    public Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken) => Task.FromResult(store.GetQueues());

    /// <inheritdoc />
    /// <exception cref="QueueNotFoundException">The host has no such error or skipped queue.</exception>
    public async IAsyncEnumerable<ErrorQueueEntry> ReadAsync(string errorQueue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorQueue);
        if (!store.IsErrorOrSkippedQueue(errorQueue))
            throw new QueueNotFoundException(errorQueue);

        long after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = store.Read(errorQueue, after, PageSize);
            foreach (var stored in page)
                yield return new Entry(store, stored);
            if (page.Count < PageSize)
                yield break;
            after = page[^1].Id;
            // Lets a long read yield to the requests it shares the process with.
            await Task.Yield();
        }
    }

    /// <inheritdoc />
    public Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken) =>
        sender.SendAsync(queue, message, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    sealed class Entry(InMemoryErrorQueues store, StoredMessage stored)
        : ErrorQueueEntry(stored.Queue, stored.Message, FaultDetails.FromHeaders(stored.Message))
    {
        // One already gone (another reader removed it) is fine, as with the operator endpoints.
        public override Task RemoveAsync(CancellationToken cancellationToken)
        {
            store.Remove(stored.Queue, stored.Message.MessageId, stored.Id);
            return Task.CompletedTask;
        }
    }
}
