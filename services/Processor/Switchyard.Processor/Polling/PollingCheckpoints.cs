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
