using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Receipt.HubSpot;

/// <summary>
/// HubSpot's three request signatures, computed over the raw body bytes as received (never re-serialised JSON).
/// </summary>
/// <remarks>
/// v1: hex SHA-256 of client secret + body. v2: hex SHA-256 of client secret + method + URI + body.
/// v3: Base64 HMAC-SHA256, keyed with the client secret, of method + URI (with some escapes decoded) + body + timestamp.
/// </remarks>
public static class HubSpotSignature
{
    // The escapes HubSpot's v3 instructions decode; any other stays as sent.
    static readonly (string Escape, char Character)[] V3Escapes =
    [
        ("%3A", ':'), ("%2F", '/'), ("%3F", '?'), ("%40", '@'), ("%21", '!'), ("%24", '$'),
        ("%27", '\''), ("%28", '('), ("%29", ')'), ("%2A", '*'), ("%2C", ','), ("%3B", ';'),
    ];

    /// <summary>The v1 signature: lower-case hex.</summary>
    public static string ComputeV1(string clientSecret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Sha256(Concat(Encoding.UTF8.GetBytes(clientSecret), body)));

    /// <summary>The v2 signature: lower-case hex.</summary>
    public static string ComputeV2(string clientSecret, string method, string uri, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(Sha256(Concat(Encoding.UTF8.GetBytes(clientSecret + method + uri), body)));

    /// <summary>The v3 signature: Base64. <paramref name="uri"/> is the URL as called; the listed escapes are decoded here.</summary>
    public static string ComputeV3(string clientSecret, string method, string uri, ReadOnlySpan<byte> body, string timestamp)
    {
        var content = Concat(Encoding.UTF8.GetBytes(method + DecodeV3Uri(uri)), body, Encoding.UTF8.GetBytes(timestamp));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), content));
    }

    /// <summary>Decodes only the escapes HubSpot's v3 instructions list (case-insensitively).</summary>
    public static string DecodeV3Uri(string uri)
    {
        if (!uri.Contains('%', StringComparison.Ordinal))
            return uri;
        var decoded = new StringBuilder(uri);
        foreach (var (escape, character) in V3Escapes)
            decoded.Replace(escape, character.ToString()).Replace(escape.ToLowerInvariant(), character.ToString());
        return decoded.ToString();
    }

    /// <summary>Compares a received hex signature with the expected one in constant time.</summary>
    public static bool HexEquals(string expectedHex, string? receivedHex) =>
        TryFromHex(receivedHex, out var received) && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(expectedHex), received);

    /// <summary>Compares a received Base64 signature with the expected one in constant time.</summary>
    public static bool Base64Equals(string expectedBase64, string? receivedBase64)
    {
        var received = new byte[32];
        return receivedBase64 is not null
               && Convert.TryFromBase64String(receivedBase64.Trim(), received, out var written)
               && written == received.Length
               && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(expectedBase64), received);
    }

    static bool TryFromHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != 64)
            return false;
        bytes = new byte[32];
        return Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == 32;
    }

    static byte[] Sha256(byte[] data) => SHA256.HashData(data);

    static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third = default)
    {
        var result = new byte[first.Length + second.Length + third.Length];
        first.CopyTo(result);
        second.CopyTo(result.AsSpan(first.Length));
        third.CopyTo(result.AsSpan(first.Length + second.Length));
        return result;
    }
}
