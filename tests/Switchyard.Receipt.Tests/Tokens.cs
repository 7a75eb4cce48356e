using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Switchyard.Receipt.Tests;

/// <summary>Bearer tokens made by the test itself, right or wrong in one chosen way.</summary>
internal static class Tokens
{
    public static string Create(string signingKey = ReceiptUnderTest.SigningKey, string issuer = "switchyard", string audience = "switchyard",
        DateTimeOffset? expires = null, string subject = ReceiptUnderTest.ApiKeyName)
    {
        var now = DateTime.UtcNow;
        var expiry = (expires ?? DateTimeOffset.UtcNow.AddMinutes(10)).UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            IssuedAt = expiry.AddHours(-1) < now ? expiry.AddHours(-1) : now,
            NotBefore = expiry.AddHours(-1) < now ? expiry.AddHours(-1) : now,
            Expires = expiry,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A valid token whose claims were edited afterwards, keeping the old signature.</summary>
    public static string Tampered()
    {
        var parts = Create().Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(ReceiptUnderTest.ApiKeyName, "admin", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(claims)}.{parts[2]}";
    }

    /// <summary>An unsigned token (<c>alg: none</c>) with otherwise valid claims.</summary>
    public static string Unsigned()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"switchyard","aud":"switchyard","sub":"billing","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }
}
