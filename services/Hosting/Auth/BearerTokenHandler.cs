using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens issued by <see cref="TokenService"/>, and answers a refused one
/// with 401, a <c>WWW-Authenticate</c> header (RFC 6750) and problem details that say what was wrong with it.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bearer";

    const string Prefix = "Bearer ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // ASP.NET Core makes a single registered scheme the default, so this runs for every request; a request without
        // credentials is not a failure until an endpoint that needs them challenges it, and neither is one carrying another
        // scheme's credentials (Basic, AWS4-HMAC-SHA256, ...).
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var check = await tokens.CheckAsync(header[Prefix.Length..].Trim());
        if (check.Identity is null)
            return AuthenticateResult.Fail(check.Failure!);

        var identity = new ClaimsIdentity(check.Identity.Claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = result.Failure?.Message ?? "The request has no bearer token: send Authorization: Bearer <token from POST /token>.";

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace("\"", "'", StringComparison.Ordinal)}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.InvalidToken,
                Title = "The bearer token was refused",
                Detail = reason,
            },
        });
    }
}
