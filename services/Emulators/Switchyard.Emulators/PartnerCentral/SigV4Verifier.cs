using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// Verifies AWS Signature Version 4 on an incoming request the way AWS front ends do: it rebuilds the canonical request
/// from what arrived (method, raw path, query, the signed headers, SHA-256 of the body), checks the credential scope
/// and the clock, recomputes the signature with the secret of the access key, and compares in constant time.
/// Written from the SigV4 specification, independent of the AWS SDK the client signs with.
/// </summary>
internal sealed class SigV4Verifier(IReadOnlyDictionary<string, PartnerCentralEmulatorCredential> credentials, string region, TimeProvider clock)
{
    /// <summary>The signing name of Partner Central Selling.</summary>
    public const string Service = "partnercentral-selling";

    const string Algorithm = "AWS4-HMAC-SHA256";

    static readonly string[] RequiredParts = ["Credential", "SignedHeaders", "Signature"];
    const string Terminator = "aws4_request";
    const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>How far X-Amz-Date may be from the emulator's clock, either way.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Refuses <paramref name="operation"/> as IAM does when the key's policies do not allow it (the message AWS's
    /// services give for an identity-based denial).
    /// </summary>
    public void Authorize(string accessKeyId, string operation)
    {
        if (credentials.TryGetValue(accessKeyId, out var credential) && credential.DeniedOperations.Contains(operation, StringComparer.Ordinal))
            throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.AccessDenied,
                $"User: arn:aws:iam::123456789012:user/{accessKeyId} is not authorized to perform: partnercentral:{operation} because no identity-based policy allows the partnercentral:{operation} action");
    }

    /// <summary>Returns the access key id that signed the request; throws a 403 <see cref="PartnerCentralErrorException"/> otherwise.</summary>
    public string Verify(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
            throw Fault(PartnerCentralErrorTypes.MissingAuthenticationToken, "Missing Authentication Token");
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            throw Fault(PartnerCentralErrorTypes.IncompleteSignature,
                $"Authorization header requires the {Algorithm} algorithm, followed by Credential, SignedHeaders and Signature.");

        var parts = ParseAuthorization(authorization[(Algorithm.Length + 1)..]);
        var missing = RequiredParts.Where(p => !parts.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            throw Fault(PartnerCentralErrorTypes.IncompleteSignature,
                string.Join(" ", missing.Select(p => $"Authorization header requires '{p}' parameter.")));

        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5)
            throw Fault(PartnerCentralErrorTypes.IncompleteSignature,
                "Credential must have the form <AccessKeyId>/<yyyyMMdd>/<region>/<service>/aws4_request.");
        var (accessKeyId, scopeDate, scopeRegion, scopeService, terminator) = (scope[0], scope[1], scope[2], scope[3], scope[4]);

        if (!credentials.TryGetValue(accessKeyId, out var credential))
            throw Fault(PartnerCentralErrorTypes.UnrecognizedClient, "The security token included in the request is invalid.");
        if (credential.SessionToken is { Length: > 0 } token && !FixedTimeEquals(token, request.Headers["X-Amz-Security-Token"].ToString()))
            throw Fault(PartnerCentralErrorTypes.UnrecognizedClient, "The security token included in the request is invalid.");

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (amzDate.Length == 0)
            throw Fault(PartnerCentralErrorTypes.IncompleteSignature,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        if (!DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
            throw Fault(PartnerCentralErrorTypes.IncompleteSignature, $"X-Amz-Date must be in the ISO 8601 basic format ({DateFormat}).");

        if (!string.Equals(scopeDate, amzDate[..8], StringComparison.Ordinal))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        if (!string.Equals(scopeRegion, region, StringComparison.Ordinal))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature, $"Credential should be scoped to a valid region, not '{scopeRegion}'.");
        if (!string.Equals(scopeService, Service, StringComparison.Ordinal))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature, $"Credential should be scoped to correct service: '{Service}'.");
        if (!string.Equals(terminator, Terminator, StringComparison.Ordinal))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature, $"Credential should be scoped with a valid terminator: '{Terminator}', not '{terminator}'.");

        var now = clock.GetUtcNow();
        if (signedAt < now - ClockTolerance)
            throw Fault(PartnerCentralErrorTypes.InvalidSignature,
                $"Signature expired: {amzDate} is now earlier than {Format(now - ClockTolerance)} ({Format(now)} - 15 min.)");
        if (signedAt > now + ClockTolerance)
            throw Fault(PartnerCentralErrorTypes.InvalidSignature,
                $"Signature not yet current: {amzDate} is still later than {Format(now + ClockTolerance)} ({Format(now)} + 15 min.)");

        var signedHeaders = parts["SignedHeaders"];
        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host", StringComparer.Ordinal))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature, "The host header must be signed.");
        if (headerNames.Any(h => h.Length == 0 || !string.Equals(h, h.ToLowerInvariant(), StringComparison.Ordinal))
            || !headerNames.SequenceEqual(headerNames.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature, "SignedHeaders must list lower-case header names in sorted order, separated by ';'.");

        var canonicalRequest = CanonicalRequest(request, headerNames, signedHeaders, body);
        var credentialScope = $"{scopeDate}/{scopeRegion}/{scopeService}/{Terminator}";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + credential.SecretAccessKey), Encoding.UTF8.GetBytes(scopeDate));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scopeRegion));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scopeService));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Terminator));
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        if (!FixedTimeEquals(expected, parts["Signature"]))
            throw Fault(PartnerCentralErrorTypes.InvalidSignature,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        return accessKeyId;
    }

    static string CanonicalRequest(HttpRequest request, string[] headerNames, string signedHeaders, byte[] body)
    {
        // The path as it was sent, prefix included: the routed Path would lose the encoding the client signed.
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.PathBase + request.Path + request.QueryString;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        builder.Append(CanonicalPath(rawPath)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in headerNames)
        {
            var values = name == "host" ? [request.Host.Value ?? ""] : request.Headers[name].ToArray();
            builder.Append(name).Append(':').Append(string.Join(',', values.Select(v => CollapseSpaces((v ?? "").Trim())))).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n');
        builder.Append(Hex(SHA256.HashData(body)));
        return builder.ToString();
    }

    // Every path segment is URI-encoded once more: services other than S3 sign the already-encoded path encoded again.
    static string CanonicalPath(string rawPath) =>
        rawPath.Length == 0 ? "/" : string.Join('/', rawPath.Split('/').Select(UriEncode));

    static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
            return "";
        var pairs = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
                return (Name: UriEncode(name), Value: UriEncode(value));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Name}={p.Value}"));
    }

    static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~')
                builder.Append(c);
            else
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
                continue;
            builder.Append(c);
        }

        return builder.ToString();
    }

    static Dictionary<string, string> ParseAuthorization(string parameters)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parameters.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
                parts[part[..equals]] = part[(equals + 1)..];
        }

        return parts;
    }

    static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    static PartnerCentralErrorException Fault(string type, string message) => PartnerCentralErrorException.Of(type, message);
}
