using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Http;
using Switchyard.Dispatcher.Storage;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary><c>GET /deliveries</c>: the delivery log, newest first, filtered.</summary>
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
        return endpoints;
    }

    static async Task<IResult> ListAsync(HttpContext context, DispatcherDbContext db, string? subscription, Guid? eventId, string? webhookId,
        string? eventType, string? outcome, DateTimeOffset? since, long? before, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return Caller.Invalid("/limit", $"limit must be between 1 and {MaxLimit}.");

        // Only deliveries of subscriptions the caller can see.
        var caller = Caller.Name(context);
        var visible = db.Subscriptions.Where(s => s.Source == SubscriptionSources.Configuration || s.Owner == caller).Select(s => s.Id);
        var query = db.DeliveryAttempts.AsNoTracking().Where(a => visible.Contains(a.SubscriptionId));
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
