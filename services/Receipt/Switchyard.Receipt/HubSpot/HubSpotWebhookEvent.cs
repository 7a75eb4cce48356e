using Switchyard.Contracts.HubSpot;

namespace Switchyard.Receipt.HubSpot;

/// <summary>
/// One event as HubSpot puts it on the wire. Everything is nullable so that a missing field is seen and reported
/// rather than defaulted silently.
/// </summary>
internal sealed class HubSpotWebhookEvent
{
    public long? EventId { get; init; }
    public long? SubscriptionId { get; init; }
    public long? PortalId { get; init; }
    public long? AppId { get; init; }
    public long? OccurredAt { get; init; }
    public string? SubscriptionType { get; init; }

    /// <summary>The name older HubSpot payloads use for <see cref="SubscriptionType"/>.</summary>
    public string? EventType { get; init; }

    public int? AttemptNumber { get; init; }
    public long? ObjectId { get; init; }
    public string? ChangeSource { get; init; }
    public string? PropertyName { get; init; }
    public string? PropertyValue { get; init; }
    public string? ChangeFlag { get; init; }
    public string? SourceId { get; init; }
    public string? ObjectTypeId { get; init; }
    public string? AssociationType { get; init; }
    public string? AssociationCategory { get; init; }
    public long? AssociationTypeId { get; init; }
    public long? FromObjectId { get; init; }
    public long? ToObjectId { get; init; }
    public bool? AssociationRemoved { get; init; }
    public bool? IsPrimaryAssociation { get; init; }
    public long? PrimaryObjectId { get; init; }
    public long[]? MergedObjectIds { get; init; }
    public long? NewObjectId { get; init; }
    public int? NumberOfPropertiesMoved { get; init; }
    public string? MessageId { get; init; }
    public string? MessageType { get; init; }

    /// <summary>The event as a message, or the reason it cannot be one.</summary>
    public (HubSpotEventReceived? Message, string? Error) ToMessage(DateTimeOffset receivedAt)
    {
        var type = SubscriptionType ?? EventType;
        if (string.IsNullOrWhiteSpace(type))
            return (null, "has no subscriptionType (or eventType)");
        if (ObjectId is null)
            return (null, "has no objectId");

        return (new HubSpotEventReceived
        {
            EventId = EventId ?? 0,
            SubscriptionId = SubscriptionId ?? 0,
            PortalId = PortalId ?? 0,
            AppId = AppId ?? 0,
            OccurredAt = OccurredAt is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : receivedAt,
            SubscriptionType = type,
            AttemptNumber = AttemptNumber ?? 0,
            ObjectId = ObjectId.Value,
            ChangeSource = ChangeSource,
            PropertyName = PropertyName,
            PropertyValue = PropertyValue,
            ChangeFlag = ChangeFlag,
            SourceId = SourceId,
            ObjectTypeId = ObjectTypeId,
            AssociationType = AssociationType,
            AssociationCategory = AssociationCategory,
            AssociationTypeId = AssociationTypeId,
            FromObjectId = FromObjectId,
            ToObjectId = ToObjectId,
            AssociationRemoved = AssociationRemoved,
            IsPrimaryAssociation = IsPrimaryAssociation,
            PrimaryObjectId = PrimaryObjectId,
            MergedObjectIds = MergedObjectIds,
            NewObjectId = NewObjectId,
            NumberOfPropertiesMoved = NumberOfPropertiesMoved,
            MessageId = MessageId,
            MessageType = MessageType,
            ReceivedAt = receivedAt,
        }, null);
    }
}
