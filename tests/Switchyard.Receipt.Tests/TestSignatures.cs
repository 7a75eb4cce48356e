using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Receipt.Tests;

/// <summary>
/// HubSpot's signatures written out again from its documentation, independently of the receipt's code, for signing
/// test requests. Known vectors (HubSpotSignatureTests) pin both this and the receipt to the documented results.
/// </summary>
internal static class TestSignatures
{
    public static string V1(string secret, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret + body)));

    public static string V2(string secret, string method, string uri, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret + method + uri + body)));

    /// <summary><paramref name="signedUri"/> is the URI after HubSpot's decoding of the listed escapes.</summary>
    public static string V3(string secret, string method, string signedUri, string body, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(method + signedUri + body + timestamp)));
}
