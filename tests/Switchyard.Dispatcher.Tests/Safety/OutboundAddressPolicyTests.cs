using System.Net;
using Switchyard.Dispatcher.Delivery.Safety;

namespace Switchyard.Dispatcher.Tests.Safety;

public class OutboundAddressPolicyTests
{
    static readonly OutboundAddressPolicy NothingAllowed = new([]);

    static string? Reason(OutboundAddressPolicy policy, string address)
    {
        policy.IsAllowed(IPAddress.Parse(address), out var reason).ShouldBe(reason is null);
        return reason;
    }

    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0 is a this-network address (0.0.0.0/8)")]
    [InlineData("10.1.2.3", "10.1.2.3 is a private address (10.0.0.0/8)")]
    [InlineData("172.16.0.1", "172.16.0.1 is a private address (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "172.31.255.255 is a private address (172.16.0.0/12)")]
    [InlineData("192.168.1.1", "192.168.1.1 is a private address (192.168.0.0/16)")]
    [InlineData("100.64.0.1", "100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10)")]
    [InlineData("127.0.0.1", "127.0.0.1 is a loopback address (127.0.0.0/8)")]
    [InlineData("127.255.255.254", "127.255.255.254 is a loopback address (127.0.0.0/8)")]
    [InlineData("169.254.1.1", "169.254.1.1 is a link-local address (169.254.0.0/16)")]
    [InlineData("169.254.169.254", "169.254.169.254 is a cloud metadata address (169.254.0.0/16)")]
    [InlineData("169.254.170.2", "169.254.170.2 is a cloud metadata address (169.254.0.0/16)")]
    [InlineData("192.0.0.8", "192.0.0.8 is an IETF protocol assignment address (192.0.0.0/24)")]
    [InlineData("198.19.255.255", "198.19.255.255 is a benchmarking address (198.18.0.0/15)")]
    [InlineData("224.0.0.1", "224.0.0.1 is a multicast address (224.0.0.0/4)")]
    [InlineData("239.255.255.250", "239.255.255.250 is a multicast address (224.0.0.0/4)")]
    [InlineData("240.0.0.1", "240.0.0.1 is a reserved address (240.0.0.0/4)")]
    [InlineData("255.255.255.255", "255.255.255.255 is the broadcast address (255.255.255.255/32)")]
    public void Blocked_IPv4_addresses_are_refused_naming_their_range(string address, string reason) =>
        Reason(NothingAllowed, address).ShouldBe(reason);

    [Theory]
    [InlineData("::", ":: is the unspecified address (::/128)")]
    [InlineData("::1", "::1 is the loopback address (::1/128)")]
    [InlineData("::7f00:1", "::127.0.0.1 is an IPv4-compatible address (::/96)")]
    [InlineData("fe80::1", "fe80::1 is a link-local address (fe80::/10)")]
    [InlineData("fec0::1", "fec0::1 is a site-local address (fec0::/10)")]
    [InlineData("fc00::1", "fc00::1 is a unique local address (fc00::/7)")]
    [InlineData("fd12:3456::1", "fd12:3456::1 is a unique local address (fc00::/7)")]
    [InlineData("fd00:ec2::254", "fd00:ec2::254 is a cloud metadata address (fc00::/7)")]
    [InlineData("ff02::1", "ff02::1 is a multicast address (ff00::/8)")]
    [InlineData("64:ff9b:1::a00:1", "64:ff9b:1::a00:1 is a local-use NAT64 address (64:ff9b:1::/48)")]
    public void Blocked_IPv6_addresses_are_refused_naming_their_range(string address, string reason) =>
        Reason(NothingAllowed, address).ShouldBe(reason);

    [Theory]
    [InlineData("::ffff:127.0.0.1", "::ffff:127.0.0.1 is a loopback address (127.0.0.0/8)")]
    [InlineData("::ffff:10.0.0.1", "::ffff:10.0.0.1 is a private address (10.0.0.0/8)")]
    [InlineData("::ffff:169.254.169.254", "::ffff:169.254.169.254 is a cloud metadata address (169.254.0.0/16)")]
    public void An_IPv4_mapped_address_is_judged_as_its_IPv4_address(string address, string reason) =>
        Reason(NothingAllowed, address).ShouldBe(reason);

    [Theory]
    [InlineData("64:ff9b::a9fe:a9fe", "64:ff9b::a9fe:a9fe is a NAT64 address (64:ff9b::/96) for 169.254.169.254, a cloud metadata address (169.254.0.0/16)")]
    [InlineData("64:ff9b::7f00:1", "64:ff9b::7f00:1 is a NAT64 address (64:ff9b::/96) for 127.0.0.1, a loopback address (127.0.0.0/8)")]
    [InlineData("2002:a00:1::1", "2002:a00:1::1 is a 6to4 address (2002::/16) for 10.0.0.1, a private address (10.0.0.0/8)")]
    [InlineData("2002:a9fe:a9fe::", "2002:a9fe:a9fe:: is a 6to4 address (2002::/16) for 169.254.169.254, a cloud metadata address (169.254.0.0/16)")]
    public void A_translation_address_is_judged_by_the_IPv4_address_it_carries(string address, string reason) =>
        Reason(NothingAllowed, address).ShouldBe(reason);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2a00:1450:4001:82a::200e")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:5db8:d70e::1")]
    public void Public_addresses_are_allowed(string address) =>
        Reason(NothingAllowed, address).ShouldBeNull();

