using System.Globalization;
using System.Text.Json.Nodes;

namespace Switchyard.Processor;

/// <summary>
/// Times as the processor writes them to Partner Central and HubSpot (ISO 8601 in UTC, to the millisecond) and reads
/// them back: the Selling API model's <c>DateTime</c> is ISO 8601 text in JSON, and so are HubSpot's date-time properties.
/// </summary>
public static class IsoTimes
{
    /// <summary><paramref name="time"/> as <c>2026-01-31T12:00:00.000Z</c>.</summary>
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 time (UTC when it names no offset), or null when <paramref name="text"/> is none.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    /// <summary>A time in AWS JSON: ISO 8601 text, or a number of epoch seconds as in AWS JSON 1.0 generally.</summary>
    public static DateTimeOffset? Parse(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out string? text) => Parse(text),
        JsonValue value when value.TryGetValue(out double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)),
        _ => null,
    };
}
