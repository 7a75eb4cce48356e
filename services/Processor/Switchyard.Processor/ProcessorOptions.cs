using Switchyard.Storage;

namespace Switchyard.Processor;

/// <summary>The <c>Processor</c> configuration section.</summary>
public sealed class ProcessorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Processor";

    /// <summary>
    /// How many HubSpot objects' events are processed at once. Events of one object always go one after another,
    /// in order.
    /// </summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>The partner's solution ids every new opportunity is associated with, e.g. <c>S-0000001</c>.</summary>
    public List<string> SolutionIds { get; set; } = [];

    /// <summary>
    /// Where the Partner Central write budget and the writes waiting for it are kept, shared by every processor
    /// instance: by default an SQLite file, <c>data/processor.db</c> under the content root (instances on one machine);
    /// PostgreSQL for instances on several.
    /// </summary>
    public StorageOptions Storage { get; set; } = new() { ConnectionString = "Data Source=data/processor.db" };

    /// <summary>When a deal's opportunity is submitted to AWS, and how (<c>Processor:Submission</c>).</summary>
    public Submission.SubmissionOptions Submission { get; set; } = new();
}
