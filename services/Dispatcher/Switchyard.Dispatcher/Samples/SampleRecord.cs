namespace Switchyard.Dispatcher.Samples;

/// <summary>A recent event of one type, kept as subscribers receive it, for <c>GET /hooks/samples/{event}</c>.</summary>
public sealed class SampleRecord
{
    /// <summary>Store-assigned, increasing: the newest has the highest.</summary>
    public long Id { get; set; }

    /// <summary>The event's type.</summary>
    public required string EventType { get; set; }

    /// <summary>The event's id: one sample per event, however often it is redelivered.</summary>
    public Guid EventId { get; set; }

    /// <summary>The webhook body (<c>type</c>, <c>timestamp</c>, <c>data</c>) as JSON.</summary>
    public required string Body { get; set; }
}
