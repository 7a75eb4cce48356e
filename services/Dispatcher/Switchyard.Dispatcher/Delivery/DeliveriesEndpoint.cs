using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Http;
using Switchyard.Dispatcher.Storage;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Contracts.Delivery;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Http;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// <c>GET /deliveries</c>: the delivery log, newest first, filtered; one attempt whole; its redelivery; and the log's
/// counts per minute.
/// </summary>
public static class DeliveriesEndpoint
{
    const int DefaultLimit = 50;
    const int MaxLimit = 500;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapDeliveries(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/deliveries", ListAsync)
            .RequireAuthorization()
            .WithTags("Deliveries")
            .WithName("ListDeliveries")
            .WithSummary("Delivery attempts, newest first")
            .WithDescription("Filters: subscription, eventId, webhookId, eventType, outcome (delivered, retrying, failed, gone, dropped), since (ISO 8601). " +
                             "Paging: limit (1–500, default 50) and before (the next cursor of the previous page).")
            .Produces<DeliveryPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        endpoints.MapGet("/deliveries/{id:long}", GetAsync)
            .RequireAuthorization()
            .WithTags("Deliveries")
            .WithName("GetDelivery")
            .WithSummary("One attempt whole: the request's headers and body, the answer's status, the start of its body, the latency")
            .Produces<DeliveryDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapPost("/deliveries/{id:long}/redeliver", RedeliverAsync)
            .RequireAuthorization()
            .WithTags("Deliveries")
            .WithName("Redeliver")
            .WithSummary("Deliver the attempt's event to its subscription again, with the same webhook-id and body")
            .WithDescription("202 once the delivery is queued; its attempts appear in the log like any other. 409 when the attempt was logged before requests were kept.")
            .Produces<Redelivery>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        endpoints.MapGet("/deliveries/summary", SummaryAsync)
            .RequireAuthorization()
            .WithTags("Deliveries")
            .WithName("SummarizeDeliveries")
            .WithSummary("Attempts per minute and outcome over the last minutes (1–1440, default 15)")
            .Produces<DeliverySummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    /// <summary>The caller's view of the log: attempts of the subscriptions it can see.</summary>
    static IQueryable<DeliveryAttemptRecord> Visible(DispatcherDbContext db, HttpContext context)
    {
        var caller = Caller.Name(context);
        var visible = db.Subscriptions.Where(s => s.Source == SubscriptionSources.Configuration || s.Owner == caller).Select(s => s.Id);
        return db.DeliveryAttempts.AsNoTracking().Where(a => visible.Contains(a.SubscriptionId));
    }

    static async Task<IResult> GetAsync(long id, HttpContext context, DispatcherDbContext db, CancellationToken cancellationToken) =>
        await Visible(db, context).FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } attempt
            ? Results.Ok(DeliveryDetail.From(attempt))
            : Caller.NotFound($"There is no delivery attempt {id} that you can see.");

    static async Task<IResult> RedeliverAsync(long id, HttpContext context, DispatcherDbContext db, IBus bus, CancellationToken cancellationToken)
    {
        var attempt = await Visible(db, context).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (attempt is null)
            return Caller.NotFound($"There is no delivery attempt {id} that you can see.");
        if (attempt.RequestBody is null || ReadPayload(attempt.RequestBody) is not { } payload)
            return ProblemResults.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict,
                $"Attempt {id} sent no request that was kept (it was not attempted, or logged before requests were kept): replay its delivery from the error queue instead.");

