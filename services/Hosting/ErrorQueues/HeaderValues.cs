using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Hosting.ErrorQueues;

/// <summary>Turns the header values brokers hand out into the few kinds a <see cref="TransportMessage"/> holds.</summary>
public static class HeaderValues
{
    /// <summary>
    /// A string, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/> for a broker's header value, or null for
    /// one with no meaningful value. AMQP hands strings out as UTF-8 bytes, hence the byte arrays.
    /// </summary>
    public static object? Normalise(object? value) => value switch
    {
        null => null,
        string text => text,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        ReadOnlyMemory<byte> memory => Encoding.UTF8.GetString(memory.Span),
        bool flag => flag,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong big => big <= long.MaxValue ? (long)big : big.ToString(CultureInfo.InvariantCulture),
        float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        Uri uri => uri.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The value as text, as a header reader would show it.</summary>
    public static string? ToText(object? value) => Normalise(value) switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    /// <summary>The headers a broker handed out, normalised; entries without a value are left out.</summary>
    public static Dictionary<string, object> From<TValue>(IEnumerable<KeyValuePair<string, TValue>>? headers)
    {
        var result = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in headers ?? [])
        {
            if (Normalise(value) is { } normalised)
                result[key] = normalised;
        }
        return result;
    }
}

/// <summary>Writes header values as JSON strings, numbers and booleans, and reads them back as the same kinds.</summary>
public sealed class HeaderDictionaryConverter : JsonConverter<IReadOnlyDictionary<string, object>>
{
    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("headers must be a JSON object.");

        var headers = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? throw new JsonException("a header has no name.");
            reader.Read();
            object? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.Number when reader.TryGetInt64(out var whole) => whole,
                JsonTokenType.Number => reader.GetDouble(),
                JsonTokenType.Null => null,
                _ => throw new JsonException($"header '{name}' must be a string, number or boolean."),
            };
            if (value is not null)
                headers[name] = value;
        }
        return headers;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, header) in value)
        {
            writer.WritePropertyName(name);
            switch (HeaderValues.Normalise(header))
            {
                case bool flag: writer.WriteBooleanValue(flag); break;
                case long whole: writer.WriteNumberValue(whole); break;
                case double number: writer.WriteNumberValue(number); break;
                case var other: writer.WriteStringValue(HeaderValues.ToText(other)); break;
            }
        }
        writer.WriteEndObject();
    }
}
