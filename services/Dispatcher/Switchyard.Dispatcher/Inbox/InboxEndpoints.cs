using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Dispatcher.Http;

namespace Switchyard.Dispatcher.Inbox;

/// <summary>
/// The polling inbox, for subscribers without a webhook: <c>GET /inbox</c> lists the caller's undelivered events, oldest
/// first; <c>POST /inbox/{id}/ack</c> marks one delivered.
/// </summary>
public static class InboxEndpoints
{
    const int DefaultLimit = 50;
    const int MaxLimit = 500;

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapInbox(this IEndpointRouteBuilder endpoints)
    {
        var inbox = endpoints.MapGroup("/inbox").RequireAuthorization().WithTags("Inbox");

        inbox.MapGet("", ListAsync)
            .WithName("ListInbox")
            .WithSummary("The caller's undelivered events, oldest first")
            .WithDescription("Paging: limit (1–500, default 50) and after (the next cursor of the previous page). An event stays until acknowledged.")
            .Produces<InboxPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        inbox.MapPost("/{id}/ack", AcknowledgeAsync)
            .WithName("AcknowledgeInboxEvent")
            .WithSummary("Mark one event delivered (idempotent)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    static async Task<IResult> ListAsync(HttpContext context, InboxStore store, long? after, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
            return Caller.Invalid("/limit", $"limit must be between 1 and {MaxLimit}.");

        var pending = await store.PendingAsync(Caller.Name(context), after ?? 0, take + 1, cancellationToken);
        var items = pending.Take(take).Select(InboxItem.From).ToList();
        return Results.Ok(new InboxPage(items, pending.Count > take ? pending[take - 1].Sequence : null));
    }

    static async Task<IResult> AcknowledgeAsync(string id, HttpContext context, InboxStore store, CancellationToken cancellationToken) =>
        await store.AcknowledgeAsync(Caller.Name(context), id, cancellationToken)
            ? Results.NoContent()
            : Caller.NotFound($"Your inbox holds no event {id}.");
}

/// <summary>A page of the inbox.</summary>
/// <param name="Items">Oldest first.</param>
/// <param name="Next">Pass as <c>after</c> for the next page; null on the last.</param>
public sealed record InboxPage(IReadOnlyList<InboxItem> Items, long? Next);

/// <summary>One pending event: what a webhook would have carried, and the id to acknowledge it by.</summary>
public sealed record InboxItem(string Id, string Type, DateTimeOffset Timestamp, JsonElement Data)
{
    /// <summary>The item for a stored event.</summary>
    public static InboxItem From(InboxRecord record)
    {
        using var body = JsonDocument.Parse(record.Body);
        var root = body.RootElement;
        return new InboxItem(record.MessageId, root.GetProperty("type").GetString()!, root.GetProperty("timestamp").GetDateTimeOffset(),
            root.GetProperty("data").Clone());
    }
}
