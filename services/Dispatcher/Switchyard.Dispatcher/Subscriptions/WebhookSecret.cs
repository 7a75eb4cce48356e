using System.Security.Cryptography;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>Standard Webhooks signing secrets: <c>whsec_</c> followed by the Base64 of the HMAC key.</summary>
public static class WebhookSecret
{
    /// <summary>The prefix every secret carries.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The shortest key accepted, in bytes (Standard Webhooks asks for 24 to 64).</summary>
    public const int MinimumKeyBytes = 24;

    /// <summary>The longest key accepted, in bytes.</summary>
    public const int MaximumKeyBytes = 64;

    /// <summary>A new secret with a 32-byte random key.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key of a well-formed secret, or null.</summary>
    public static byte[]? KeyOf(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var encoded = secret[Prefix.Length..];
        var key = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, key, out var length) && length is >= MinimumKeyBytes and <= MaximumKeyBytes
            ? key[..length]
            : null;
    }
}
