using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Switchyard.Contracts.Triggers;
using Switchyard.Hosting;
using Switchyard.Hosting.Http;
using Switchyard.Hosting.Messaging;
using Switchyard.Receipt.Http;
using Switchyard.Receipt.Publishing;

namespace Switchyard.Receipt.Events;

/// <summary>
/// <c>POST /events</c>: another application's event (<c>type</c>, <c>source</c>, <c>payload</c>) in, a
/// broker-confirmed <see cref="TriggerEventReceived"/> out, answered 202 with the event's id.
/// </summary>
public static partial class EventsEndpoint
{
    /// <summary>Where events are posted.</summary>
    public const string Path = "/events";

    /// <summary>The header that makes a retried request publish once and get the same answer.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The namespace of the ids derived from idempotency keys.</summary>
    public static readonly Guid EventIdNamespace = new("0f4a7c52-93d1-4e8b-a6f2-71c3be5d9e08");

    const string Endpoint = "events";
    const int MaxIdempotencyKeyLength = 255;
    const int EnvelopeAllowance = 4096;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapEventsEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, AcceptAsync)
            .WithName("PublishEvent")
            .WithSummary("Publish an event to the subscribers of its type")
            .WithDescription("Needs a bearer token from POST /token. Answers 202 once the broker has the event. " +
                             "An Idempotency-Key header makes retries safe: the same key and request get the same id and are published once.")
            .Accepts<EventRequest>("application/json")
            .Produces<EventAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization();
        return endpoints;
    }

    static async Task<IResult> AcceptAsync(HttpContext context, ConfirmedPublisher publisher, IdempotencyStore idempotency,
        IOptions<ReceiptOptions> options, ReceiptMetrics metrics, TimeProvider clock, ILogger<EventAccepted> logger,
        CancellationToken cancellationToken)
    {
        var settings = options.Value.Events;
        var correlationId = Correlation.Establish(context);
        var client = context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "";

        if (!RequestBody.IsJson(context.Request))
            return Reject(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Send the event as Content-Type: application/json.");

        var body = await RequestBody.ReadAsync(context.Request, settings.MaxPayloadBytes + EnvelopeAllowance, cancellationToken);
        if (body is null)
            return Reject(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge,
                $"The body is too large: the payload may hold at most {settings.MaxPayloadBytes} bytes (Receipt:Events:MaxPayloadBytes).");

        var (request, invalid) = EventRequest.Parse(body, settings);
        if (invalid is not null)
            return Reject(invalid.Status, invalid.Type, invalid.Detail, new Dictionary<string, object?> { ["pointer"] = invalid.Pointer });

        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        IdempotencyClaim? claim = null;
        if (key.Length > 0)
        {
            if (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
                return Reject(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody,
                    $"{IdempotencyKeyHeader} must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.");

            var found = idempotency.Claim($"{client}\n{key}", Convert.ToHexString(SHA256.HashData(body)));
            switch (found.Kind)
            {
                case IdempotencyClaimKind.Replay:
                    context.Response.Headers["Idempotent-Replayed"] = "true";
                    return Results.Json(found.Response, statusCode: StatusCodes.Status202Accepted);
                case IdempotencyClaimKind.Mismatch:
                    return Reject(StatusCodes.Status422UnprocessableEntity, ProblemTypes.IdempotencyKeyReused,
                        $"This {IdempotencyKeyHeader} was used with a different request: use a new key for a new event.");
                case IdempotencyClaimKind.InFlight:
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(found.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                    return Reject(StatusCodes.Status409Conflict, ProblemTypes.IdempotencyKeyInFlight,
                        $"A request with this {IdempotencyKeyHeader} is still being processed; retry shortly.");
                default:
                    claim = found;
                    break;
            }
        }

        var receivedAt = clock.GetUtcNow();
        var eventId = key.Length > 0 ? NameBasedGuid.Create(EventIdNamespace, $"{client}/{key}") : NewId.NextGuid();
        var message = new TriggerEventReceived
        {
            EventId = eventId,
            Type = request!.Type,
            Source = request.Source,
            Payload = request.Payload,
            ReceivedAt = receivedAt,
        };
        var accepted = new EventAccepted(eventId, "accepted", receivedAt);

        // Not cancelled when the client disconnects: a publish once started is settled either way, so that the key says
        // what really happened. Confirmed, the client's retry replays this answer; not confirmed (in time or at all),
        // the key is released for the retry. The publisher answers by the publish timeout in any case.
        var published = await publisher.PublishAsync([new Outgoing<TriggerEventReceived>(message, eventId, request.Source)], correlationId,
            CancellationToken.None);
        if (claim is not null)
            idempotency.Settle(claim, accepted, published.Settled);

        if (!published.IsConfirmed)
        {
            metrics.Unavailable(Endpoint);
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                "The event was not accepted; send it again (with the same Idempotency-Key).",
                new Dictionary<string, object?> { ["correlationId"] = correlationId });
        }

        metrics.Accepted(Endpoint, 1, 0);
        LogAccepted(logger, correlationId, request.Type, request.Source, eventId, client);
        return Results.Json(accepted, statusCode: StatusCodes.Status202Accepted);

        IResult Reject(int status, string type, string detail, IDictionary<string, object?>? extensions = null)
        {
            metrics.Rejected(Endpoint, type);
            return ProblemResults.Create(status, type, detail, extensions);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted event {CorrelationId}: {EventType} from {Source} as {EventId} for client {Client}")]
    static partial void LogAccepted(ILogger logger, Guid correlationId, string eventType, string source, Guid eventId, string client);
}

/// <summary>The body of <c>POST /events</c>.</summary>
/// <param name="Type">The event type, e.g. <c>invoice.paid</c>: letters, digits and <c>. _ : / -</c>.</param>
/// <param name="Source">The producer, e.g. <c>billing</c>, in the same characters.</param>
/// <param name="Payload">A JSON object, passed to subscribers unchanged.</param>
public sealed record EventRequest(string Type, string Source, JsonElement Payload)
{
    internal static (EventRequest? Request, EventRequestError? Error) Parse(byte[] body, EventsApiOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return (null, EventRequestError.Invalid("", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, EventRequestError.Invalid("", "The body must be a JSON object with type, source and payload."));

            if (Name(root, "type", options) is { } typeError)
                return (null, typeError);
            if (Name(root, "source", options) is { } sourceError)
                return (null, sourceError);
            if (!root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
                return (null, EventRequestError.Invalid("/payload", "payload must be a JSON object."));
            if (Encoding.UTF8.GetByteCount(payload.GetRawText()) > options.MaxPayloadBytes)
                return (null, new EventRequestError(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge, "/payload",
                    $"payload is larger than {options.MaxPayloadBytes} bytes (Receipt:Events:MaxPayloadBytes)."));

            return (new EventRequest(root.GetProperty("type").GetString()!, root.GetProperty("source").GetString()!, payload.Clone()), null);
        }
    }

    static EventRequestError? Name(JsonElement root, string field, EventsApiOptions options)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            return EventRequestError.Invalid($"/{field}", $"{field} is required: a non-empty string.");
        if (text.Length > options.MaxNameLength)
            return EventRequestError.Invalid($"/{field}", $"{field} is longer than {options.MaxNameLength} characters.");
        if (!char.IsAsciiLetterOrDigit(text[0]) || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-'))
            return EventRequestError.Invalid($"/{field}", $"{field} may hold only letters, digits and . _ : / - and must start with a letter or digit.");
        return null;
    }
}

/// <summary>Why an event request is refused.</summary>
internal sealed record EventRequestError(int Status, string Type, string Pointer, string Detail)
{
    public static EventRequestError Invalid(string pointer, string detail) =>
        new(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody, pointer, detail);
}

/// <summary>The answer to an accepted event.</summary>
/// <param name="Id">The event's id, also its message id downstream.</param>
/// <param name="Status">Always <c>accepted</c>.</param>
/// <param name="Timestamp">When the receipt accepted it.</param>
public sealed record EventAccepted(Guid Id, string Status, DateTimeOffset Timestamp);
