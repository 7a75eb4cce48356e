using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher;

/// <summary>The <c>Dispatcher</c> configuration section.</summary>
public sealed class DispatcherOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Dispatcher";

    /// <summary>Subscriptions declared in configuration, kept alongside those made through <c>POST /hooks</c>.</summary>
    public List<SubscriptionOptions> Subscriptions { get; set; } = [];

    /// <summary>Where subscriptions, the delivery log, samples and inboxes are kept.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>How each delivery is made.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>When a failing subscription is disabled.</summary>
    public DisablingOptions Disabling { get; set; } = new();

    /// <summary>How many recent events of each type <c>GET /hooks/samples/{event}</c> returns.</summary>
    public int SamplesPerEventType { get; set; } = 10;

    /// <summary>The shortest time between two samples of one type: samples show a type's shape, not every event.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long delivery attempts stay in the log.</summary>
    public TimeSpan DeliveryLogRetention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>One entry of <c>Dispatcher:Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>A stable id, e.g. <c>zapier-deals</c>; part of every <c>webhook-id</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The subscriber's webhook URL, http or https. Empty for an inbox subscription.</summary>
    public string Url { get; set; } = "";

    /// <summary>The event types it receives; <c>*</c> receives all.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>
    /// The <c>whsec_</c> signing secrets; the first is current, the others still sign while subscribers move to it.
    /// Never logged.
    /// </summary>
    public List<string> Secrets { get; set; } = [];

    /// <summary>
    /// For an inbox subscription (no URL): the API client (<c>Auth:ApiKeys</c> name) that polls it with <c>GET /inbox</c>.
    /// </summary>
    public string? Inbox { get; set; }
}

/// <summary>The <c>Dispatcher:Storage</c> section.</summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default: an embedded file) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// The provider's connection string. For SQLite, e.g. <c>Data Source=data/dispatcher.db</c> (relative paths are
    /// under the content root); never logged, since a PostgreSQL one holds a password.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=data/dispatcher.db";
}

/// <summary>The storage providers <c>Dispatcher:Storage:Provider</c> names.</summary>
public static class StorageProviders
{
    /// <summary>An embedded SQLite file: one dispatcher instance.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>A PostgreSQL database: any number of instances.</summary>
    public const string PostgreSql = "PostgreSql";
}

/// <summary>The <c>Dispatcher:Delivery</c> section.</summary>
public sealed class DeliveryOptions
{
    /// <summary>How long one attempt may take before it counts as a transient failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest request body sent to a subscriber; larger events are recorded as failed, never sent.</summary>
    public int MaxPayloadBytes { get; set; } = 256 * 1024;

    /// <summary>How many deliveries run at once per dispatcher instance.</summary>
    public int ConcurrentDeliveries { get; set; } = 32;

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>, or single addresses) deliveries may reach although they are private,
    /// loopback, link-local or metadata addresses, which are otherwise refused.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>When a delivery whose immediate retries failed is tried again, over at least a day.</summary>
    public DeliveryRedeliveryOptions Redelivery { get; set; } = new();
}

/// <summary>
/// The <c>Dispatcher:Delivery:Redelivery</c> section: the delivery's own delayed redeliveries, in place of
/// <c>Bus:Redelivery</c>. By default they cover more than 24 hours, spread by jitter, as Svix does and the Standard
/// Webhooks guidance asks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (27 h 35 min, at least 24 h 49 min with a 10 %
/// jitter).
/// </summary>
public sealed class DeliveryRedeliveryOptions
{
    /// <summary>The default waits before each redelivery.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultIntervals =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>The default spread of each wait: from 90 % to 110 % of it.</summary>
    public const double DefaultJitter = 0.1;

    /// <summary><c>false</c> turns redelivery off: a delivery fails for good once its immediate retries have.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The waits before each redelivery, one per entry. Null means <see cref="DefaultIntervals"/> (the binder appends to
    /// a pre-filled list, so the default cannot live in the property).
    /// </summary>
    public TimeSpan[]? Intervals { get; set; }

    /// <summary>How far each wait may stray from its interval, as a fraction of it.</summary>
    public double Jitter { get; set; } = DefaultJitter;

    /// <summary>The schedule in effect (the transport may still be unable to delay: see <c>TransportDelays</c>).</summary>
    public RedeliverySchedule Schedule => Enabled ? new RedeliverySchedule(Intervals ?? DefaultIntervals, Jitter) : RedeliverySchedule.None;
}

/// <summary>The <c>Dispatcher:Disabling</c> section.</summary>
public sealed class DisablingOptions
{
    /// <summary>A subscription whose deliveries have failed without a success for this long is disabled.</summary>
    public TimeSpan AfterFailingFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A subscription with this many deliveries in a row failed for good (retries spent) is disabled.</summary>
    public int AfterConsecutiveFailures { get; set; } = 20;
}
