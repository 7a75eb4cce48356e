using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Hosting.Http;
using Switchyard.Receipt.Http;
using Switchyard.Receipt.Publishing;

namespace Switchyard.Receipt.HubSpot;

/// <summary>
/// <c>POST /webhooks/hubspot</c>: a signed HubSpot batch in, one broker-confirmed message per subscribed event out,
/// and an answer only once the broker has them all.
/// </summary>
public static partial class HubSpotWebhookEndpoint
{
    /// <summary>Where HubSpot sends its webhooks.</summary>
    public const string Path = "/webhooks/hubspot";

    const string Endpoint = "hubspot";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHubSpotWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync)
            .WithName("ReceiveHubSpotWebhook")
            .WithSummary("Receive a batch of HubSpot webhook events")
            .WithDescription("A JSON array of up to 100 HubSpot events, signed with X-HubSpot-Signature-v3 (or v1/v2). " +
                             "Answers 200 only once every subscribed event is confirmed by the broker; 503 with Retry-After otherwise.")
            .Accepts<HubSpotWebhookEventDocument[]>("application/json")
            .Produces<WebhookReceived>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    static async Task<IResult> ReceiveAsync(HttpContext context, HubSpotSignatureVerifier verifier, ConfirmedPublisher publisher,
        SubscribedTypes subscribed, IOptions<HubSpotWebhookOptions> hubspot, IOptions<ReceiptOptions> receipt,
        ReceiptMetrics metrics, TimeProvider clock, ILogger<WebhookReceived> logger, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var correlationId = Correlation.Establish(context);

        if (!RequestBody.IsJson(request))
            return Reject(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "HubSpot webhooks are JSON: send Content-Type: application/json.");

        var body = await RequestBody.ReadAsync(request, receipt.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
            return Reject(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge,
                $"The body is larger than {receipt.Value.MaxBodyBytes} bytes (Receipt:MaxBodyBytes).");

        if (verifier.Enabled && verifier.Verify(request, body) is { } failure)
            return Reject(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidSignature, failure.Detail,
                new Dictionary<string, object?> { ["check"] = failure.Check });

        var batch = HubSpotBatchParser.Parse(body, clock.GetUtcNow(), hubspot.Value.MaxEventsPerBatch, subscribed.Types);
        if (batch.Error is { } error)
        {
            var where = new Dictionary<string, object?>();
            if (error.EventIndex is { } index)
                where["eventIndex"] = index;
            if (error.JsonPointer is { } pointer)
                where["pointer"] = pointer;
            return Reject(error.Status, error.Type, error.Detail, where);
        }

        var outgoing = batch.Accepted
            .Select(e => new Outgoing<HubSpotEventReceived>(e.Message, e.MessageId, e.Message.ObjectId.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        // Cancelled when HubSpot gives up: it sends the batch again, under the same message ids.
        if (!(await publisher.PublishAsync(outgoing, correlationId, cancellationToken)).IsConfirmed)
        {
            metrics.Unavailable(Endpoint);
            context.Response.Headers.RetryAfter = receipt.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.BrokerUnavailable,
                "Nothing was acknowledged; send the batch again.", new Dictionary<string, object?> { ["correlationId"] = correlationId });
        }

        metrics.Accepted(Endpoint, outgoing.Count, batch.Ignored);
        LogAccepted(logger, correlationId, outgoing.Count, batch.Ignored);
        return Results.Ok(new WebhookReceived("Webhook received", outgoing.Count, batch.Ignored, correlationId));

        IResult Reject(int status, string type, string detail, IDictionary<string, object?>? extensions = null)
        {
            metrics.Rejected(Endpoint, type);
            LogRejected(logger, correlationId, status, type, detail);
            return ProblemResults.Create(status, type, detail, extensions);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Accepted HubSpot batch {CorrelationId}: {Enqueued} enqueued, {Ignored} ignored")]
    static partial void LogAccepted(ILogger logger, Guid correlationId, int enqueued, int ignored);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused HubSpot webhook {CorrelationId} with {Status} {ProblemType}: {Detail}")]
    static partial void LogRejected(ILogger logger, Guid correlationId, int status, string problemType, string detail);

    /// <summary>The response HubSpot gets once every event of the batch is confirmed.</summary>
    public sealed record WebhookReceived(string Message, int Enqueued, int Ignored, Guid CorrelationId);
}
