namespace Switchyard.Processor;

/// <summary>The <c>Processor</c> configuration section.</summary>
public sealed class ProcessorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Processor";

    /// <summary>
    /// Partner Central syncs started per second. Partner Central allows one write per second per account; a sync is
    /// one write (two or more when a new opportunity is associated with solutions).
    /// </summary>
    public int SyncsPerSecond { get; set; } = 1;

    /// <summary>
    /// How many HubSpot objects' events are processed at once. Events of one object always go one after another,
    /// in order.
    /// </summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>The partner's solution ids every new opportunity is associated with, e.g. <c>S-0000001</c>.</summary>
    public List<string> SolutionIds { get; set; } = [];
}