        // The same webhook-id: receivers that already have the event recognise it (Standard Webhooks' idempotency key).
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{context.RequestServices.QueueName(DispatcherModule.DeliveryEndpointName)}"));
        await endpoint.Send(new DeliverWebhook
        {
            WebhookId = attempt.WebhookId,
            SubscriptionId = attempt.SubscriptionId,
            EventId = attempt.EventId,
            EventType = attempt.EventType,
            OccurredAt = payload.Timestamp,
            Data = payload.Data,
        }, cancellationToken);
        return Results.Accepted(value: new Redelivery(attempt.WebhookId, attempt.SubscriptionId, attempt.EventId));
    }

    static WebhookPayload? ReadPayload(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookPayload>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static async Task<IResult> SummaryAsync(HttpContext context, DispatcherDbContext db, TimeProvider clock, int? minutes, CancellationToken cancellationToken)
    {
        var span = minutes ?? 15;
        if (span is < 1 or > 1440)
            return Caller.Invalid("/minutes", "minutes must be between 1 and 1440.");

        var now = clock.GetUtcNow();
        var from = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1 - span);
        var since = from.UtcDateTime;
        // Two columns of the window's attempts, counted here: grouping by minute is written differently in SQLite and
        // PostgreSQL, and a window holds at most the attempts of a day.
        var rows = await Visible(db, context).Where(a => a.AttemptedAt >= since)
            .Select(a => new { a.AttemptedAt, a.Outcome, a.LatencyMs }).ToListAsync(cancellationToken);
        var buckets = Enumerable.Range(0, span).Select(i => from.AddMinutes(i)).Select(minute =>
        {
            var inMinute = rows.Where(r => r.AttemptedAt >= minute.UtcDateTime && r.AttemptedAt < minute.UtcDateTime.AddMinutes(1)).ToList();
            return new DeliveryMinute(minute,
                inMinute.GroupBy(r => r.Outcome).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
        }).ToList();
        var latencies = rows.Where(r => r.Outcome == DeliveryOutcomes.Delivered).Select(r => r.LatencyMs).Order().ToList();
        return Results.Ok(new DeliverySummary(from, now, buckets,
            latencies.Count == 0 ? null : Math.Round(latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1], 1)));
    }

    static async Task<IResult> ListAsync(HttpContext context, DispatcherDbContext db, string? subscription, Guid? eventId, string? webhookId,
        string? eventType, string? outcome, DateTimeOffset? since, long? before, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return Caller.Invalid("/limit", $"limit must be between 1 and {MaxLimit}.");

        // Only deliveries of subscriptions the caller can see.
        var query = Visible(db, context);
        if (subscription is not null)
            query = query.Where(a => a.SubscriptionId == subscription);
        if (eventId is { } id)
            query = query.Where(a => a.EventId == id);
        if (webhookId is not null)
            query = query.Where(a => a.WebhookId == webhookId);
        if (eventType is not null)
            query = query.Where(a => a.EventType == eventType);
        if (outcome is not null)
            query = query.Where(a => a.Outcome == outcome);
        if (since is { } from)
        {
            var utc = from.UtcDateTime;
            query = query.Where(a => a.AttemptedAt >= utc);
        }

        if (before is { } cursor)
            query = query.Where(a => a.Id < cursor);

        var page = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = page.Take(take).Select(DeliveryView.From).ToList();
        return Results.Ok(new DeliveryPage(items, page.Count > take ? items[^1].Id : null));
    }
}

/// <summary>A page of the delivery log.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="Next">Pass as <c>before</c> for the next page; null on the last.</param>
public sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, long? Next);

/// <summary>One attempt as the API shows it.</summary>
public sealed record DeliveryView(long Id, string WebhookId, Guid EventId, string EventType, string SubscriptionId, int Attempt,
    DateTimeOffset AttemptedAt, string Outcome, int? StatusCode, string? Error, double LatencyMs, DateTimeOffset? NextAttemptAt)
{
    /// <summary>The view of a stored attempt.</summary>
    public static DeliveryView From(DeliveryAttemptRecord a) => new(a.Id, a.WebhookId, a.EventId, a.EventType, a.SubscriptionId, a.Attempt,
        new DateTimeOffset(a.AttemptedAt, TimeSpan.Zero), a.Outcome, a.StatusCode, a.Error, Math.Round(a.LatencyMs, 1),
        a.NextAttemptAt is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null);
}

/// <summary>One attempt whole.</summary>
/// <param name="Attempt">What the log lists.</param>
/// <param name="RequestHeaders">The headers sent (no secret: a signature does not reveal its key); null when nothing was sent.</param>
/// <param name="RequestBody">The body sent; null when nothing was sent.</param>
/// <param name="ResponseExcerpt">The start of the subscriber's answer, when it gave one.</param>
public sealed record DeliveryDetail(DeliveryView Attempt, IReadOnlyDictionary<string, string>? RequestHeaders, string? RequestBody, string? ResponseExcerpt)
{
    /// <summary>The detail of a stored attempt.</summary>
    public static DeliveryDetail From(DeliveryAttemptRecord a) => new(DeliveryView.From(a),
        a.RequestHeaders is { } headers ? JsonSerializer.Deserialize<Dictionary<string, string>>(headers) : null,
        a.RequestBody, a.ResponseExcerpt);
}

/// <summary>A redelivery queued.</summary>
public sealed record Redelivery(string WebhookId, string SubscriptionId, Guid EventId);

/// <summary>The log's attempts per minute.</summary>
/// <param name="From">The start of the first minute.</param>
/// <param name="To">When the summary was made.</param>
/// <param name="Minutes">Oldest first, one per minute, empty minutes included.</param>
/// <param name="DeliveredLatencyP95Ms">The 95th percentile of the delivered attempts' latency over the window, when there were any.</param>
public sealed record DeliverySummary(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DeliveryMinute> Minutes, double? DeliveredLatencyP95Ms);

/// <summary>One minute of the log: attempts by outcome (<see cref="DeliveryOutcomes"/>).</summary>
public sealed record DeliveryMinute(DateTimeOffset Minute, IReadOnlyDictionary<string, int> Outcomes);
