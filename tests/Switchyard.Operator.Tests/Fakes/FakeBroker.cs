using System.Runtime.CompilerServices;
using System.Text;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Tests.Fakes;

/// <summary>
/// A broker in a dictionary, with the contract's semantics: reads hold entries until the read ends, sends to unknown
/// queues fail, removals are final. Lets the engine and the command line be tested without a broker.
/// </summary>
internal sealed class FakeBroker : IErrorQueueBroker
{
    readonly Dictionary<string, List<TransportMessage>> _queues = new(StringComparer.Ordinal);

    public string Description => "fake broker";

    /// <summary>Called after each successful send; a test makes a consumer fail again with it.</summary>
    public Action<string, TransportMessage>? AfterSend { get; set; }

    /// <summary>Makes sends to a queue fail as if it did not exist.</summary>
    public HashSet<string> Unroutable { get; } = [];

    public List<(string Queue, TransportMessage Message)> Sent { get; } = [];

    public bool Disposed { get; private set; }

    public FakeBroker WithQueue(string name)
    {
        _queues.TryAdd(name, []);
        _queues.TryAdd(ErrorQueueNames.ErrorQueueOf(name), []);
        return this;
    }

    public FakeBroker WithFailed(string queue, params TransportMessage[] messages)
    {
        WithQueue(queue);
        _queues[ErrorQueueNames.ErrorQueueOf(queue)].AddRange(messages);
        return this;
    }

    public IReadOnlyList<TransportMessage> Messages(string queue) =>
        _queues.TryGetValue(queue, out var messages) ? messages.ToList() : [];

    public Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<QueueStatus> statuses = _queues.Keys
            .Select(ErrorQueueNames.ConsumerQueueOf).Distinct().Order(StringComparer.Ordinal)
            .Select(name => new QueueStatus(name, Messages(name).Count, Messages(ErrorQueueNames.ErrorQueueOf(name)).Count,
                Messages(name + ErrorQueueNames.SkippedSuffix).Count,
                Messages(ErrorQueueNames.ErrorQueueOf(name)).Select(m => FaultDetails.FromHeaders(m).Timestamp).Min()))
            .ToList();
        return Task.FromResult(statuses);
    }

    public async IAsyncEnumerable<ErrorQueueEntry> ReadAsync(string errorQueue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_queues.TryGetValue(errorQueue, out var queue))
            throw new QueueNotFoundException(errorQueue);

        // Held entries are invisible to this read, as on a broker: take a position-stable snapshot of what is there.
        var held = new HashSet<TransportMessage>(ReferenceEqualityComparer.Instance);
        while (queue.FirstOrDefault(m => !held.Contains(m)) is { } next)
        {
            cancellationToken.ThrowIfCancellationRequested();
            held.Add(next);
            await Task.Yield();
            yield return new Entry(errorQueue, next, () => queue.Remove(next));
        }
    }

    public Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken)
    {
        if (!_queues.TryGetValue(queue, out var target) || Unroutable.Contains(queue))
            throw new QueueNotFoundException(queue);
        target.Add(message);
        Sent.Add((queue, message));
        AfterSend?.Invoke(queue, message);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    sealed class Entry(string queue, TransportMessage message, Func<bool> remove)
        : ErrorQueueEntry(queue, message, FaultDetails.FromHeaders(message))
    {
        public override Task RemoveAsync(CancellationToken cancellationToken)
        {
            remove();
            return Task.CompletedTask;
        }
    }
}

/// <summary>Messages shaped like the ones MassTransit leaves in error queues.</summary>
internal static class Failed
{
    public static TransportMessage Message(string id, string exceptionType, string exceptionMessage, string queue = "processor",
        string frame = "Switchyard.Processor.Sync.OpportunitySyncConsumer.Consume(ConsumeContext`1 context)",
        DateTimeOffset? at = null, string body = """{"messageId":"x","messageType":["urn:message:Switchyard.Contracts.HubSpot:DealCreated"],"message":{"dealId":4242}}""") =>
        new()
        {
            MessageId = id,
            ContentType = "application/vnd.masstransit+json",
            Headers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase)
            {
                ["MT-Reason"] = "fault",
                ["MT-Fault-ExceptionType"] = exceptionType,
                ["MT-Fault-Message"] = exceptionMessage,
                ["MT-Fault-StackTrace"] = $"   at {frame} in /src/File.cs:line 42\n   at MassTransit.DependencyInjection.ScopeConsumerFactory`1.Send(ConsumeContext context)",
                ["MT-Fault-Timestamp"] = (at ?? DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture)).ToString("O"),
                ["MT-Fault-InputAddress"] = $"rabbitmq://localhost/test/{queue}",
                ["MT-Fault-RetryCount"] = 3L,
                ["MT-Host-MachineName"] = "worker-1",
                ["MT-Redelivery-Count"] = 2L,
                ["MT-Activity-Id"] = "00-abc-def-01",
                ["OrderingKey"] = "4242",
            },
            Body = Encoding.UTF8.GetBytes(body),
        };
}
