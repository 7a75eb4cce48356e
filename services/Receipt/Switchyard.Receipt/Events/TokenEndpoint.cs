using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.Http;

namespace Switchyard.Receipt.Events;

/// <summary><c>POST /token</c>: an API key (form <c>username</c>, <c>password</c>) in, a bearer token out.</summary>
public static class TokenEndpoint
{
    /// <summary>Where tokens are issued.</summary>
    public const string Path = "/token";

    /// <summary>The rate-limiting policy that slows down key guessing.</summary>
    public const string RateLimitPolicy = "token";

    const string Endpoint = "token";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, IssueAsync)
            .WithName("IssueToken")
            .WithSummary("Exchange an API key for a bearer token")
            .WithDescription("Form fields username (the API key's name) and password (the key). The token authorises POST /events.")
            .Accepts<TokenRequest>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy);
        return endpoints;
    }

    static async Task<IResult> IssueAsync(HttpContext context, TokenService tokens, ReceiptMetrics metrics, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
            return Reject(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "Send username and password as application/x-www-form-urlencoded.");

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        if (username.Length == 0 || password.Length == 0)
            return Reject(StatusCodes.Status400BadRequest, ProblemTypes.InvalidBody, "Both username and password are required.");

        var client = tokens.FindClient(username, password);
        if (client is null)
            return Reject(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials, "The username and password match no API key.");

        var token = tokens.Issue(client.Name);
        metrics.Accepted(Endpoint, 0, 0);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new TokenResponse(token.AccessToken, "bearer", token.ExpiresIn));

        IResult Reject(int status, string type, string detail)
        {
            metrics.Rejected(Endpoint, type);
            return ProblemResults.Create(status, type, detail);
        }
    }

    /// <summary>The form of <c>POST /token</c>, for the OpenAPI document.</summary>
    public sealed record TokenRequest(string Username, string Password);

    /// <summary>The token, in the OAuth 2.0 shape.</summary>
    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
