using Switchyard.Contracts.HubSpot;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>The kinds of HubSpot event the processor has a consumer for; every event is exactly one of them.</summary>
public enum HubSpotEventKind
{
    /// <summary>No Partner Central sync handles it.</summary>
    Unhandled,

    /// <summary><c>deal.creation</c>.</summary>
    DealCreated,

    /// <summary><c>deal.propertyChange</c>.</summary>
    DealPropertyChanged,

    /// <summary><c>company.propertyChange</c>.</summary>
    CompanyPropertyChanged,

    /// <summary><c>contact.propertyChange</c>.</summary>
    ContactPropertyChanged,

    /// <summary><c>object.creation</c> of a note (object type <c>0-46</c>).</summary>
    NoteCreated,
}

/// <summary>Which consumer an event goes to. The consumers' definitions filter on it, so they share one queue.</summary>
public static class HubSpotEventKinds
{
    /// <summary>HubSpot's object type id for notes.</summary>
    public const string NoteObjectTypeId = "0-46";

    /// <summary>The kind of <paramref name="message"/>.</summary>
    public static HubSpotEventKind Of(HubSpotEventReceived message) => message.SubscriptionType switch
    {
        HubSpotSubscriptionTypes.DealCreation => HubSpotEventKind.DealCreated,
        HubSpotSubscriptionTypes.DealPropertyChange => HubSpotEventKind.DealPropertyChanged,
        HubSpotSubscriptionTypes.CompanyPropertyChange => HubSpotEventKind.CompanyPropertyChanged,
        HubSpotSubscriptionTypes.ContactPropertyChange => HubSpotEventKind.ContactPropertyChanged,
        HubSpotSubscriptionTypes.ObjectCreation when message.ObjectTypeId == NoteObjectTypeId => HubSpotEventKind.NoteCreated,
        _ => HubSpotEventKind.Unhandled,
    };
}
