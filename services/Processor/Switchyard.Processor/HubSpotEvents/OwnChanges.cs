using System.Globalization;
using Switchyard.Contracts.HubSpot;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// Recognises the webhooks of Switchyard's own writes to HubSpot. HubSpot sends a webhook for every change, also for
/// the changes the app makes through the API: those say <c>changeSource</c> <c>INTEGRATION</c> and carry the writing
/// app's id as <c>sourceId</c>, which is the id of the app whose subscription sent the webhook (<c>appId</c>) when
/// Switchyard wrote it ("Webhooks API", developers.hubspot.com/docs/api/webhooks, the event's properties).
/// </summary>
/// <remarks>
/// The write-back of AWS's side (the <c>aws_*</c> properties, review notes and tasks) and the sync's bookkeeping come
/// back this way; acting on them would write to Partner Central what it just said, forever. Changes by people, by
/// workflows and by other apps are not Switchyard's and are processed as usual.
/// </remarks>
public static class OwnChanges
{
    /// <summary>HubSpot's <c>changeSource</c> of a change made through the API by an app.</summary>
    public const string Integration = "INTEGRATION";

    /// <summary>Whether Switchyard's own app made the change the event reports.</summary>
    public static bool IsOwn(HubSpotEventReceived message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return string.Equals(message.ChangeSource, Integration, StringComparison.OrdinalIgnoreCase)
            && message.SourceId == message.AppId.ToString(CultureInfo.InvariantCulture);
    }
}
