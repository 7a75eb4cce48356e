namespace Switchyard.Hosting.Auth;

/// <summary>
/// The <c>Auth</c> section: the API keys that may obtain bearer tokens (<c>POST /token</c>), and the key that signs
/// and verifies those tokens in every service that accepts them.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Auth";

    /// <summary>The shortest signing key accepted, in bytes of UTF-8 (HS256 needs 256 bits).</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>
    /// The HS256 key, at least 32 characters; the same in every service that checks tokens. Required when API keys are
    /// configured, except in Development, where a random key is made for the process.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The token's <c>iss</c>.</summary>
    public string Issuer { get; set; } = "switchyard";

    /// <summary>The token's <c>aud</c>.</summary>
    public string Audience { get; set; } = "switchyard";

    /// <summary>How long a token is valid.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clients: each exchanges its name and key (as username and password) for a token.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
}

/// <summary>One entry of <c>Auth:ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The client's name: the <c>username</c> of <c>POST /token</c> and the token's subject.</summary>
    public string Name { get; set; } = "";

    /// <summary>The client's secret: the <c>password</c> of <c>POST /token</c>. Never logged.</summary>
    public string Key { get; set; } = "";
}
