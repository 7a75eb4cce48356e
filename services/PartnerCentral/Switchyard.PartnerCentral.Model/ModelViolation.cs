namespace Switchyard.PartnerCentral.Model;

/// <summary>What is wrong with a value.</summary>
public enum ViolationKind
{
    /// <summary>A required member is missing or null.</summary>
    Missing,

    /// <summary>A string is not one of the model's <c>enum</c> values.</summary>
    NotInEnum,

    /// <summary>A string is not one of the values AWS's documentation lists for the member.</summary>
    NotDocumentedValue,

    /// <summary>A string does not match the model's pattern.</summary>
    PatternMismatch,

    /// <summary>A string is shorter than the model's minimum (in Unicode scalar values).</summary>
    TooShort,

    /// <summary>A string is longer than the model's maximum (in Unicode scalar values).</summary>
    TooLong,

    /// <summary>A list or map has fewer entries than the model's minimum.</summary>
    TooFewItems,

    /// <summary>A list or map has more entries than the model's maximum.</summary>
    TooManyItems,

    /// <summary>A number is outside the model's or the documented range.</summary>
    OutOfRange,

    /// <summary>A timestamp is not in the model's format.</summary>
    InvalidTimestamp,

    /// <summary>A union has no member or more than one set.</summary>
    NotOneUnionMember,

    /// <summary>
    /// The JSON value has the wrong type (a number for a string, an object for a list, ...): AWS answers a
    /// <c>SerializationException</c> for it rather than a <c>ValidationException</c>.
    /// </summary>
    WrongType,

    /// <summary>A rule AWS documents across members (see <see cref="DocumentedRules"/>) is broken.</summary>
    BusinessRule,
}

/// <summary>One problem with one member of a request.</summary>
/// <param name="Path">
/// Where, as AWS names fields: member names joined by <c>.</c>, list items as <c>[0]</c>, e.g.
/// <c>Customer.Contacts[0].Email</c>; empty for the request itself.
/// </param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">
/// The constraint in AWS's words, e.g. <c>Member must satisfy enum value set: [USD, EUR]</c>. Never quotes the
/// value, which may be personal data.
/// </param>
/// <param name="Code">The <c>ValidationExceptionErrorCode</c> AWS gives it, e.g. <c>INVALID_STRING_FORMAT</c>.</param>
public sealed record ModelViolation(string Path, ViolationKind Kind, string Message, string Code)
{
    /// <summary>The request is missing a required field.</summary>
    public const string RequiredFieldMissing = "REQUIRED_FIELD_MISSING";

    /// <summary>The value is not one of the accepted values.</summary>
    public const string InvalidEnumValue = "INVALID_ENUM_VALUE";

    /// <summary>The string is not in the expected format.</summary>
    public const string InvalidStringFormat = "INVALID_STRING_FORMAT";

    /// <summary>The value is not valid.</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>Too many entries.</summary>
    public const string TooManyValues = "TOO_MANY_VALUES";

    /// <summary>Too few entries.</summary>
    public const string NotEnoughValues = "NOT_ENOUGH_VALUES";

    /// <summary>A number out of its range.</summary>
    public const string ValueOutOfRange = "VALUE_OUT_OF_RANGE";

    /// <summary>Not permitted in the current state.</summary>
    public const string ActionNotPermitted = "ACTION_NOT_PERMITTED";

    /// <summary>Whether AWS reports it as a business rule (<c>BUSINESS_VALIDATION_FAILED</c>) rather than a malformed request.</summary>
    public bool IsBusinessRule => Kind == ViolationKind.BusinessRule;

    /// <summary>
    /// The problem as an AWS front end words it in a <c>ValidationException</c>'s message: <c>Value at 'Path' failed to
    /// satisfy constraint: Message</c> (<c>Value null at ...</c> for a missing member).
    /// </summary>
    public string Sentence => Kind == ViolationKind.Missing
        ? $"Value null at '{Path}' failed to satisfy constraint: {Message}"
        : $"Value at '{Path}' failed to satisfy constraint: {Message}";

    /// <inheritdoc />
    public override string ToString() => $"{Code} {Sentence}";
}
