namespace Switchyard.Contracts.HubSpot;

/// <summary>
/// One event of a HubSpot webhook batch, accepted by the receipt service and confirmed by the broker.
/// Carries every field HubSpot sends; fields that only some subscription types carry are optional.
/// </summary>
/// <remarks>
/// HubSpot redelivers batches and its <see cref="EventId"/> is not unique on its own: the receipt gives each message a
/// deterministic MessageId so that a redelivered event carries the same id end to end.
/// </remarks>
public record HubSpotEventReceived
{
    /// <summary>HubSpot's id of the event (<c>eventId</c>). Not unique across subscriptions or redeliveries.</summary>
    public required long EventId { get; init; }

    /// <summary>The webhook subscription that produced the event (<c>subscriptionId</c>).</summary>
    public required long SubscriptionId { get; init; }

    /// <summary>The HubSpot account (<c>portalId</c>, also called the hub id).</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot app the subscription belongs to (<c>appId</c>).</summary>
    public required long AppId { get; init; }

    /// <summary>When the change happened in HubSpot (<c>occurredAt</c>, sent as epoch milliseconds).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The kind of event (<c>subscriptionType</c>, or <c>eventType</c> in older payloads), e.g. <c>deal.creation</c>.</summary>
    public required string SubscriptionType { get; init; }

    /// <summary>How many times HubSpot has tried to deliver this event before (<c>attemptNumber</c>, starting at 0).</summary>
    public int AttemptNumber { get; init; }

    /// <summary>The id of the CRM object the event is about (<c>objectId</c>). Also the message's ordering key.</summary>
    public required long ObjectId { get; init; }

    /// <summary>What caused the change (<c>changeSource</c>), e.g. <c>CRM_UI</c>, <c>API</c>, <c>INTEGRATION</c>.</summary>
    public string? ChangeSource { get; init; }

    /// <summary>For property changes, the property's internal name (<c>propertyName</c>).</summary>
    public string? PropertyName { get; init; }

    /// <summary>For property changes, the new value as HubSpot sends it (<c>propertyValue</c>, always a string).</summary>
    public string? PropertyValue { get; init; }

    /// <summary>The kind of change for some object events (<c>changeFlag</c>), e.g. <c>NEW</c>, <c>DELETED</c>.</summary>
    public string? ChangeFlag { get; init; }

    /// <summary>The id of the user or app that made the change (<c>sourceId</c>), when HubSpot sends it.</summary>
    public string? SourceId { get; init; }

    /// <summary>For generic <c>object.*</c> subscriptions, the object type id (<c>objectTypeId</c>), e.g. <c>0-3</c> for deals.</summary>
    public string? ObjectTypeId { get; init; }

    /// <summary>For association changes, the association type (<c>associationType</c>), e.g. <c>DEAL_TO_COMPANY</c>.</summary>
    public string? AssociationType { get; init; }

    /// <summary>For association changes, the association category (<c>associationCategory</c>), e.g. <c>HUBSPOT_DEFINED</c>.</summary>
    public string? AssociationCategory { get; init; }

    /// <summary>For association changes, the numeric association type (<c>associationTypeId</c>).</summary>
    public long? AssociationTypeId { get; init; }

    /// <summary>For association changes, the object the association starts from (<c>fromObjectId</c>).</summary>
    public long? FromObjectId { get; init; }

    /// <summary>For association changes, the object the association points to (<c>toObjectId</c>).</summary>
    public long? ToObjectId { get; init; }

    /// <summary>For association changes, whether the association was removed (<c>associationRemoved</c>).</summary>
    public bool? AssociationRemoved { get; init; }

    /// <summary>For association changes, whether it is the primary association (<c>isPrimaryAssociation</c>).</summary>
    public bool? IsPrimaryAssociation { get; init; }

    /// <summary>For merges, the record that survived (<c>primaryObjectId</c>).</summary>
    public long? PrimaryObjectId { get; init; }

    /// <summary>For merges, the records merged into the primary one (<c>mergedObjectIds</c>).</summary>
    public IReadOnlyList<long>? MergedObjectIds { get; init; }

    /// <summary>For merges, the id of the record the merge created (<c>newObjectId</c>).</summary>
    public long? NewObjectId { get; init; }

    /// <summary>For merges, how many properties moved to the primary record (<c>numberOfPropertiesMoved</c>).</summary>
    public int? NumberOfPropertiesMoved { get; init; }

    /// <summary>For conversation events, the message id (<c>messageId</c>).</summary>
    public string? MessageId { get; init; }

    /// <summary>For conversation events, the message type (<c>messageType</c>).</summary>
    public string? MessageType { get; init; }

    /// <summary>When the receipt service accepted the event.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
