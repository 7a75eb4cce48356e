using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Switchyard.Dispatcher.Delivery.Safety;
using Switchyard.Dispatcher.Http;
using Switchyard.Dispatcher.Samples;
using Switchyard.Dispatcher.Storage;
using Switchyard.Hosting;
using Switchyard.Hosting.Http;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>
/// Zapier's REST Hooks: <c>POST /hooks</c> subscribes a URL to an event type, <c>DELETE /hooks/{id}</c> unsubscribes,
/// <c>GET /hooks/samples/{event}</c> gives recent events for setting up a trigger. Same bearer tokens as <c>/events</c>.
/// </summary>
public static class RestHooksEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapRestHooks(this IEndpointRouteBuilder endpoints)
    {
        var hooks = endpoints.MapGroup("/hooks").RequireAuthorization().WithTags("REST Hooks");

        hooks.MapPost("", SubscribeAsync)
            .WithName("Subscribe")
            .WithSummary("Subscribe a webhook URL to an event type (Zapier's performSubscribe)")
            .WithDescription("Body: {\"target_url\": \"https://…\", \"event\": \"opportunity.created\"} (event * receives all). " +
                             "Answers 201 with the subscription's id and its whsec_ signing secret.")
            .Accepts<HookRequest>("application/json")
            .Produces<HookCreated>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        hooks.MapDelete("/{id}", UnsubscribeAsync)
            .WithName("Unsubscribe")
            .WithSummary("Remove a subscription made with POST /hooks (Zapier's performUnsubscribe)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        hooks.MapGet("/samples/{event}", SamplesAsync)
            .WithName("Samples")
            .WithSummary("Recent events of a type, newest first, as webhooks carry them (Zapier's perform list)")
            .Produces<JsonElement[]>();

        return endpoints;
    }

    static async Task<IResult> SubscribeAsync(HttpContext context, DispatcherDbContext db, SubscriptionCache cache, GuardedConnector connector,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await Caller.ReadObjectAsync(context.Request, cancellationToken);
        if (problem is not null)
            return problem;

        if (!body.TryGetProperty("target_url", out var target) || target.ValueKind != JsonValueKind.String ||
            !Uri.TryCreate(target.GetString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return Caller.Invalid("/target_url", "target_url is required: an absolute http or https URL.");
        if (url.OriginalString.Length > 2048)
            return Caller.Invalid("/target_url", "target_url is longer than 2048 characters.");
        if (!body.TryGetProperty("event", out var eventType) || eventType.ValueKind != JsonValueKind.String || !Caller.IsEventType(eventType.GetString()!))
            return Caller.Invalid("/event", "event is required: an event type such as opportunity.created (letters, digits and . _ : / -), or * for all.");

        if (await connector.CheckAsync(url, cancellationToken) is { } refusal)
            return ProblemResults.Create(StatusCodes.Status422UnprocessableEntity, ProblemTypes.TargetRefused, refusal, new Dictionary<string, object?> { ["pointer"] = "/target_url" });

        var record = new SubscriptionRecord
        {
            Id = "hook_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Source = SubscriptionSources.Api,
            Owner = Caller.Name(context),
            Url = url.OriginalString,
            Events = eventType.GetString()!,
            Secrets = WebhookSecret.Generate(),
            Status = SubscriptionStatuses.Active,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Subscriptions.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();

        return Results.Created($"/hooks/{record.Id}", new HookCreated(record.Id, record.Url, record.Events, record.Secrets));
    }

    static async Task<IResult> UnsubscribeAsync(string id, HttpContext context, DispatcherDbContext db, SubscriptionCache cache,
        CancellationToken cancellationToken)
    {
        var owner = Caller.Name(context);
        var deleted = await db.Subscriptions
            .Where(s => s.Id == id && s.Source == SubscriptionSources.Api && s.Owner == owner)
            .ExecuteDeleteAsync(cancellationToken);
        cache.Invalidate();
        return deleted == 1 ? Results.NoContent() : Caller.NotFound($"You have no subscription {id} made with POST /hooks.");
    }

    static async Task<IResult> SamplesAsync(string @event, SampleStore samples, CancellationToken cancellationToken)
    {
        var bodies = await samples.NewestAsync(@event, cancellationToken);
        return Results.Text("[" + string.Join(',', bodies) + "]", "application/json");
    }
}

/// <summary>The body of <c>POST /hooks</c>, Zapier's names.</summary>
/// <param name="TargetUrl">Where to deliver.</param>
/// <param name="Event">The event type, or <c>*</c>.</param>
public sealed record HookRequest([property: JsonPropertyName("target_url")] string TargetUrl, [property: JsonPropertyName("event")] string Event);

/// <summary>The answer to <c>POST /hooks</c>.</summary>
/// <param name="Id">What <c>DELETE /hooks/{id}</c> takes.</param>
/// <param name="TargetUrl">Where events go.</param>
/// <param name="Event">The event type subscribed to.</param>
/// <param name="Secret">The <c>whsec_</c> secret the <c>webhook-signature</c> header is made with; shown only here.</param>
public sealed record HookCreated(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("target_url")] string TargetUrl,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("secret")] string Secret);
