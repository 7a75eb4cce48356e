using Switchyard.Contracts.HubSpot;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Names the kind of CRM object an event is about: <c>deal</c>, <c>company</c>, <c>contact</c>, ...</summary>
public static class HubSpotObjectTypes
{
    // HubSpot's ids for its standard objects, used by the generic object.* subscriptions.
    static readonly Dictionary<string, string> ByTypeId = new(StringComparer.Ordinal)
    {
        ["0-1"] = "contact",
        ["0-2"] = "company",
        ["0-3"] = "deal",
        ["0-5"] = "ticket",
        ["0-4"] = "engagement",
        ["0-46"] = "note",
    };

    /// <summary>The object type of the event: the subscription type's prefix, or for <c>object.*</c> the type id's name.</summary>
    public static string Of(HubSpotEventReceived message)
    {
        var type = message.SubscriptionType;
        var dot = type.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot < 0 ? type : type[..dot];

        if (prefix == "object" && message.ObjectTypeId is { } typeId)
            return ByTypeId.GetValueOrDefault(typeId, typeId);
        return prefix;
    }
}
