namespace Switchyard.Contracts.PartnerCentral;

/// <summary>Where Switchyard learned of a change in Partner Central.</summary>
public static class PartnerCentralChangeSources
{
    /// <summary>An EventBridge event (source <c>aws.partnercentral-selling</c>) read from the raw-event queue.</summary>
    public const string EventBridge = "EventBridge";

    /// <summary>Polling the list operations since the last checkpoint.</summary>
    public const string Polling = "Polling";

    /// <summary>The <c>Change</c> of a message that polling produced.</summary>
    public const string Polled = "Polled";
}
