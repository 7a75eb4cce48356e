using System.Text.Json;
using System.Text.Json.Serialization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;

namespace Switchyard.Receipt.HubSpot;

/// <summary><c>POST /webhooks/hubspot</c>: a HubSpot batch in, one broker-confirmed message per event out.</summary>
public static partial class HubSpotWebhookEndpoint
{
    /// <summary>Where HubSpot sends its webhooks.</summary>
    public const string Path = "/webhooks/hubspot";

    static readonly JsonSerializerOptions WireOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapHubSpotWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync).WithName("ReceiveHubSpotWebhook");
        return endpoints;
    }

    static async Task<IResult> ReceiveAsync(HttpRequest request, IPublishEndpoint publisher, TimeProvider clock,
        IOptions<ReceiptOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        HubSpotWebhookEvent?[]? batch;
        try
        {
            batch = await JsonSerializer.DeserializeAsync<HubSpotWebhookEvent?[]>(request.Body, WireOptions, cancellationToken);
        }
        catch (JsonException e)
        {
            return InvalidBody($"The body is not a JSON array of HubSpot events: {e.Message}");
        }

        if (batch is null)
            return InvalidBody("The body is not a JSON array of HubSpot events: it is null.");

        // Every event is checked before any is published, so a bad batch publishes nothing.
        var receivedAt = clock.GetUtcNow();
        var messages = new HubSpotEventReceived[batch.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            if (batch[i] is not { } wire)
                return InvalidBody($"Event {i} is null.");
            var (message, error) = wire.ToMessage(receivedAt);
            if (message is null)
                return InvalidBody($"Event {i} {error}.");
            messages[i] = message;
        }

        var correlationId = NewId.NextGuid();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            // With publisher confirmation on, each task completes only when the broker has the message. Mandatory: a
            // message no queue is bound to yet (the processor never started) comes back as an error instead of being
            // confirmed and dropped.
            await Task.WhenAll(messages.Select(message => publisher.Publish(message, context =>
            {
                context.CorrelationId = correlationId;
                context.Mandatory = true;
            }, timeout.Token)));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(loggers.CreateLogger(typeof(HubSpotWebhookEndpoint)), e, messages.Length, correlationId);
            request.HttpContext.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                type: ProblemTypes.BrokerUnavailable,
                title: "The message broker did not confirm the events",
                detail: "Nothing was acknowledged; send the batch again.",
                extensions: new Dictionary<string, object?> { ["correlationId"] = correlationId });
        }

        return Results.Ok(new WebhookReceived("Webhook received", messages.Length, 0, correlationId));
    }

    static IResult InvalidBody(string detail) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        type: ProblemTypes.InvalidBody,
        title: "The webhook body is not valid",
        detail: detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing a batch of {Count} HubSpot events failed (correlation {CorrelationId}); answered 503")]
    static partial void LogPublishFailed(ILogger logger, Exception exception, int count, Guid correlationId);

    /// <summary>The response HubSpot gets once every event of the batch is confirmed.</summary>
    public sealed record WebhookReceived(string Message, int Enqueued, int Ignored, Guid CorrelationId);
}
