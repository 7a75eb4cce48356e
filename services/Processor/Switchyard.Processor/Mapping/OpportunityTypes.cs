using static Switchyard.Processor.Mapping.PartnerCentralValues;

namespace Switchyard.Processor.Mapping;

/// <summary>Maps HubSpot's deal <c>dealtype</c> onto Partner Central's <c>OpportunityType</c>.</summary>
/// <remarks>
/// HubSpot's own values are <c>newbusiness</c> and <c>existingbusiness</c>; portals add their own. Renewals are
/// <c>Flat Renewal</c>; expansions, upsells, upgrades and cross-sells are <c>Expansion</c>; so is HubSpot's
/// <c>existingbusiness</c>: more business with a customer the partner already has, which Partner Central calls an
/// expansion (a flat renewal would claim the scope stays the same, which "existing business" does not say). Anything
/// else, a missing type included, is <c>Net New Business</c>.
/// </remarks>
public static class OpportunityTypes
{
    static readonly string[] RenewalWords = ["renew"];
    static readonly string[] ExpansionWords = ["expan", "upsell", "upgrade", "crosssell", "existingbusiness"];

    /// <summary>The opportunity type of a deal type.</summary>
    public static string Map(string? dealType) => Find(dealType) ?? OpportunityType.NetNewBusiness;

    /// <summary>The opportunity type of a deal type, or null when the deal has no type.</summary>
    public static string? Find(string? dealType)
    {
        if (string.IsNullOrWhiteSpace(dealType))
            return null;

        if (PartnerCentralValues.OpportunityTypes.Find(dealType) is { } exact)
            return exact;

        var key = AllowedValues.Key(dealType);
        if (RenewalWords.Any(w => key.Contains(w, StringComparison.Ordinal)))
            return OpportunityType.FlatRenewal;
        if (ExpansionWords.Any(w => key.Contains(w, StringComparison.Ordinal)))
            return OpportunityType.Expansion;
        return OpportunityType.NetNewBusiness;
    }
}
