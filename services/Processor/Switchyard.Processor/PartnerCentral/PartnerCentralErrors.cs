using System.Text.Json;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Reads AWS JSON 1.0 error responses and decides how each error is handled. The error type comes from the
/// <c>x-amzn-ErrorType</c> header, else the body's <c>__type</c> (else <c>code</c>), reduced to the shape name as the
/// protocol specifies: what follows a <c>#</c>, up to a <c>:</c>.
/// </summary>
public static class PartnerCentralErrors
{
    /// <summary>The error type of a request that timed out.</summary>
    public const string Timeout = "RequestTimeout";

    /// <summary>The error type of a request that could not reach the service.</summary>
    public const string ConnectionFailure = "ConnectionFailure";

    /// <summary>The error type of a success answer that is not what the operation returns.</summary>
    public const string InvalidResponse = "InvalidResponse";

    /// <summary>The error type when no credentials could be found or the role could not be assumed.</summary>
    public const string CredentialsUnavailable = "CredentialsUnavailable";

    /// <summary>The error type when too many reads wait for this instance's read quota to take another.</summary>
    public const string ReadsQueued = "ReadQuotaQueueFull";

    const int MaxReasonLength = 1000;

    static readonly HashSet<string> TransientTypes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "InternalServerException", "ServiceUnavailableException", "ServiceUnavailable",
        "RequestTimeoutException", "TooManyRequestsException", "RequestLimitExceeded", "Throttling",
    };

    /// <summary>
    /// The exception for an error response: its type, message (cut to 1000 characters) and kind, and the response's
    /// <c>Retry-After</c> when it had one.
    /// </summary>
    public static PartnerCentralException FromResponse(int statusCode, string? errorTypeHeader, ReadOnlySpan<byte> body, TimeSpan? retryAfter = null)
    {
        string? type = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                        continue;
                    if (property.NameEquals("__type") || (type is null && property.Name.Equals("code", StringComparison.OrdinalIgnoreCase)))
                        type = property.Value.GetString();
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase) || property.NameEquals("errorMessage"))
                        message = property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status alone decides.
        }

        var errorType = NormalizeErrorType(string.IsNullOrWhiteSpace(errorTypeHeader) ? type : errorTypeHeader) ?? $"Http{statusCode}";
        if (string.IsNullOrWhiteSpace(message))
            message = $"Partner Central answered HTTP {statusCode}.";
        else if (message.Length > MaxReasonLength)
            message = message[..MaxReasonLength] + "...";
        return new PartnerCentralException(errorType, message, Classify(errorType, statusCode)) { RetryAfter = retryAfter };
    }

    /// <summary>
    /// The shape name in an error type as AWS sends it: <c>com.amazonaws.partnercentralselling#ValidationException</c>
    /// and <c>ValidationException:http://internal.amazon.com/...</c> are both <c>ValidationException</c>.
    /// </summary>
    public static string? NormalizeErrorType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var type = raw.Trim();
        var colon = type.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
            type = type[..colon];
        var hash = type.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            type = type[(hash + 1)..];
        return type.Length == 0 ? null : type;
    }

    /// <summary>
    /// How an error is handled: throttling, internal errors, 429 and 5xx are transient; <c>ConflictException</c> is a
    /// conflict; everything else (validation, access denied, not found, quota, signature, other 4xx) is permanent.
    /// </summary>
    public static PartnerCentralErrorKind Classify(string errorType, int statusCode)
    {
        // The rules are the error shapes' own documentation in AWS's model (partnercentral-selling.service-2.json, as
        // in the Selling API reference): ConflictException "fetch the latest state of the resource ... and retry";
        // ThrottlingException "retry after the provided delay" (see https://docs.aws.amazon.com/partner-central/latest/selling-api/quotas.html);
        // InternalServerException "usually a transient error. Retry after the provided retry delay".
        if (string.Equals(errorType, "ConflictException", StringComparison.Ordinal))
            return PartnerCentralErrorKind.Conflict;
        if (TransientTypes.Contains(errorType) || statusCode >= 500 || statusCode is 429 or 408)
            return PartnerCentralErrorKind.Transient;
        return PartnerCentralErrorKind.Permanent;
    }
}
