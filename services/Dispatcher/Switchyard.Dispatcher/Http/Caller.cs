using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Switchyard.Hosting;
using Switchyard.Hosting.Http;

namespace Switchyard.Dispatcher.Http;

/// <summary>What the dispatcher's endpoints share: who calls, and how a request body is read.</summary>
internal static class Caller
{
    /// <summary>The largest request body the dispatcher's endpoints read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The API client's name: the token's subject.</summary>
    public static string Name(HttpContext context) => context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value ?? "";

    /// <summary>The body as a JSON object, or the problem to answer instead.</summary>
    public static async Task<(JsonElement Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!RequestBody.IsJson(request))
            return (default, ProblemResults.Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Send the body as Content-Type: application/json."));

        var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (bytes is null)
            return (default, ProblemResults.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.BodyTooLarge, $"The body may hold at most {MaxBodyBytes} bytes."));

        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (default, Invalid("", "The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (default, Invalid("", $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
    }

    /// <summary>A 400 naming the field at fault by its JSON pointer.</summary>
    public static IResult Invalid(string pointer, string detail) =>
        ProblemResults.Create(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody, detail, new Dictionary<string, object?> { ["pointer"] = pointer });

    /// <summary>A 404 for an id the caller has nothing under.</summary>
    public static IResult NotFound(string detail) => ProblemResults.Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, detail);

    /// <summary>Whether <paramref name="type"/> is a valid event type to subscribe to (or <c>*</c>).</summary>
    public static bool IsEventType(string type) =>
        type == Subscriptions.Subscription.AllEvents ||
        (type.Length is > 0 and <= 200 && char.IsAsciiLetterOrDigit(type[0]) && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-'));
}
