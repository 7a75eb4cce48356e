using Microsoft.Extensions.Options;

namespace Switchyard.Receipt.HubSpot;

/// <summary>The HubSpot subscription types the receipt publishes, as a set for the hot path.</summary>
public sealed class SubscribedTypes(IOptions<HubSpotWebhookOptions> options)
{
    /// <summary>The configured types, matched exactly (HubSpot's names are case-sensitive).</summary>
    public IReadOnlySet<string> Types { get; } = options.Value.EffectiveSubscriptionTypes.ToHashSet(StringComparer.Ordinal);
}
