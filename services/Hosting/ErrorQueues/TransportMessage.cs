using System.Text.Json.Serialization;

namespace Switchyard.Hosting.ErrorQueues;

/// <summary>
/// A message as a broker holds it, with everything a move between queues must carry over: the message id, the content
/// type, the transport headers and the body, byte for byte.
/// </summary>
public sealed record TransportMessage
{
    /// <summary>The transport's message id; MassTransit sets it to the message's own id.</summary>
    public required string MessageId { get; init; }

    /// <summary>The body's content type, e.g. <c>application/vnd.masstransit+json</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The transport's correlation id, when the sender set one.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>
    /// The transport headers. Values are strings, whole numbers (<see cref="long"/>), other numbers (<see cref="double"/>)
    /// or booleans, so they survive a JSON round trip; each broker converts them from and to its own header types.
    /// </summary>
    [JsonConverter(typeof(HeaderDictionaryConverter))]
    public IReadOnlyDictionary<string, object> Headers { get; init; } = new Dictionary<string, object>();

    /// <summary>The body, unchanged.</summary>
    public required byte[] Body { get; init; }

    /// <summary>A header as text, or null when it is absent.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var value) ? HeaderValues.ToText(value) : null;

    /// <summary>This message with the headers <paramref name="remove"/> selects taken out.</summary>
    public TransportMessage WithoutHeaders(Func<string, bool> remove) =>
        this with { Headers = Headers.Where(h => !remove(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase) };
}
