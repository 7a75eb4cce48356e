using System.Collections.Concurrent;
using Switchyard.AmazonSqs.Faults;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>Fault records in memory; can be made to fail.</summary>
public sealed class FakeFaultStore : IFaultStore
{
    readonly ConcurrentDictionary<(string, string), FaultRecord> _records = new();

    /// <summary>When set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyCollection<FaultRecord> Records => [.. _records.Values];

    public Task RecordAsync(FaultRecord record, CancellationToken cancellationToken)
    {
        if (Failure is not null)
            throw Failure;
        _records[(record.MessageId, record.ErrorQueue)] = record;
        return Task.CompletedTask;
    }

    public Task<FaultRecord?> FindAsync(string messageId, string errorQueue, CancellationToken cancellationToken)
    {
        if (Failure is not null)
            throw Failure;
        return Task.FromResult(_records.GetValueOrDefault((messageId, errorQueue)));
    }
}
