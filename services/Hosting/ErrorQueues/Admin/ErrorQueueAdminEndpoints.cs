using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.Hosting.Http;

namespace Switchyard.Hosting.ErrorQueues.Admin;

/// <summary>
/// The operator endpoints of a host on the in-memory transport, whose error queues only this process can reach:
/// list queues, list an error queue, remove a message, send a message to a queue. They can move any message
/// anywhere, so each needs a bearer token of a client named in <c>Operator:AdminClients</c>.
/// </summary>
public static class ErrorQueueAdminEndpoints
{
    /// <summary>The largest request body accepted: a message of up to about 12 MiB, base64 in JSON.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Maps the endpoints, when the host keeps its failed messages in memory (<c>Bus:Transport</c> is <c>InMemory</c>).</summary>
    public static IEndpointRouteBuilder MapErrorQueueAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<InMemoryErrorQueues>() is null)
            return endpoints;

        var admin = endpoints.MapGroup("/").RequireAuthorization().AddEndpointFilter(OnlyAdminClientsAsync).WithTags("Operator");

        admin.MapGet(ErrorQueueAdminApi.QueuesPath, (InMemoryErrorQueues store) => Results.Json(store.GetQueues(), ErrorQueueAdminApi.Json))
            .WithName("ListQueues")
            .WithSummary("Every receive endpoint's queue with the counts of its error and skipped queues")
            .WithDescription("ready is null: the in-memory transport cannot count waiting messages.")
            .Produces<QueueStatus[]>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapGet(ErrorQueueAdminApi.ErrorsPath + "/{queue}", ListErrors)
            .WithName("ListErrorQueue")
            .WithSummary("The messages of an error or skipped queue, oldest first")
            .WithDescription($"Paging: after (the next of the previous page) and limit (1-{ErrorQueueAdminApi.MaxPageSize}, default {ErrorQueueAdminApi.DefaultPageSize}). Bodies are base64.")
            .Produces<ErrorQueuePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapDelete(ErrorQueueAdminApi.ErrorsPath + "/{queue}/{messageId}", RemoveError)
            .WithName("RemoveErrorQueueMessage")
            .WithSummary("Remove a message from an error or skipped queue for good")
            .WithDescription("entry (optional) picks one entry where several share the message id; otherwise the oldest goes. 404 when there is none: already removed.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost(ErrorQueueAdminApi.QueuesPath + "/{queue}/messages", SendAsync)
            .WithName("SendToQueue")
            .WithSummary("Send a message to a queue as it is: id, headers and body unchanged")
            .WithDescription("To a receive endpoint's queue, its consumer gets it (replay); to an error or skipped queue, it is kept there (import). 202 once the queue holds it.")
            .Accepts<TransportMessage>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status507InsufficientStorage);

        return endpoints;
    }

    static async ValueTask<object?> OnlyAdminClientsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var client = http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "";
        var admins = http.RequestServices.GetRequiredService<IOptions<OperatorOptions>>().Value.AdminClients;
        if (admins.Contains(client, StringComparer.Ordinal))
            return await next(context);

        return ProblemResults.Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden,
            $"Client '{client}' may not use the operator endpoints: add it to Operator:AdminClients on this host " +
            $"(e.g. Operator__AdminClients__0={client}) and restart it.");
    }

    static IResult ListErrors(string queue, long? after, int? limit, InMemoryErrorQueues store)
    {
        if (!store.IsErrorOrSkippedQueue(queue))
            return UnknownQueue(queue, store);
        var take = limit ?? ErrorQueueAdminApi.DefaultPageSize;
        if (take is < 1 or > ErrorQueueAdminApi.MaxPageSize)
            return Invalid("/limit", $"limit must be between 1 and {ErrorQueueAdminApi.MaxPageSize}.");

        // One more than asked tells whether there is a next page.
        var messages = store.Read(queue, after ?? 0, take + 1);
        var items = messages.Take(take)
            .Select(m => new ErrorQueueMessage(m.Id, m.Queue, m.Message, FaultDetails.FromHeaders(m.Message), m.StoredAt))
            .ToList();
        return Results.Json(new ErrorQueuePage(items, messages.Count > take ? items[^1].Id : null), ErrorQueueAdminApi.Json);
    }

    static IResult RemoveError(string queue, string messageId, long? entry, InMemoryErrorQueues store)
    {
        if (!store.IsErrorOrSkippedQueue(queue))
            return UnknownQueue(queue, store);
        return store.Remove(queue, messageId, entry)
            ? Results.NoContent()
            : ProblemResults.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound,
                entry is null ? $"{queue} holds no message {messageId}." : $"{queue} holds no entry {entry} with message {messageId}.");
    }

    static async Task<IResult> SendAsync(string queue, HttpRequest request, InMemoryQueueSender sender, InMemoryErrorQueues store,
        CancellationToken cancellationToken)
    {
        if (!RequestBody.IsJson(request))
            return ProblemResults.Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "Send the message as Content-Type: application/json.");
        var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (bytes is null)
            return ProblemResults.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge, $"The body may hold at most {MaxBodyBytes} bytes.");

        TransportMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<TransportMessage>(bytes, ErrorQueueAdminApi.Json);
        }
        catch (JsonException e)
        {
            // System.Text.Json's messages name the path and the problem, never more of the body than a property name.
            return Invalid(e.Path is { } path ? "/" + path.TrimStart('$', '.').Replace('.', '/') : "", $"The body is not a message: {e.Message}");
        }

        if (message is null)
            return Invalid("", "The body must be a JSON object: a message with messageId, contentType, headers and body (base64).");
        if (string.IsNullOrWhiteSpace(message.MessageId))
            return Invalid("/messageId", "messageId must not be empty.");
        if (message.Body is null)
            return Invalid("/body", "body must be the message's body in base64.");

        try
        {
            await sender.SendAsync(queue, message, cancellationToken);
            return Results.Accepted();
        }
        catch (QueueNotFoundException)
        {
            return UnknownQueue(queue, store);
        }
        catch (ErrorQueueFullException e)
        {
            return ProblemResults.Create(StatusCodes.Status507InsufficientStorage, ProblemTypes.ErrorQueueFull, e.Message);
        }
        catch (UnsendableMessageException e)
        {
            return Invalid("", e.Message);
        }
    }

    static IResult Invalid(string pointer, string detail) =>
        ProblemResults.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody, detail, new Dictionary<string, object?> { ["pointer"] = pointer });

    static IResult UnknownQueue(string queue, InMemoryErrorQueues store) =>
        ProblemResults.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound,
            $"There is no queue '{queue}' here. The receive endpoints are: {string.Join(", ", store.ReceiveEndpoints)}; " +
            $"each has an {ErrorQueueNames.ErrorSuffix} and a {ErrorQueueNames.SkippedSuffix} queue.",
            new Dictionary<string, object?> { ["queue"] = queue });
}
