using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Switchyard.Hosting.Http;

/// <summary>
/// The <c>ForwardedHeaders</c> section: behind a reverse proxy, take the scheme, host and path prefix the client used
/// from the proxy's <c>X-Forwarded-*</c> headers (HubSpot signs the URL it called, not the one the service sees).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "ForwardedHeaders";

    /// <summary>Honour <c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c> and <c>-Prefix</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies to trust; with neither this nor <see cref="KnownNetworks"/>, loopback only.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies to trust, in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The middleware options these settings describe.</summary>
    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto |
                               ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix,
        };
        if (KnownProxies.Count > 0 || KnownNetworks.Count > 0)
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in KnownProxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in KnownNetworks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        return options;
    }

    /// <summary>The problems with these settings, one sentence each.</summary>
    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(KnownProxies[i], out _))
                yield return $"{Section}:KnownProxies:{i} '{KnownProxies[i]}' is not an IP address.";
        }

        for (var i = 0; i < KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(KnownNetworks[i], out _))
                yield return $"{Section}:KnownNetworks:{i} '{KnownNetworks[i]}' is not a network in CIDR notation, e.g. 10.0.0.0/8.";
        }
    }
}
