// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Emulators.PartnerCentral;

// A small subset of Smithy, enough to check requests the way the service's front end does: required members, length
// and pattern of strings, enum values, list sizes, and JSON types. Unknown members are ignored, as AWS JSON services do.

/// <summary>A constraint on one JSON value.</summary>
internal abstract record Shape
{
    /// <summary>Checks <paramref name="value"/> at <paramref name="path"/>, adding problems to <paramref name="errors"/>.</summary>
    /// <exception cref="PartnerCentralErrorException">A <c>SerializationException</c> when the value has the wrong JSON type.</exception>
    public abstract void Check(JsonNode value, string path, List<FieldError> errors);

    protected static PartnerCentralErrorException WrongType(string path, string expected) =>
        PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Serialization, $"Expected {expected} at '{path}'.");
}

/// <summary>A string with optional length limits, pattern and allowed values.</summary>
internal sealed record StringShape(int? Min = null, int? Max = null, Regex? Pattern = null, IReadOnlyList<string>? Values = null) : Shape
{
    public override void Check(JsonNode value, string path, List<FieldError> errors)
    {
        if (value.GetValueKind() != JsonValueKind.String)
            throw WrongType(path, "a string");
        var text = value.GetValue<string>();
        if (Values is not null && !Values.Contains(text, StringComparer.Ordinal))
        {
            errors.Add(new FieldError(path, FieldError.InvalidEnumValue, $"Member must satisfy enum value set: [{string.Join(", ", Values)}]"));
            return;
        }

        if (Min is { } min && text.Length < min)
            errors.Add(new FieldError(path, FieldError.InvalidValue, $"Member must have length greater than or equal to {min}"));
        else if (Max is { } max && text.Length > max)
            errors.Add(new FieldError(path, FieldError.InvalidValue, $"Member must have length less than or equal to {max}"));
        else if (Pattern is not null && !Pattern.IsMatch(text))
            errors.Add(new FieldError(path, FieldError.InvalidStringFormat, $"Member must satisfy regular expression pattern: {Pattern}"));
    }
}

/// <summary>A Smithy <c>date-time</c> timestamp: an RFC 3339 string.</summary>
internal sealed record DateTimeShape : Shape
{
    public override void Check(JsonNode value, string path, List<FieldError> errors)
    {
        if (value.GetValueKind() != JsonValueKind.String)
            throw WrongType(path, "an RFC 3339 date-time string");
        if (!TryParse(value.GetValue<string>(), out _))
            errors.Add(new FieldError(path, FieldError.InvalidStringFormat, "Member must be an RFC 3339 date-time, e.g. 2025-01-31T12:00:00.000Z"));
    }

    /// <summary>Parses an RFC 3339 date-time with an offset or Z.</summary>
    public static bool TryParse(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && text.Contains('T', StringComparison.Ordinal);
}

/// <summary>An integer in a range.</summary>
internal sealed record IntegerShape(int Min, int Max) : Shape
{
    public override void Check(JsonNode value, string path, List<FieldError> errors)
    {
        if (value.GetValueKind() != JsonValueKind.Number || !value.AsValue().TryGetValue(out int number))
            throw WrongType(path, "an integer");
        if (number < Min)
            errors.Add(new FieldError(path, FieldError.InvalidValue, $"Member must have value greater than or equal to {Min}"));
        else if (number > Max)
            errors.Add(new FieldError(path, FieldError.InvalidValue, $"Member must have value less than or equal to {Max}"));
    }
}

/// <summary>A list of one shape, with optional size limits.</summary>
internal sealed record ListShape(Shape Member, int? Min = null, int? Max = null) : Shape
{
    public override void Check(JsonNode value, string path, List<FieldError> errors)
    {
        if (value is not JsonArray array)
            throw WrongType(path, "a list");
        if (Min is { } min && array.Count < min)
            errors.Add(new FieldError(path, FieldError.InvalidValue, $"Member must have length greater than or equal to {min}"));
        if (Max is { } max && array.Count > max)
            errors.Add(new FieldError(path, FieldError.TooManyValues, $"Member must have length less than or equal to {max}"));
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            var itemPath = $"{path}[{i}]";
            if (item is null)
                errors.Add(new FieldError(itemPath, FieldError.RequiredFieldMissing, "Member must not be null"));
            else
                Member.Check(item, itemPath, errors);
        }
    }
}

/// <summary>A structure: named members, some required.</summary>
internal sealed record StructureShape(params Member[] Members) : Shape
{
    public override void Check(JsonNode value, string path, List<FieldError> errors)
    {
        if (value is not JsonObject obj)
            throw WrongType(path.Length == 0 ? "(body)" : path, "a structure");
        foreach (var member in Members)
        {
            var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            var memberValue = obj[member.Name];
            if (memberValue is null)
            {
                if (member.Required)
                    errors.Add(new FieldError(memberPath, FieldError.RequiredFieldMissing, "Member must not be null"));
                continue;
            }

            member.Shape.Check(memberValue, memberPath, errors);
        }
    }

    /// <summary>Checks a whole request body; throws a <c>ValidationException</c> listing every problem.</summary>
    public void Validate(JsonObject body)
    {
        var errors = new List<FieldError>();
        Check(body, "", errors);
        if (errors.Count > 0)
            throw FieldError.ToFault(errors, FieldError.RequestValidationFailed);
    }
}

/// <summary>A member of a structure.</summary>
internal sealed record Member(string Name, Shape Shape, bool Required = false);

/// <summary>One problem with one field, as in a <c>ValidationException</c>'s <c>ErrorList</c>.</summary>
internal sealed record FieldError(string FieldName, string Code, string Message)
{
    public const string RequiredFieldMissing = "REQUIRED_FIELD_MISSING";
    public const string InvalidEnumValue = "INVALID_ENUM_VALUE";
    public const string InvalidStringFormat = "INVALID_STRING_FORMAT";
    public const string InvalidValue = "INVALID_VALUE";
    public const string TooManyValues = "TOO_MANY_VALUES";
    public const string InvalidResourceState = "INVALID_RESOURCE_STATE";
    public const string ActionNotPermitted = "ACTION_NOT_PERMITTED";

    public const string RequestValidationFailed = "REQUEST_VALIDATION_FAILED";
    public const string BusinessValidationFailed = "BUSINESS_VALIDATION_FAILED";

    /// <summary>
    /// A <c>ValidationException</c> whose message lists every problem the way AWS front ends word them
    /// ("2 validation errors detected: Value at 'X' failed to satisfy constraint: ..."), never quoting the values,
    /// which may be personal data.
    /// </summary>
    public static PartnerCentralErrorException ToFault(IReadOnlyList<FieldError> errors, string reason)
    {
        var message = $"{errors.Count} validation error{(errors.Count == 1 ? "" : "s")} detected: " +
                      string.Join("; ", errors.Select(e => $"Value at '{e.FieldName}' failed to satisfy constraint: {e.Message}"));
        var list = new JsonArray();
        foreach (var error in errors)
            list.Add(new JsonObject { ["FieldName"] = error.FieldName, ["Message"] = error.Message, ["Code"] = error.Code });
        return PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Validation, message, new JsonObject { ["Reason"] = reason, ["ErrorList"] = list });
    }
}
