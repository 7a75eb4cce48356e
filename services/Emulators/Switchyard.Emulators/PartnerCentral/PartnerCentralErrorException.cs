// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// An error the emulator answers with, in the AWS JSON 1.0 shape: an HTTP status, <c>__type</c> (also in the
/// <c>x-amzn-ErrorType</c> header), <c>message</c>, and any members the error shape has (e.g. a validation error's
/// <c>Reason</c> and <c>ErrorList</c>).
/// </summary>
public sealed class PartnerCentralErrorException(string errorType, int statusCode, string message, JsonObject? members = null)
    : Exception($"{errorType}: {message}")
{
    /// <summary>The error's shape name, e.g. <c>ValidationException</c>.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>The HTTP status the error is answered with.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The error's message.</summary>
    public string Reason { get; } = message;

    /// <summary>Members of the error shape besides the message, or null.</summary>
    public JsonObject? Members { get; } = members;

    /// <summary>How long the caller should wait before trying again, sent as <c>Retry-After</c>; null sends none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A fault of <paramref name="errorType"/> with the status the Partner Central model gives that type.</summary>
    public static PartnerCentralErrorException Of(string errorType, string message, JsonObject? members = null) =>
        new(errorType, PartnerCentralErrorTypes.DefaultStatus(errorType), message, members);

    /// <summary>
    /// A <c>ValidationException</c> in the model's shape (<c>Message</c>, <c>Reason</c>, <c>ErrorList</c> of
    /// <c>FieldName</c>, <c>Message</c>, <c>Code</c>), its message listing every problem the way AWS front ends word
    /// them ("2 validation errors detected: Value at 'X' failed to satisfy constraint: ..."), never quoting a value.
    /// </summary>
    /// <param name="violations">The problems, at least one.</param>
    /// <param name="reason"><see cref="RequestValidationFailed"/> or <see cref="BusinessValidationFailed"/>.</param>
    public static PartnerCentralErrorException Validation(IReadOnlyList<ModelViolation> violations, string reason)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var message = $"{violations.Count} validation error{(violations.Count == 1 ? "" : "s")} detected: " +
                      string.Join("; ", violations.Select(v => v.Sentence));
        var list = new JsonArray();
        foreach (var violation in violations)
            list.Add(new JsonObject { ["FieldName"] = violation.Path, ["Message"] = violation.Message, ["Code"] = violation.Code });
        return Of(PartnerCentralErrorTypes.Validation, message, new JsonObject { ["Reason"] = reason, ["ErrorList"] = list });
    }

    /// <summary>The request is malformed: a member misses, or breaks the model's constraints.</summary>
    public const string RequestValidationFailed = "REQUEST_VALIDATION_FAILED";

    /// <summary>The request breaks a business rule (a documented cross-field rule, a state that forbids the change).</summary>
    public const string BusinessValidationFailed = "BUSINESS_VALIDATION_FAILED";
}

/// <summary>
/// The error types the emulator answers with. The service's own come from the Smithy model of Partner Central Selling
/// (<c>com.amazonaws.partnercentralselling#...</c>, with their <c>httpError</c> codes); the authentication and protocol
/// errors are the ones every AWS JSON service answers (<c>com.amazon.coral.service#...</c>).
/// </summary>
public static class PartnerCentralErrorTypes
{
    /// <summary>The input fails the model's constraints or a business rule. 400.</summary>
    public const string Validation = "ValidationException";

    /// <summary>The caller may not perform the action. 403.</summary>
    public const string AccessDenied = "AccessDeniedException";

    /// <summary>The opportunity or solution does not exist in the catalog. 404.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";

    /// <summary>The resource changed (stale <c>LastModifiedDate</c>) or a client token was reused with another body. 409.</summary>
    public const string Conflict = "ConflictException";

    /// <summary>A quota would be exceeded. 402.</summary>
    public const string ServiceQuotaExceeded = "ServiceQuotaExceededException";

    /// <summary>Too many requests. 429.</summary>
    public const string Throttling = "ThrottlingException";

    /// <summary>The service failed. 500.</summary>
    public const string InternalServer = "InternalServerException";

    /// <summary>The request carries no signature. 403.</summary>
    public const string MissingAuthenticationToken = "MissingAuthenticationTokenException";

    /// <summary>The Authorization header is malformed or lacks a part. 403.</summary>
    public const string IncompleteSignature = "IncompleteSignatureException";

    /// <summary>The signature does not match, is expired, or is scoped to another region or service. 403.</summary>
    public const string InvalidSignature = "InvalidSignatureException";

    /// <summary>The access key (or its session token) is unknown. 403.</summary>
    public const string UnrecognizedClient = "UnrecognizedClientException";

    /// <summary>The body is not JSON, or a member has the wrong JSON type. 400.</summary>
    public const string Serialization = "SerializationException";

    /// <summary>The <c>X-Amz-Target</c> names no operation of the service. 400.</summary>
    public const string UnknownOperation = "UnknownOperationException";

    static readonly HashSet<string> CoralTypes =
    [
        MissingAuthenticationToken, IncompleteSignature, InvalidSignature, UnrecognizedClient, Serialization, UnknownOperation,
    ];

    /// <summary>The HTTP status of an error type: the model's <c>httpError</c>, 403 for authentication errors, else 400.</summary>
    public static int DefaultStatus(string errorType) => errorType switch
    {
        AccessDenied or MissingAuthenticationToken or IncompleteSignature or InvalidSignature or UnrecognizedClient => 403,
        ResourceNotFound => 404,
        Conflict => 409,
        ServiceQuotaExceeded => 402,
        Throttling => 429,
        InternalServer => 500,
        _ => 400,
    };

    /// <summary>The <c>__type</c> as AWS writes it: the shape id with its namespace.</summary>
    public static string Qualified(string errorType) =>
        (CoralTypes.Contains(errorType) ? "com.amazon.coral.service#" : "com.amazonaws.partnercentralselling#") + errorType;

    /// <summary>
    /// The name of the message member in the error's body: <c>Message</c>, as the model's error shapes name it, for the
    /// service's own errors; <c>message</c> for the authentication and protocol errors every AWS JSON service answers.
    /// </summary>
    public static string MessageMember(string errorType) => CoralTypes.Contains(errorType) ? "message" : "Message";
}
