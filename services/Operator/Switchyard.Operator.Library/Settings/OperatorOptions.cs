namespace Switchyard.Operator.Settings;

/// <summary>The <c>Operator</c> section: how the tool reaches what the <c>Bus</c> section does not say.</summary>
internal sealed class OperatorOptions
{
    public const string Section = "Operator";

    /// <summary>
    /// Where the in-memory host (AllInOne) serves its admin surface. The in-memory transport lives inside that process,
    /// so the tool asks it over HTTP.
    /// </summary>
    public string Url { get; set; } = "http://localhost:5080";

    /// <summary>The API client (an <c>Auth:ApiKeys</c> name of that host, listed in its <c>Operator:AdminClients</c>).</summary>
    public string Client { get; set; } = "local";

    /// <summary>That client's key. Never printed.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where replays, purges and imports are recorded; default ~/.local/state/switchyard/operator-history.jsonl.</summary>
    public string? HistoryFile { get; set; }

    /// <summary>The <c>Operator:RabbitMq</c> section.</summary>
    public OperatorRabbitMqOptions RabbitMq { get; set; } = new();
}

/// <summary>What the tool needs of RabbitMQ beyond what the services use.</summary>
internal sealed class OperatorRabbitMqOptions
{
    /// <summary>
    /// The management plugin's URL, which lists the queues (AMQP cannot). Default: http(s)://&lt;Bus:RabbitMq:Host&gt;:15672/.
    /// </summary>
    public string? ManagementUrl { get; set; }
}
