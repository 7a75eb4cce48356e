namespace Switchyard.Hosting;

/// <summary>
/// The <c>type</c> URIs of Switchyard's RFC 9457 problem details. Stable: clients and tests match on them.
/// </summary>
public static class ProblemTypes
{
    const string Base = "https://switchyard.dev/problems/";

    /// <summary>The body is not what the endpoint accepts (malformed JSON, wrong shape, missing field).</summary>
    public const string InvalidBody = Base + "invalid-body";

    /// <summary>The broker did not confirm in time; nothing was acknowledged, so the sender should retry.</summary>
    public const string BrokerUnavailable = Base + "broker-unavailable";

    /// <summary>The body is larger than the endpoint accepts, or the batch holds too many events.</summary>
    public const string BodyTooLarge = Base + "body-too-large";

    /// <summary>The body is not JSON (by its Content-Type).</summary>
    public const string UnsupportedMediaType = Base + "unsupported-media-type";

    /// <summary>A bearer token is missing, expired, tampered with or signed with another key.</summary>
    public const string InvalidToken = Base + "invalid-token";

    /// <summary>The username and password given for a token match no API key.</summary>
    public const string InvalidCredentials = Base + "invalid-credentials";

    /// <summary>A webhook's signature is missing, of an unknown version, stale, or does not match the request.</summary>
    public const string InvalidSignature = Base + "invalid-signature";

    /// <summary>An Idempotency-Key was reused with a different request.</summary>
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";

    /// <summary>A request with the same Idempotency-Key is still being processed.</summary>
    public const string IdempotencyKeyInFlight = Base + "idempotency-key-in-flight";

    /// <summary>The client sent too many requests; retry after the time in <c>Retry-After</c>.</summary>
    public const string TooManyRequests = Base + "too-many-requests";

    /// <summary>A webhook URL is refused: not http(s), does not resolve, or reaches a private or metadata address.</summary>
    public const string TargetRefused = Base + "target-refused";

    /// <summary>The thing asked for is declared in configuration and changes only there.</summary>
    public const string ManagedByConfiguration = Base + "managed-by-configuration";

    /// <summary>The bearer token is valid, but its client may not do this; the detail says how to allow it.</summary>
    public const string Forbidden = Base + "forbidden";

    /// <summary>An in-memory error or skipped queue holds as many messages as it may; nothing was added.</summary>
    public const string ErrorQueueFull = Base + "error-queue-full";

    /// <summary>The request is well formed, but the state of what it names forbids it (e.g. an answered invitation).</summary>
    public const string Conflict = Base + "conflict";

    /// <summary>No endpoint at this path, or no resource with this id.</summary>
    public const string NotFound = Base + "not-found";

    /// <summary>The endpoint exists but not for this HTTP method.</summary>
    public const string MethodNotAllowed = Base + "method-not-allowed";

    /// <summary>Something failed on the server; the detail never holds the exception.</summary>
    public const string ServerError = Base + "server-error";

    /// <summary>The instance is stopping and takes no new work; retry after the time in <c>Retry-After</c>.</summary>
    public const string ShuttingDown = Base + "shutting-down";

    /// <summary>The problem type for a status the framework answers by itself (routing, Kestrel, the exception handler).</summary>
    public static string? ForStatus(int status) => status switch
    {
        400 => InvalidBody,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => BodyTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        >= 500 => ServerError,
        _ => null,
    };

    /// <summary>The short, fixed title of each problem type.</summary>
    public static string Title(string type) => type switch
    {
        InvalidBody => "The request body is not valid",
        Conflict => "The request conflicts with the current state",
        BrokerUnavailable => "The message broker did not confirm the events",
        BodyTooLarge => "The request body is too large",
        UnsupportedMediaType => "The request body is not of a supported media type",
        InvalidToken => "The bearer token was refused",
        InvalidCredentials => "The username and password were refused",
        InvalidSignature => "The HubSpot signature was refused",
        IdempotencyKeyReused => "The Idempotency-Key was used for a different request",
        IdempotencyKeyInFlight => "A request with this Idempotency-Key is still in progress",
        TooManyRequests => "Too many requests",
        TargetRefused => "The webhook URL is refused",
        ManagedByConfiguration => "This is managed in configuration",
        Forbidden => "The client may not do this",
        ErrorQueueFull => "The error queue is full",
        NotFound => "There is nothing at this path",
        MethodNotAllowed => "This endpoint does not accept this HTTP method",
        ServerError => "The server failed to process the request",
        ShuttingDown => "The service is shutting down",
        _ => "The request failed",
    };
}
