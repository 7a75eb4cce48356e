using System.Text.Json;

namespace Switchyard.Contracts.Triggers;

/// <summary>
/// An event that another application posted to the receipt's events API, accepted and confirmed by the broker.
/// The dispatcher forwards it to the subscribers of its <see cref="Type"/>.
/// </summary>
public record TriggerEventReceived
{
    /// <summary>The event's id, returned to the producer; also the message's MessageId.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The event type the producer chose, e.g. <c>invoice.paid</c>. Subscriptions match on it.</summary>
    public required string Type { get; init; }

    /// <summary>Which producer sent it, e.g. <c>billing</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The producer's JSON object, passed on unchanged.</summary>
    public required JsonElement Payload { get; init; }

    /// <summary>When the receipt service accepted the event.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}
