namespace Switchyard.Hosting.ErrorQueues.Admin;

/// <summary>
/// The <c>Operator</c> section: who may use the operator endpoints (<c>/admin</c>) of a host on the in-memory
/// transport, and how many failed messages that host keeps for them.
/// </summary>
public sealed class OperatorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Operator";

    /// <summary>The default of <see cref="InMemoryQueueCapacity"/>.</summary>
    public const int DefaultInMemoryQueueCapacity = 10_000;

    /// <summary>The largest <see cref="InMemoryQueueCapacity"/> accepted.</summary>
    public const int MaxInMemoryQueueCapacity = 1_000_000;

    /// <summary>
    /// The clients (names from <c>Auth:ApiKeys</c>) whose bearer tokens may list, replay, purge and import failed
    /// messages. Empty by default: the endpoints can move any message anywhere, so nobody may until named here.
    /// </summary>
    public List<string> AdminClients { get; set; } = [];

    /// <summary>
    /// How many messages each in-memory error queue, and each skipped queue, keeps. A queue that is full keeps what
    /// it has and refuses newer messages, each with an error in the log (see <c>InMemoryErrorQueues</c>).
    /// </summary>
    public int InMemoryQueueCapacity { get; set; } = DefaultInMemoryQueueCapacity;
}
