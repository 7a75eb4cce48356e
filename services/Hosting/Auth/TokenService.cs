using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Switchyard.Hosting.Auth;

/// <summary>
/// Issues the HS256 bearer tokens that clients obtain with an API key, and holds what checks them (ASP.NET Core's
/// JwtBearer scheme, set up by <see cref="AuthExtensions"/>).
/// </summary>
public sealed partial class TokenService
{
    readonly AuthOptions _options;
    readonly TimeProvider _clock;
    readonly SymmetricSecurityKey _key;
    readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    readonly TokenValidationParameters _validation;

    /// <summary>Creates the service; in Development without <c>Auth:SigningKey</c>, with a random key for this process.</summary>
    public TokenService(IOptions<AuthOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<TokenService> logger)
    {
        _options = options.Value;
        _clock = clock;
        byte[] key;
        if (_options.SigningKey is { } configured)
        {
            key = Encoding.UTF8.GetBytes(configured);
        }
        else
        {
            key = RandomNumberGenerator.GetBytes(AuthOptions.MinimumSigningKeyBytes);
            if (environment.IsDevelopment() && _options.ApiKeys.Count > 0)
                LogEphemeralKey(logger);
        }

        _key = new SymmetricSecurityKey(key);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = _key,
            // Only the algorithm we issue: no "none", no switching to a public-key algorithm.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>
    /// How the bearer scheme checks these tokens: this issuer, audience and key, HS256 only, an expiry required, 30
    /// seconds of clock skew.
    /// </summary>
    internal TokenValidationParameters ValidationParameters => _validation;

    /// <summary>The client whose name and key these are, or null. Compares every key in constant time.</summary>
    public ApiKeyOptions? FindClient(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            return null;

        // Hashing first makes the comparison independent of the keys' lengths; every entry is compared.
        var givenName = SHA256.HashData(Encoding.UTF8.GetBytes(username));
        var givenKey = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        ApiKeyOptions? found = null;
        foreach (var client in _options.ApiKeys)
        {
            var nameMatches = CryptographicOperations.FixedTimeEquals(givenName, SHA256.HashData(Encoding.UTF8.GetBytes(client.Name)));
            var keyMatches = CryptographicOperations.FixedTimeEquals(givenKey, SHA256.HashData(Encoding.UTF8.GetBytes(client.Key)));
            if (nameMatches & keyMatches)
                found = client;
        }

        return found;
    }

    /// <summary>A token for the client, valid for <c>Auth:TokenLifetime</c>.</summary>
    public IssuedToken Issue(string clientName)
    {
        var now = _clock.GetUtcNow();
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, clientName)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + _options.TokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, (int)_options.TokenLifetime.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Auth:SigningKey is not set: bearer tokens are signed with a random key that lives as long as this process (Development only)")]
    static partial void LogEphemeralKey(ILogger logger);
}

/// <summary>A token and its lifetime in seconds.</summary>
public sealed record IssuedToken(string AccessToken, int ExpiresIn);
