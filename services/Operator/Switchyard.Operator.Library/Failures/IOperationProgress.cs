namespace Switchyard.Operator.Failures;

/// <summary>Hears how a long command is going, to show a progress bar or lines.</summary>
internal interface IOperationProgress
{
    /// <summary>At most this many messages will be looked at.</summary>
    void Begin(long messagesToRead);

    /// <summary>One message was looked at; <paramref name="acted"/> when it was moved, deleted, exported or imported.</summary>
    void Read(FailedMessage message, bool acted);
}

/// <summary>Progress nobody watches.</summary>
internal sealed class NoProgress : IOperationProgress
{
    public static NoProgress Instance { get; } = new();

    public void Begin(long messagesToRead) { }

    public void Read(FailedMessage message, bool acted) { }
}
