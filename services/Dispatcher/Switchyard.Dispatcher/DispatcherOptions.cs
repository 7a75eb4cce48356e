using Switchyard.Storage;

namespace Switchyard.Dispatcher;

/// <summary>The <c>Dispatcher</c> configuration section.</summary>
public sealed class DispatcherOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Dispatcher";

    /// <summary>Subscriptions declared in configuration, kept alongside those made through <c>POST /hooks</c>.</summary>
    public List<SubscriptionOptions> Subscriptions { get; set; } = [];

    /// <summary>
    /// Where subscriptions, the delivery log, samples and inboxes are kept: by default an SQLite file,
    /// <c>data/dispatcher.db</c> under the content root (one dispatcher instance).
    /// </summary>
    public StorageOptions Storage { get; set; } = new() { ConnectionString = "Data Source=data/dispatcher.db" };

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
}

/// <summary>The <c>Dispatcher:Disabling</c> section.</summary>
public sealed class DisablingOptions
{
    /// <summary>A subscription whose deliveries have failed without a success for this long is disabled.</summary>
    public TimeSpan AfterFailingFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A subscription with this many deliveries in a row failed for good (retries spent) is disabled.</summary>
    public int AfterConsecutiveFailures { get; set; } = 20;
}
