namespace Switchyard.Processor.PartnerCentral;

/// <summary>The <c>PartnerCentral</c> configuration section: where the Selling API is and how requests are signed.</summary>
public sealed class PartnerCentralOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "PartnerCentral";

    /// <summary>The region Partner Central Selling runs in; it has no other.</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary><c>AWS</c> (real opportunities) or <c>Sandbox</c> (testing); sent with every request.</summary>
    public string Catalog { get; set; } = "AWS";

    /// <summary>The region requests are sent to and signed for.</summary>
    public string Region { get; set; } = DefaultRegion;

    /// <summary>
    /// Another endpoint than <c>https://partnercentral-selling.{Region}.api.aws/</c>, e.g. the emulator at
    /// <c>http://localhost:5080/emulators/partner-central/</c>. Requests are still signed for <see cref="Region"/>.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>An access key id to sign with; with <see cref="SecretAccessKey"/>, else the role or the default chain.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret of <see cref="AccessKeyId"/>; never logged.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>The session token of temporary keys; never logged.</summary>
    public string? SessionToken { get; set; }

    /// <summary>
    /// A role to assume (through STS) before calling Partner Central, e.g. one in the partner's account that trusts this
    /// service's; the keys above, or else the default chain, assume it.
    /// </summary>
    public string? RoleArn { get; set; }

    /// <summary>The external id the role's trust policy requires, if any; never logged.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The session name of the assumed role, visible in CloudTrail; <c>switchyard</c> when not set.</summary>
    public string? RoleSessionName { get; set; }

    /// <summary>How long one request may take before it counts as failed (and is retried by the bus).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The endpoint in effect, always ending in <c>/</c>.</summary>
    public Uri EffectiveServiceUrl
    {
        get
        {
            var url = ServiceUrl ?? new Uri($"https://partnercentral-selling.{Region}.api.aws/");
            return url.AbsolutePath.EndsWith('/') ? url : new Uri(url, url.AbsolutePath + "/");
        }
    }
}
