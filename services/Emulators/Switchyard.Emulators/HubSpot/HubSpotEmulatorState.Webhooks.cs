using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Emulators.HubSpot;

// The webhooks HubSpot sends for changes: a write by the private app through the API is changeSource INTEGRATION with
// the app's id as sourceId, an edit in HubSpot's UI is CRM_UI with the user's id. The emulator records each one (the
// receipt's contract: HubSpotEventReceived), so a test can send them to the receipt, e.g. to show that Switchyard's
// own write-back does not loop.
public sealed partial class HubSpotEmulatorState
{
    // One subscription per kind of event, as a private app's webhook settings list them.
    static readonly string[] SubscriptionTypes =
    [
        "deal.creation", "deal.propertyChange", "company.creation", "company.propertyChange", "contact.creation",
        "contact.propertyChange", "object.creation", "object.propertyChange",
    ];

    readonly List<HubSpotWebhookEvent> _webhooks = [];
    int _webhooksTaken;
    long _lastEventId = 7_000_000_000;

    /// <summary>Every webhook event HubSpot would have sent, oldest first: one per changed property, one per created object.</summary>
    public IReadOnlyList<HubSpotWebhookEvent> Webhooks
    {
        get
        {
            lock (_lock)
                return _webhooks.ToList();
        }
    }

    /// <summary>
    /// Raised after each webhook event is recorded, inside the emulator's lock: a handler only signals (see
    /// <see cref="HubSpotWebhookFeed"/>), it never calls back into the emulator.
    /// </summary>
    public event Action? WebhookRecorded;

    /// <summary>The webhook events recorded since the last call, oldest first: what HubSpot would send next.</summary>
    public IReadOnlyList<HubSpotWebhookEvent> TakeWebhooks()
    {
        lock (_lock)
        {
            var taken = _webhooks.Skip(_webhooksTaken).ToList();
            _webhooksTaken = _webhooks.Count;
            return taken;
        }
    }

    // Under _lock.
    void RecordPropertyChange(string type, long id, string property, string value, WebhookSource source, DateTimeOffset at)
    {
        // Deals, companies and contacts have the classic subscription types; other objects the generic ones.
        var classic = type is HubSpotObjectTypes.Deals or HubSpotObjectTypes.Companies or HubSpotObjectTypes.Contacts;
        Record(new HubSpotWebhookEvent(++_lastEventId, Subscription(classic ? $"{HubSpotObjectTypes.Singular(type)}.propertyChange" : "object.propertyChange"),
            PortalId, AppId, at, classic ? $"{HubSpotObjectTypes.Singular(type)}.propertyChange" : "object.propertyChange", id, ChangeSource(source), SourceId(source))
        {
            ObjectTypeId = classic ? null : HubSpotObjectTypes.TypeId(type),
            PropertyName = property,
            PropertyValue = value,
        });
    }

    void RecordCreation(string type, long id, WebhookSource source, DateTimeOffset at)
    {
        var classic = type is HubSpotObjectTypes.Deals or HubSpotObjectTypes.Companies or HubSpotObjectTypes.Contacts;
        var subscriptionType = classic ? $"{HubSpotObjectTypes.Singular(type)}.creation" : "object.creation";
        Record(new HubSpotWebhookEvent(++_lastEventId, Subscription(subscriptionType), PortalId, AppId, at, subscriptionType, id,
            ChangeSource(source), SourceId(source))
        {
            ObjectTypeId = classic ? null : HubSpotObjectTypes.TypeId(type),
            ChangeFlag = "CREATED",
        });
    }

    void Record(HubSpotWebhookEvent webhook)
    {
        _webhooks.Add(webhook);
        WebhookRecorded?.Invoke();
    }

    static long Subscription(string subscriptionType) => 2001 + Array.IndexOf(SubscriptionTypes, subscriptionType);

    static string ChangeSource(WebhookSource source) => source == WebhookSource.Integration ? "INTEGRATION" : "CRM_UI";

    string SourceId(WebhookSource source) =>
        source == WebhookSource.Integration ? AppId.ToString(CultureInfo.InvariantCulture) : $"userId:{UserId.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Who made a change, as a webhook's <c>changeSource</c> tells it.</summary>
internal enum WebhookSource
{
    /// <summary>The private app, through the API.</summary>
    Integration,

    /// <summary>A user in HubSpot's UI.</summary>
    User,
}

/// <summary>One event of a HubSpot webhook batch.</summary>
/// <param name="EventId">Its id.</param>
/// <param name="SubscriptionId">The subscription it came from.</param>
/// <param name="PortalId">The portal.</param>
/// <param name="AppId">The app subscribed.</param>
/// <param name="OccurredAt">When the change happened.</param>
/// <param name="SubscriptionType">E.g. <c>deal.propertyChange</c>, <c>object.creation</c>.</param>
/// <param name="ObjectId">The object changed.</param>
/// <param name="ChangeSource"><c>INTEGRATION</c> for the private app's writes, <c>CRM_UI</c> for a user's.</param>
/// <param name="SourceId">The app's id for an integration's change, <c>userId:&lt;id&gt;</c> for a user's.</param>
public sealed record HubSpotWebhookEvent(long EventId, long SubscriptionId, long PortalId, long AppId, DateTimeOffset OccurredAt,
    string SubscriptionType, long ObjectId, string ChangeSource, string SourceId)
{
    /// <summary>The object type id of a generic (<c>object.*</c>) event, e.g. <c>0-46</c> for a note; else null.</summary>
    public string? ObjectTypeId { get; init; }

    /// <summary>The property changed, for a property change.</summary>
    public string? PropertyName { get; init; }

    /// <summary>Its new value, for a property change.</summary>
    public string? PropertyValue { get; init; }

    /// <summary><c>CREATED</c> for a creation, else null.</summary>
    public string? ChangeFlag { get; init; }

    /// <summary>The event as HubSpot writes it in a batch.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["eventId"] = EventId,
            ["subscriptionId"] = SubscriptionId,
            ["portalId"] = PortalId,
            ["appId"] = AppId,
            ["occurredAt"] = OccurredAt.ToUnixTimeMilliseconds(),
            ["subscriptionType"] = SubscriptionType,
            ["attemptNumber"] = 0,
            ["objectId"] = ObjectId,
        };
        if (ObjectTypeId is not null)
            json["objectTypeId"] = ObjectTypeId;
        if (PropertyName is not null)
        {
            json["propertyName"] = PropertyName;
            json["propertyValue"] = PropertyValue;
        }

        if (ChangeFlag is not null)
            json["changeFlag"] = ChangeFlag;
        json["changeSource"] = ChangeSource;
        json["sourceId"] = SourceId;
        return json;
    }
}
