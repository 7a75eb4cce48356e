using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>
/// An EventBridge event as the rule's SQS target delivers it: the event's JSON is the message body, with no MassTransit
/// envelope, read by a raw-JSON receive endpoint. The members are EventBridge's envelope ("Amazon EventBridge events",
/// docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html); what the selling API puts in
/// <see cref="Detail"/> is in "Notifications for the AWS Partner Central Selling API"
/// (docs.aws.amazon.com/partner-central/latest/selling-api/selling-api-events.html).
/// </summary>
/// <remarks>
/// Everything is optional and <see cref="Time"/> is text: a body that is not what EventBridge sends is refused by
/// <see cref="PartnerCentralEventConsumer"/> with a reason, not by the deserializer with a stack trace.
/// </remarks>
public sealed record PartnerCentralEventBridgeEvent
{
    /// <summary>The envelope's version (<c>0</c>; the selling API's opportunity events say <c>1</c>).</summary>
    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The event's id, unique per event; a redelivery by EventBridge or SQS repeats it.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>What happened, e.g. <c>Opportunity Updated</c>.</summary>
    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    /// <summary>Who sent it: <c>aws.partnercentral-selling</c>.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The partner's AWS account.</summary>
    [JsonPropertyName("account")]
    public string? Account { get; init; }

    /// <summary>When it happened, ISO 8601 in UTC, e.g. <c>2024-11-29T12:00:00Z</c>.</summary>
    [JsonPropertyName("time")]
    public string? Time { get; init; }

    /// <summary>The region that sent it: <c>us-east-1</c>.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>The ARNs of the resources concerned (invitation and engagement events).</summary>
    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>The selling API's part: <c>catalog</c> and the opportunity, invitation or engagement.</summary>
    [JsonPropertyName("detail")]
    public JsonElement? Detail { get; init; }
}
