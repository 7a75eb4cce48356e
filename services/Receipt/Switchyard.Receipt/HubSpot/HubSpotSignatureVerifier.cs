using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Switchyard.Receipt.HubSpot;

/// <summary>
/// Checks a webhook request's HubSpot signature: v3 when its header is present, otherwise v1 or v2 as
/// <c>X-HubSpot-Signature-Version</c> says.
/// </summary>
public sealed class HubSpotSignatureVerifier(IOptions<HubSpotWebhookOptions> options, TimeProvider clock)
{
    /// <summary>The v3 signature header.</summary>
    public const string SignatureV3Header = "X-HubSpot-Signature-v3";

    /// <summary>The v3 timestamp header, epoch milliseconds.</summary>
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    /// <summary>The v1 and v2 signature header.</summary>
    public const string SignatureHeader = "X-HubSpot-Signature";

    /// <summary>Says whether <see cref="SignatureHeader"/> is v1 or v2.</summary>
    public const string VersionHeader = "X-HubSpot-Signature-Version";

    readonly HubSpotWebhookOptions _options = options.Value;

    /// <summary>Whether a client secret is configured; without one (Development only) requests are not verified.</summary>
    public bool Enabled => !string.IsNullOrEmpty(_options.ClientSecret);

    /// <summary>Null when the request is signed correctly, otherwise which check failed (never the expected value).</summary>
    public SignatureFailure? Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var secret = _options.ClientSecret!;
        var headers = request.Headers;

        if (headers.TryGetValue(SignatureV3Header, out var v3))
        {
            if (!headers.TryGetValue(TimestampHeader, out var timestampHeader) || string.IsNullOrEmpty(timestampHeader))
                return new SignatureFailure("timestamp-missing", $"The {SignatureV3Header} header came without {TimestampHeader}.");
            var timestamp = timestampHeader.ToString();
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                return new SignatureFailure("timestamp-invalid", $"{TimestampHeader} is not a number of milliseconds since 1970.");

            var age = clock.GetUtcNow().ToUnixTimeMilliseconds() - milliseconds;
            if (age > _options.TimestampTolerance.TotalMilliseconds)
                return new SignatureFailure("timestamp-expired", $"{TimestampHeader} is more than {Minutes(_options.TimestampTolerance)} old.");
            if (-age > _options.TimestampTolerance.TotalMilliseconds)
                return new SignatureFailure("timestamp-in-future", $"{TimestampHeader} is more than {Minutes(_options.TimestampTolerance)} in the future.");

            var expected = HubSpotSignature.ComputeV3(secret, request.Method, HubSpotRequestUri.Of(request, _options.PublicBaseUrl), body, timestamp);
            return HubSpotSignature.Base64Equals(expected, v3.ToString())
                ? null
                : new SignatureFailure("signature-mismatch", $"The v3 signature ({SignatureV3Header}) does not match the request.");
        }

        if (!headers.TryGetValue(SignatureHeader, out var signature) || string.IsNullOrEmpty(signature))
            return new SignatureFailure("signature-missing", $"The request carries no HubSpot signature ({SignatureV3Header} or {SignatureHeader}).");

        var version = headers[VersionHeader].ToString();
        switch (version.ToLowerInvariant())
        {
            case "v1" or "":
                return HubSpotSignature.HexEquals(HubSpotSignature.ComputeV1(secret, body), signature.ToString())
                    ? null
                    : new SignatureFailure("signature-mismatch", $"The v1 signature ({SignatureHeader}) does not match the request.");
            case "v2":
                var expected = HubSpotSignature.ComputeV2(secret, request.Method, HubSpotRequestUri.Of(request, _options.PublicBaseUrl), body);
                return HubSpotSignature.HexEquals(expected, signature.ToString())
                    ? null
                    : new SignatureFailure("signature-mismatch", $"The v2 signature ({SignatureHeader}) does not match the request.");
            default:
                return new SignatureFailure("signature-version-unsupported", $"{VersionHeader} must be v1 or v2.");
        }
    }

    static string Minutes(TimeSpan tolerance) =>
        tolerance.TotalMinutes >= 1 ? $"{tolerance.TotalMinutes:0.#} minutes" : $"{tolerance.TotalSeconds:0} seconds";
}

/// <summary>Which signature check failed (a stable code) and a sentence for people.</summary>
public sealed record SignatureFailure(string Check, string Detail);
