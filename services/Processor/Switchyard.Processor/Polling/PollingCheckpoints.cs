using System.Collections.Concurrent;

namespace Switchyard.Processor.Polling;

/// <summary>Where a poll of one list (opportunities, invitations) got to.</summary>
/// <param name="LastModified">The newest <c>LastModifiedDate</c> published so far; the next poll starts there (less the overlap).</param>
/// <param name="PolledAt">When the last completed poll started; ticks sooner than the interval after it are skipped.</param>
public sealed record PollingCheckpoint(DateTimeOffset LastModified, DateTimeOffset PolledAt);

/// <summary>
/// The polls' checkpoints, shared by every processor instance so a restart, or another instance taking over, resumes
/// where the last poll stopped.
/// </summary>
public interface IPollingCheckpoints
{
    /// <summary>The checkpoint of <paramref name="stream"/>, or null before its first poll.</summary>
    Task<PollingCheckpoint?> ReadAsync(string stream, CancellationToken cancellationToken);

    /// <summary>Replaces the checkpoint of <paramref name="stream"/>.</summary>
    Task WriteAsync(string stream, PollingCheckpoint checkpoint, CancellationToken cancellationToken);
}

/// <summary>
/// Checkpoints in this process's memory: what the processor uses until its store keeps them (a restart then starts
/// from <see cref="PollingOptions.InitialLookback"/>). Registered with TryAdd so a durable store replaces it.
/// </summary>
public sealed class InMemoryPollingCheckpoints : IPollingCheckpoints
{
    readonly ConcurrentDictionary<string, PollingCheckpoint> _checkpoints = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<PollingCheckpoint?> ReadAsync(string stream, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.TryGetValue(stream, out var checkpoint) ? checkpoint : null);

    /// <inheritdoc />
    public Task WriteAsync(string stream, PollingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        _checkpoints[stream] = checkpoint;
        return Task.CompletedTask;
    }
}
