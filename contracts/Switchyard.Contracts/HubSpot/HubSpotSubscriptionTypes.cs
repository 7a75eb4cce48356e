namespace Switchyard.Contracts.HubSpot;

/// <summary>The <c>subscriptionType</c> values Switchyard acts on. HubSpot sends many more.</summary>
public static class HubSpotSubscriptionTypes
{
    /// <summary>A deal was created.</summary>
    public const string DealCreation = "deal.creation";

    /// <summary>A deal property changed.</summary>
    public const string DealPropertyChange = "deal.propertyChange";

    /// <summary>A company property changed.</summary>
    public const string CompanyPropertyChange = "company.propertyChange";

    /// <summary>A contact property changed.</summary>
    public const string ContactPropertyChange = "contact.propertyChange";

    /// <summary>An object of the type in <see cref="HubSpotEventReceived.ObjectTypeId"/> was created, e.g. a note (<c>0-46</c>).</summary>
    public const string ObjectCreation = "object.creation";
}
