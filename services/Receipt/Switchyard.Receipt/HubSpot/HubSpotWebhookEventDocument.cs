namespace Switchyard.Receipt.HubSpot;

/// <summary>
/// The shape of one HubSpot webhook event, for the OpenAPI document only: the endpoint reads the raw body itself,
/// because the signature covers the bytes as sent.
/// </summary>
public sealed record HubSpotWebhookEventDocument(
    long EventId,
    long SubscriptionId,
    long PortalId,
    long AppId,
    long OccurredAt,
    string SubscriptionType,
    int AttemptNumber,
    long ObjectId,
    string? ChangeSource,
    string? PropertyName,
    string? PropertyValue);
