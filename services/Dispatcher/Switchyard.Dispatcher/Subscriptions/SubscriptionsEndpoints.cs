using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Http;
using Switchyard.Dispatcher.Storage;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Http;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>
/// Seeing and mending subscriptions: the caller's own (made with <c>POST /hooks</c>) and those from configuration.
/// Secrets are never listed.
/// </summary>
public static class SubscriptionsEndpoints
{
    /// <summary>How long the previous secret keeps signing after a rotation, so receivers can move to the new one.</summary>
    public static readonly TimeSpan RotationGrace = TimeSpan.FromHours(24);

    /// <summary>The type of the event <c>POST /subscriptions/{id}/test</c> delivers.</summary>
    public const string TestEventType = "switchyard.test";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder endpoints)
    {
        var subscriptions = endpoints.MapGroup("/subscriptions").RequireAuthorization().WithTags("Subscriptions");

        subscriptions.MapGet("", ListAsync)
            .WithName("ListSubscriptions")
            .WithSummary("The caller's subscriptions and those from configuration, with their state")
            .Produces<SubscriptionView[]>();

        subscriptions.MapGet("/{id}", GetAsync)
            .WithName("GetSubscription")
            .Produces<SubscriptionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapPost("/{id}/enable", EnableAsync)
            .WithName("EnableSubscription")
            .WithSummary("Re-enable a disabled or deactivated subscription; then replay its deliveries from the error queue")
            .Produces<SubscriptionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        subscriptions.MapPost("/{id}/disable", DisableAsync)
            .WithName("DisableSubscription")
            .WithSummary("Stop delivering to a subscription: its deliveries wait in the error queue until it is enabled again")
            .Produces<SubscriptionView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        subscriptions.MapPost("/{id}/test", SendTestAsync)
            .WithName("SendTestEvent")
            .WithSummary($"Deliver a {TestEventType} event to this subscription alone, signed like any other")
            .WithDescription("202 once the delivery is queued; its attempts appear in the delivery log under the returned webhookId.")
            .Produces<Redelivery>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        subscriptions.MapPost("/{id}/rotate-secret", RotateAsync)
            .WithName("RotateSubscriptionSecret")
            .WithSummary("Make a new signing secret; the old one keeps signing for 24 hours")
            .Produces<SecretRotated>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }

    static IQueryable<SubscriptionRecord> Visible(DispatcherDbContext db, HttpContext context)
    {
        var caller = Caller.Name(context);
        return db.Subscriptions.AsNoTracking().Where(s => s.Source == SubscriptionSources.Configuration || s.Owner == caller);
    }

    static async Task<IResult> ListAsync(HttpContext context, DispatcherDbContext db, CancellationToken cancellationToken) =>
        Results.Ok((await Visible(db, context).OrderBy(s => s.Id).ToListAsync(cancellationToken)).Select(SubscriptionView.From));

    static async Task<IResult> GetAsync(string id, HttpContext context, DispatcherDbContext db, CancellationToken cancellationToken) =>
        await Visible(db, context).FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } record
            ? Results.Ok(SubscriptionView.From(record))
            : Unknown(id);

    static async Task<IResult> EnableAsync(string id, HttpContext context, DispatcherDbContext db, SubscriptionStore store, CancellationToken cancellationToken)
    {
        if (!await Visible(db, context).AnyAsync(s => s.Id == id, cancellationToken))
            return Unknown(id);
        await store.EnableAsync(id, cancellationToken);
        return Results.Ok(SubscriptionView.From(await db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken)));
    }

    static async Task<IResult> DisableAsync(string id, HttpContext context, DispatcherDbContext db, SubscriptionStore store, CancellationToken cancellationToken)
    {
        var record = await Visible(db, context).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (record is null)
            return Unknown(id);
        if (record.Status == SubscriptionStatuses.Deactivated)
            return ProblemResults.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict,
                $"Subscription {id} is deactivated (its receiver answered 410 Gone): it receives nothing already; enable it to deliver again.");

        // Already disabled stays as it is, with the reason it has.
        await store.LeaveActiveAsync(id, SubscriptionStatuses.Disabled, $"Disabled by {Caller.Name(context)}; enable it to deliver the waiting deliveries.", cancellationToken);
        return Results.Ok(SubscriptionView.From(await db.Subscriptions.AsNoTracking().FirstAsync(s => s.Id == id, cancellationToken)));
    }

    static async Task<IResult> SendTestAsync(string id, HttpContext context, DispatcherDbContext db, IBus bus, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var record = await Visible(db, context).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (record is null)
            return Unknown(id);
        if (record.Url is null)
            return ProblemResults.Create(StatusCodes.Status409Conflict, ProblemTypes.Conflict,
                $"Subscription {id} is an inbox: its events are fetched from GET /inbox, not delivered.");

        var eventId = Guid.NewGuid();
        var webhookId = FanOut.EventFanOutConsumer.WebhookIdFor(eventId, id);
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{context.RequestServices.QueueName(DispatcherModule.DeliveryEndpointName)}"));
        await endpoint.Send(new DeliverWebhook
        {
            WebhookId = webhookId,
            SubscriptionId = id,
            EventId = eventId,
            EventType = TestEventType,
            OccurredAt = clock.GetUtcNow(),
            Data = JsonSerializer.SerializeToElement(new { subscriptionId = id, requestedBy = Caller.Name(context), message = "A test event from Switchyard: no action needed." }),
        }, cancellationToken);
        return Results.Accepted(value: new Redelivery(webhookId, id, eventId));
    }

    static async Task<IResult> RotateAsync(string id, HttpContext context, DispatcherDbContext db, SubscriptionCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var record = await db.Subscriptions.FirstOrDefaultAsync(s => s.Id == id && (s.Source == SubscriptionSources.Configuration || s.Owner == Caller.Name(context)), cancellationToken);
        if (record is null)
            return Unknown(id);
        if (record.Source == SubscriptionSources.Configuration)
            return ProblemResults.Create(StatusCodes.Status409Conflict, ProblemTypes.ManagedByConfiguration,
                $"Subscription {id} comes from configuration: put the new secret first in Dispatcher:Subscriptions:…:Secrets and keep the old one after it until receivers have moved.");

        var secret = WebhookSecret.Generate();
        var expires = clock.GetUtcNow().UtcDateTime + RotationGrace;
        record.Secrets = $"{secret} {record.Secrets.Split(' ')[0]}";
        record.PreviousSecretsExpireAt = expires;
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
        return Results.Ok(new SecretRotated(id, secret, new DateTimeOffset(expires)));
    }

    static IResult Unknown(string id) => Caller.NotFound($"There is no subscription {id} that you can see.");
}

/// <summary>A subscription as the API shows it: everything but its secrets.</summary>
public sealed record SubscriptionView(
    string Id,
    string Source,
    string? Url,
    string? Inbox,
    IReadOnlyList<string> Events,
    string Status,
    string? StatusReason,
    DateTimeOffset? StatusChangedAt,
    DateTimeOffset? FailingSince,
    int ConsecutiveFailures,
    DateTimeOffset CreatedAt)
{
    /// <summary>The view of a stored subscription.</summary>
    public static SubscriptionView From(SubscriptionRecord r) => new(
        r.Id, r.Source, r.Url, r.Url is null ? r.Owner : null, r.EventList, r.Status, r.StatusReason,
        Utc(r.StatusChangedAt), Utc(r.FailingSince), r.ConsecutiveFailures, new DateTimeOffset(r.CreatedAt, TimeSpan.Zero));

    static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}

/// <summary>The answer to a rotation.</summary>
/// <param name="Id">The subscription.</param>
/// <param name="Secret">The new <c>whsec_</c> secret; shown only here.</param>
/// <param name="PreviousSecretExpiresAt">Until when the old secret also signs.</param>
public sealed record SecretRotated(string Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);
