namespace Switchyard.Receipt;

/// <summary>The <c>Receipt</c> configuration section.</summary>
public sealed class ReceiptOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Receipt";

    /// <summary>
    /// How long to wait for the broker to confirm a batch before answering 503. HubSpot abandons a request after
    /// 5 seconds, so the default leaves room to answer first.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The <c>Retry-After</c> seconds sent with a 503.</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>The largest webhook body accepted, in bytes (413 above it).</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The events API.</summary>
    public EventsApiOptions Events { get; set; } = new();

    /// <summary><c>POST /token</c> attempts allowed per client address and minute.</summary>
    public int TokenRequestsPerMinute { get; set; } = 30;
}

/// <summary>The <c>Receipt:Events</c> section.</summary>
public sealed class EventsApiOptions
{
    /// <summary>The largest <c>payload</c> accepted, in bytes of JSON (413 above it).</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>The longest <c>type</c> or <c>source</c>.</summary>
    public int MaxNameLength { get; set; } = 100;

    /// <summary>How long an <c>Idempotency-Key</c> is remembered.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many keys are remembered at most; the oldest go first.</summary>
    public int IdempotencyCapacity { get; set; } = 100_000;
}
