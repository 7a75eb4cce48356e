using Switchyard.Storage;

namespace Switchyard.WebConsole;

/// <summary>
/// The <c>Console</c> section: who may sign in and as what, where the dispatcher's API and the other services are,
/// and where the console keeps its read model and the history of what operators did.
/// </summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Console";

    /// <summary>Clients of <c>Auth:ApiKeys</c> who may change things: replay, purge, enable, disable, rotate, redeliver.</summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>Clients of <c>Auth:ApiKeys</c> who may look. A client in both lists is an operator.</summary>
    public List<string> Viewers { get; set; } = [];

    /// <summary>
    /// The dispatcher's API, e.g. <c>http://dispatcher:5083</c>. Unset: this host (AllInOne, whose dispatcher the
    /// console calls over loopback like any client).
    /// </summary>
    public string? DispatcherUrl { get; set; }

    /// <summary>
    /// The other services whose <c>/health/ready</c> the overview shows, by name (e.g. <c>Receipt</c> =
    /// <c>http://receipt:5081</c>). Empty: this process's own health checks (AllInOne).
    /// </summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The processor's Prometheus scrape endpoint, where the overview reads Partner Central's write budget when the
    /// processor runs elsewhere, e.g. <c>http://processor:9464/metrics</c>. Unset: <c>/metrics</c> of
    /// <c>Services:Processor</c>, or this process's processor when <see cref="Services"/> has none.
    /// </summary>
    public string? ProcessorMetricsUrl { get; set; }

    /// <summary>The read model's store: SQLite by default, PostgreSQL in production (the services' shared storage settings).</summary>
    public StorageOptions Storage { get; set; } = new() { ConnectionString = "Data Source=data/console.db" };

    /// <summary>
    /// How old a read of the error queues the failed-messages pages may show: views within this time share one read of
    /// the broker (the pages say when it was made, and offer a new one). Zero: every view reads the broker. Replay,
    /// purge and export always read the broker when they run.
    /// </summary>
    public TimeSpan FailedMessagesMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the console appends what operators did to failed messages (one JSON line each), relative to the content root.</summary>
    public string HistoryFile { get; set; } = "data/console-history.jsonl";

    /// <summary>Links from a deal to HubSpot and to Partner Central.</summary>
    public ConsoleLinkOptions Links { get; set; } = new();

    /// <summary>How long a sign-in lasts without use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}

/// <summary><c>Console:Links</c>: URL templates with <c>{portalId}</c>, <c>{dealId}</c> and <c>{opportunityId}</c>.</summary>
public sealed class ConsoleLinkOptions
{
    /// <summary>A deal in HubSpot's CRM (0-3 is HubSpot's object type id of deals).</summary>
    public string HubSpotDeal { get; set; } = "https://app.hubspot.com/contacts/{portalId}/record/0-3/{dealId}";

    /// <summary>An opportunity in AWS Partner Central.</summary>
    public string PartnerCentralOpportunity { get; set; } = "https://partnercentral.awspartner.com/partnercentral2/s/opportunity/{opportunityId}";
}
