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
}