    [Fact]
    public void An_allowlisted_loopback_network_lets_loopback_through_but_nothing_else()
    {
        var policy = OutboundAddressPolicy.FromConfiguration(["127.0.0.0/8"]);

        Reason(policy, "127.0.0.1").ShouldBeNull();
        Reason(policy, "::ffff:127.0.0.1").ShouldBeNull();
        Reason(policy, "64:ff9b::7f00:1").ShouldNotBeNull();
        Reason(policy, "10.0.0.1").ShouldBe("10.0.0.1 is a private address (10.0.0.0/8)");
        Reason(policy, "::1").ShouldBe("::1 is the loopback address (::1/128)");
    }

    [Fact]
    public void A_single_allowlisted_address_allows_only_itself()
    {
        var policy = OutboundAddressPolicy.FromConfiguration(["169.254.170.2", "::1"]);

        Reason(policy, "169.254.170.2").ShouldBeNull();
        Reason(policy, "::1").ShouldBeNull();
        Reason(policy, "169.254.169.254").ShouldBe("169.254.169.254 is a cloud metadata address (169.254.0.0/16)");
    }

    [Fact]
    public void An_allowlisted_IPv4_mapped_network_counts_as_its_IPv4_network()
    {
        var policy = new OutboundAddressPolicy([IPNetwork.Parse("::ffff:10.20.0.0/112")]);

        Reason(policy, "10.20.3.4").ShouldBeNull();
        Reason(policy, "::ffff:10.20.3.4").ShouldBeNull();
        Reason(policy, "10.21.0.1").ShouldNotBeNull();
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 192.168.0.0/16 ", "192.168.0.0/16")]
    [InlineData("::1/128", "::1/128")]
    [InlineData("fd00::/8", "fd00::/8")]
    [InlineData("127.0.0.1", "127.0.0.1/32")]
    [InlineData("::1", "::1/128")]
    public void Networks_parse_from_CIDR_or_a_bare_address(string text, string network)
    {
        OutboundAddressPolicy.TryParseNetwork(text, out var parsed).ShouldBeTrue();
        parsed.ToString().ShouldBe(network);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10/8")]
    [InlineData("127.1")]
    [InlineData("010.0.0.0/8")]
    [InlineData("10.0.0.0/")]
    public void Ambiguous_or_malformed_networks_do_not_parse(string text) =>
        OutboundAddressPolicy.TryParseNetwork(text, out _).ShouldBeFalse();

    [Fact]
    public void A_bad_configuration_entry_is_named_in_one_line() =>
        Should.Throw<FormatException>(() => OutboundAddressPolicy.FromConfiguration(["127.0.0.0/8", "10.0.0.1/8"]))
            .Message.ShouldBe("Dispatcher:Delivery:AllowedNetworks:1 '10.0.0.1/8' is not an IP address or a CIDR network such as 10.20.0.0/16 or fd00::/8 (with no bits set after the prefix).");
}
