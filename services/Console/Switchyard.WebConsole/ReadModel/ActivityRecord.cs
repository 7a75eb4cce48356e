namespace Switchyard.WebConsole.ReadModel;

/// <summary>How many events of one kind the console saw on the bus in one minute.</summary>
public sealed class ActivityRecord
{
    /// <summary>The minute's start (UTC).</summary>
    public DateTime Minute { get; set; }

    /// <summary>See <see cref="ActivityKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>Events counted.</summary>
    public int Events { get; set; }
}

/// <summary>The kinds of <see cref="ActivityRecord"/>.</summary>
public static class ActivityKinds
{
    /// <summary>HubSpot events the receipt accepted and published.</summary>
    public const string Received = "received";

    /// <summary>Outcome events of the processor: created, updated, skipped, blocked, failed.</summary>
    public const string Processed = "processed";

    /// <summary>Of those, <c>sync.failed</c>.</summary>
    public const string Failed = "failed";
}
