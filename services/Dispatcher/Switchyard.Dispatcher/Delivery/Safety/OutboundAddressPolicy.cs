using System.Net;
using System.Net.Sockets;

namespace Switchyard.Dispatcher.Delivery.Safety;

/// <summary>
/// Decides which addresses webhook deliveries may connect to: everything public, and of the private, loopback,
/// link-local, metadata and other special ranges only what configuration allowlists.
/// </summary>
public sealed class OutboundAddressPolicy
{
    /// <summary>The configuration key that lists the allowed networks, named in refusals so operators know what to set.</summary>
    public const string ConfigurationKey = "Dispatcher:Delivery:AllowedNetworks";

    // First match wins, so the narrower entries stand before the ranges that contain them.
    static readonly (IPNetwork Network, string Description)[] BlockedRanges =
    [
        (Network("0.0.0.0/8"), "a this-network address"),
        (Network("10.0.0.0/8"), "a private address"),
        (Network("100.64.0.0/10"), "a carrier-grade NAT address"),
        (Network("127.0.0.0/8"), "a loopback address"),
        (Network("169.254.0.0/16"), "a link-local address"),
        (Network("172.16.0.0/12"), "a private address"),
        (Network("192.0.0.0/24"), "an IETF protocol assignment address"),
        (Network("192.168.0.0/16"), "a private address"),
        (Network("198.18.0.0/15"), "a benchmarking address"),
        (Network("224.0.0.0/4"), "a multicast address"),
        (Network("255.255.255.255/32"), "the broadcast address"),
        (Network("240.0.0.0/4"), "a reserved address"),
        (Network("::/128"), "the unspecified address"),
        (Network("::1/128"), "the loopback address"),
        // Deprecated, but a kernel with a sit0 tunnel still sends ::a.b.c.d to the IPv4 address inside.
        (Network("::/96"), "an IPv4-compatible address"),
        (Network("fe80::/10"), "a link-local address"),
        // Deprecated site-local addresses are still routed inside sites like private ones.
        (Network("fec0::/10"), "a site-local address"),
        (Network("fc00::/7"), "a unique local address"),
        (Network("ff00::/8"), "a multicast address"),
        // Local-use NAT64 (RFC 8215) places the IPv4 address where each network chooses, so it cannot be unwrapped.
        (Network("64:ff9b:1::/48"), "a local-use NAT64 address"),
    ];

    // The instance metadata services hand out cloud credentials; a refusal names them so the risk is plain.
    static readonly IPAddress[] CloudMetadata =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure, OpenStack
        IPAddress.Parse("169.254.170.2"), // AWS ECS task credentials
        IPAddress.Parse("fd00:ec2::254"), // AWS over IPv6
    ];

    static readonly IPNetwork Nat64 = Network("64:ff9b::/96");
    static readonly IPNetwork SixToFour = Network("2002::/16");

    readonly IPNetwork[] _allowed;

    /// <summary>A policy that lets deliveries reach the given networks even where they lie in a blocked range.</summary>
    /// <param name="allowedNetworks">Networks to allow; IPv4-mapped IPv6 networks count as their IPv4 network.</param>
    public OutboundAddressPolicy(IEnumerable<IPNetwork> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = [.. allowedNetworks.Select(AsIPv4WhereMapped)];
    }

    /// <summary>A policy from configuration entries such as <c>127.0.0.0/8</c>, <c>::1</c> or <c>10.20.0.0/16</c>.</summary>
    /// <exception cref="FormatException">An entry is not an address or a CIDR network; the message names it.</exception>
    public static OutboundAddressPolicy FromConfiguration(IEnumerable<string> cidrs)
    {
        ArgumentNullException.ThrowIfNull(cidrs);
        var networks = cidrs.Select((text, index) => TryParseNetwork(text, out var network)
            ? network
            : throw new FormatException(
                $"{ConfigurationKey}:{index} '{text}' is not an IP address or a CIDR network such as 10.20.0.0/16 or fd00::/8 (with no bits set after the prefix)."));
        return new OutboundAddressPolicy(networks.ToList());
    }

    /// <summary>
    /// Parses a CIDR network (<c>10.0.0.0/8</c>, <c>::1/128</c>) or a single address (as a /32 or /128). Refuses IPv4
    /// written other than as four decimal numbers and networks with bits set after the prefix, which .NET would
    /// otherwise read as some other network (<c>10/8</c> as <c>0.0.0.0/8</c>) or quietly widen.
    /// </summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return false;

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
            return false;
        // IPv4 has one canonical spelling; any other (127.1, 010.0.0.0, 10) is read in ways nobody means in a config.
        if (address.AddressFamily == AddressFamily.InterNetwork && address.ToString() != addressText)
            return false;

        if (slash < 0)
        {
            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        if (!IPNetwork.TryParse(trimmed, out var parsed) || !parsed.BaseAddress.Equals(address))
            return false;
        network = parsed;
        return true;
    }

    /// <summary>
    /// Whether deliveries may connect to <paramref name="address"/>. When not, <paramref name="reason"/> says which
    /// range it lies in, e.g. <c>127.0.0.1 is a loopback address (127.0.0.0/8)</c>.
    /// </summary>
    public bool IsAllowed(IPAddress address, out string? reason)
    {
        var refusal = Refusal(address);
        reason = refusal is null ? null : $"{address} is {refusal}";
        return refusal is null;
    }

    /// <summary>
    /// Null when <paramref name="address"/> is allowed; otherwise what it is, as a phrase that follows the address,
    /// e.g. <c>a cloud metadata address (169.254.0.0/16)</c>.
    /// </summary>
    internal string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return _allowed.Any(network => network.Contains(address)) ? null : Blocked(address);
    }

    static string? Blocked(IPAddress address)
    {
        // A translation address reaches the IPv4 address it carries, so that address decides. The allowlist is not
        // asked about it: it names the addresses deliveries connect to, and a gateway's idea of 127.0.0.1 is not ours.
        if (Nat64.Contains(address))
            return Embedded(address, "a NAT64 address", Nat64, 12);
        if (SixToFour.Contains(address))
            return Embedded(address, "a 6to4 address", SixToFour, 2);

        foreach (var (network, description) in BlockedRanges)
        {
            if (network.Contains(address))
                return CloudMetadata.Any(address.Equals)
                    ? $"a cloud metadata address ({network})"
                    : $"{description} ({network})";
        }
        return null;
    }

    /// <summary>Judges a translation address by the IPv4 address at byte <paramref name="offset"/>.</summary>
    static string? Embedded(IPAddress address, string kind, IPNetwork prefix, int offset)
    {
        var ipv4 = new IPAddress(address.GetAddressBytes().AsSpan(offset, 4));
        var refusal = Blocked(ipv4);
        return refusal is null ? null : $"{kind} ({prefix}) for {ipv4}, {refusal}";
    }

    static IPNetwork AsIPv4WhereMapped(IPNetwork network) =>
        network.BaseAddress.IsIPv4MappedToIPv6 && network.PrefixLength >= 96
            ? new IPNetwork(network.BaseAddress.MapToIPv4(), network.PrefixLength - 96)
            : network;

    static IPNetwork Network(string cidr) => IPNetwork.Parse(cidr);
}
