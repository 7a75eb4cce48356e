using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Switchyard.Hosting.Auth;

/// <summary>
/// ASP.NET Core's JwtBearer scheme, checking the tokens of <see cref="TokenService"/>, and answering a refused one with
/// 401, a <c>WWW-Authenticate</c> header (RFC 6750) and problem details that say what was wrong with it.
/// </summary>
internal static class BearerScheme
{
    /// <summary>The scheme's name.</summary>
    public const string Name = JwtBearerDefaults.AuthenticationScheme;

    /// <summary>Points the scheme at the tokens <paramref name="tokens"/> issues.</summary>
    public static void Configure(JwtBearerOptions options, TokenService tokens)
    {
        // The key is ours and so are the issuer and audience. No Authority or MetadataAddress, whatever the
        // Authentication:Schemes:Bearer section says: the scheme never fetches a discovery document or keys from anywhere.
        options.Authority = null;
        options.MetadataAddress = "";
        options.TokenValidationParameters = tokens.ValidationParameters.Clone();
        // Endpoints read the client's name from "sub", as issued, not from a claim type it would be renamed to.
        options.MapInboundClaims = false;
        options.Events = new JwtBearerEvents { OnChallenge = ChallengeAsync };
    }

    static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = Explain(context.AuthenticateFailure);

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate =
            $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace("\"", "'", StringComparison.Ordinal)}\"";
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = ProblemTypes.InvalidToken,
                Title = "The bearer token was refused",
                Detail = reason,
            },
        });
    }

    /// <summary>What the client should know about why its token was refused; never the token or the library's message.</summary>
    static string Explain(Exception? failure) => (failure is AggregateException { InnerExceptions: [var first, ..] } ? first : failure) switch
    {
        null => "The request has no bearer token: send Authorization: Bearer <token from POST /token>.",
        SecurityTokenExpiredException => "The bearer token has expired: request a new one from POST /token.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException =>
            "The bearer token's signature does not verify.",
        SecurityTokenInvalidAlgorithmException => "The bearer token is signed with an algorithm this service does not accept.",
        SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException =>
            "The bearer token was not issued for this service.",
        SecurityTokenNoExpirationException => "The bearer token has no expiry.",
        _ => "The bearer token is malformed.",
    };
}
