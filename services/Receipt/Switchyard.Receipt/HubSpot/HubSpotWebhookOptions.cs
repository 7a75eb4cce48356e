using Switchyard.Contracts.HubSpot;

namespace Switchyard.Receipt.HubSpot;

/// <summary>The receipt's part of the <c>HubSpot</c> section.</summary>
public sealed class HubSpotWebhookOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "HubSpot";

    /// <summary>The subscription types published when <see cref="SubscriptionTypes"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultSubscriptionTypes =
    [
        HubSpotSubscriptionTypes.DealCreation,
        HubSpotSubscriptionTypes.DealPropertyChange,
        HubSpotSubscriptionTypes.CompanyPropertyChange,
        HubSpotSubscriptionTypes.ContactPropertyChange,
        // Notes arrive as object.creation with object type 0-46; the processor skips other object types.
        HubSpotSubscriptionTypes.ObjectCreation,
    ];

    /// <summary>
    /// The HubSpot app's client secret, which signs every webhook. Required outside Development; never logged.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The public URL HubSpot calls, e.g. <c>https://hooks.example.com</c>, when the service cannot see it (behind a
    /// proxy that does not send X-Forwarded headers). Signatures v2 and v3 cover the full URL.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>
    /// The subscription types that are published; other events are acknowledged and counted as ignored. Null means
    /// <see cref="DefaultSubscriptionTypes"/> (the binder would append to a pre-filled list).
    /// </summary>
    public string[]? SubscriptionTypes { get; set; }

    /// <summary>HubSpot sends at most 100 events per request.</summary>
    public int MaxEventsPerBatch { get; set; } = 100;

    /// <summary>How far a v3 signature's timestamp may be from now, either way.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The subscription types in effect.</summary>
    public IReadOnlyList<string> EffectiveSubscriptionTypes => SubscriptionTypes ?? DefaultSubscriptionTypes;
}
