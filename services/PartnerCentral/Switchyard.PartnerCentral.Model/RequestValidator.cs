using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.PartnerCentral.Model;

/// <summary>
/// Walks a request along its shape and collects every violation, one per value at most, worded as AWS's front ends
/// word them ("Member must ..."). Values are never quoted: most of this model's strings are personal data.
/// </summary>
internal static class RequestValidator
{
    public static void Check(JsonNode value, ModelShape shape, string path, List<ModelViolation> violations)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Structure or ShapeKind.Union:
                CheckStructure(value, shape, path, violations);
                break;
            case ShapeKind.List:
                CheckList(value, shape, path, violations);
                break;
            case ShapeKind.Map:
                CheckMap(value, shape, path, violations);
                break;
            case ShapeKind.String:
                if (Text(value) is { } text)
                    CheckString(text, shape, path, violations);
                else
                    violations.Add(WrongType(path, "a string"));
                break;
            case ShapeKind.Integer or ShapeKind.Long:
                CheckInteger(value, shape, path, violations);
                break;
            case ShapeKind.Double:
                if (value.GetValueKind() != JsonValueKind.Number)
                    violations.Add(WrongType(path, "a number"));
                break;
            case ShapeKind.Boolean:
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                    violations.Add(WrongType(path, "true or false"));
                break;
            case ShapeKind.Timestamp:
                CheckTimestamp(value, shape, path, violations);
                break;
            case ShapeKind.Blob:
                if (Text(value) is not { } blob || !IsBase64(blob))
                    violations.Add(WrongType(path, "a base64 string"));
                break;
        }
    }

    static void CheckStructure(JsonNode value, ModelShape shape, string path, List<ModelViolation> violations)
    {
        if (value is not JsonObject structure)
        {
            violations.Add(WrongType(path, "a structure"));
            return;
        }

        var set = 0;
        foreach (var member in shape.Members)
        {
            var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            // A JSON null reads as the member left out, as AWS's JSON protocols treat it.
            if (structure[member.Name] is not { } memberValue)
            {
                if (member.Required)
                    violations.Add(new ModelViolation(memberPath, ViolationKind.Missing, "Member must not be null", ModelViolation.RequiredFieldMissing));
                continue;
            }

            set++;
            var before = violations.Count;
            Check(memberValue, member.Shape, memberPath, violations);
            if (violations.Count == before && member.Documented is { } documented)
                CheckDocumented(memberValue, documented, memberPath, violations);
        }

        if (shape.Kind == ShapeKind.Union && set != 1)
            violations.Add(new ModelViolation(path, ViolationKind.NotOneUnionMember, "Member must have exactly one of its members set", ModelViolation.InvalidValue));
    }

    // A documented constraint applies to a string member, or to each string of a list member.
    static void CheckDocumented(JsonNode value, DocumentedConstraint documented, string path, List<ModelViolation> violations)
    {
        if (value is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (Text(items[i]) is { } item && documented.Check(item, $"{path}[{i}]") is { } itemViolation)
                    violations.Add(itemViolation);
            }
        }
        else if (Text(value) is { } text && documented.Check(text, path) is { } violation)
            violations.Add(violation);
    }

    static void CheckList(JsonNode value, ModelShape shape, string path, List<ModelViolation> violations)
    {
        if (value is not JsonArray list)
        {
            violations.Add(WrongType(path, "a list"));
            return;
        }

        CheckCount(list.Count, shape, path, violations);
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (list[i] is { } item)
                Check(item, shape.Item!, itemPath, violations);
            else
                violations.Add(new ModelViolation(itemPath, ViolationKind.Missing, "Member must not be null", ModelViolation.RequiredFieldMissing));
        }
    }

    static void CheckMap(JsonNode value, ModelShape shape, string path, List<ModelViolation> violations)
    {
        if (value is not JsonObject map)
        {
            violations.Add(WrongType(path, "a map"));
            return;
        }

        CheckCount(map.Count, shape, path, violations);
        foreach (var (key, entry) in map)
        {
            var entryPath = $"{path}.{key}";
            if (shape.Key is { } keyShape)
                CheckString(key, keyShape, entryPath, violations);
            if (entry is null)
                violations.Add(new ModelViolation(entryPath, ViolationKind.Missing, "Member must not be null", ModelViolation.RequiredFieldMissing));
            else
                Check(entry, shape.Item!, entryPath, violations);
        }
    }

    static void CheckCount(int count, ModelShape shape, string path, List<ModelViolation> violations)
    {
        if (shape.Min is { } min && count < min)
            violations.Add(new ModelViolation(path, ViolationKind.TooFewItems, $"Member must have length greater than or equal to {min}", ModelViolation.NotEnoughValues));
        else if (shape.Max is { } max && count > max)
            violations.Add(new ModelViolation(path, ViolationKind.TooManyItems, $"Member must have length less than or equal to {max}", ModelViolation.TooManyValues));
    }

    static void CheckString(string text, ModelShape shape, string path, List<ModelViolation> violations)
    {
        if (shape.Enum is { } values)
        {
            if (!values.Contains(text, StringComparer.Ordinal))
                violations.Add(new ModelViolation(path, ViolationKind.NotInEnum, $"Member must satisfy enum value set: [{string.Join(", ", values)}]", ModelViolation.InvalidEnumValue));
            return;
        }

        var length = shape.Min is not null || shape.Max is not null ? ScalarValues.Count(text) : 0;
        if (shape.Min is { } min && length < min)
            violations.Add(new ModelViolation(path, ViolationKind.TooShort, $"Member must have length greater than or equal to {min}", ModelViolation.InvalidValue));
        else if (shape.Max is { } max && length > max)
            violations.Add(new ModelViolation(path, ViolationKind.TooLong, $"Member must have length less than or equal to {max}", ModelViolation.InvalidValue));
        else if (shape.Pattern is { } pattern && !pattern.IsMatch(text))
            violations.Add(new ModelViolation(path, ViolationKind.PatternMismatch, $"Member must satisfy regular expression pattern: {pattern.Source}", ModelViolation.InvalidStringFormat));
    }

    static void CheckInteger(JsonNode value, ModelShape shape, string path, List<ModelViolation> violations)
    {
        // Parsed from the wire or built in code (a JsonValue holding an int), a whole number reads the same.
        if (value.GetValueKind() != JsonValueKind.Number
            || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            || (shape.Kind == ShapeKind.Integer && number is < int.MinValue or > int.MaxValue))
        {
            violations.Add(WrongType(path, "an integer"));
            return;
        }

        if (shape.Min is { } min && number < min)
            violations.Add(new ModelViolation(path, ViolationKind.OutOfRange, $"Member must have value greater than or equal to {min}", ModelViolation.ValueOutOfRange));
        else if (shape.Max is { } max && number > max)
            violations.Add(new ModelViolation(path, ViolationKind.OutOfRange, $"Member must have value less than or equal to {max}", ModelViolation.ValueOutOfRange));
    }

    static void CheckTimestamp(JsonNode value, ModelShape shape, string path, List<ModelViolation> violations)
    {
        if (shape.TimestampFormat is "iso8601")
        {
            if (Text(value) is not { } text)
                violations.Add(WrongType(path, "an RFC 3339 date-time string"));
            else if (!Timestamps.TryParseIso8601(text, out _))
                violations.Add(new ModelViolation(path, ViolationKind.InvalidTimestamp, "Member must be an RFC 3339 date-time, e.g. 2025-01-31T12:00:00.000Z", ModelViolation.InvalidStringFormat));
        }
        else if (value.GetValueKind() != JsonValueKind.Number)
            violations.Add(WrongType(path, "epoch seconds"));
    }

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[(text.Length / 4 * 3) + 3], out _);

    static ModelViolation WrongType(string path, string expected) =>
        new(path, ViolationKind.WrongType, $"Expected {expected} at '{(path.Length == 0 ? "(body)" : path)}'.", ModelViolation.InvalidValue);
}

/// <summary>Timestamps as the model's <c>iso8601</c> format writes them.</summary>
public static class Timestamps
{
    /// <summary>Parses an RFC 3339 date-time (a date, <c>T</c>, a time, and <c>Z</c> or an offset).</summary>
    public static bool TryParseIso8601(string text, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        return text.Length >= 20 && (text[10] is 'T' or 't')
               && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }
}
