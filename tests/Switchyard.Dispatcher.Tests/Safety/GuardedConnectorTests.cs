using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Switchyard.Dispatcher.Delivery.Safety;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Safety;

public class GuardedConnectorTests
{
    const string MetadataRefusal =
        "host 'metadata.test' resolves to 169.254.169.254, a cloud metadata address (169.254.0.0/16); deliveries there are refused unless Dispatcher:Delivery:AllowedNetworks lists it";

    /// <summary>Names under <c>.test</c> that answer as told; any other name does not resolve.</summary>
    sealed class FakeResolver(params (string Host, string[] Addresses)[] names) : IHostResolver
    {
        public ConcurrentQueue<string> Asked { get; } = new();

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Asked.Enqueue(host);
            var match = names.FirstOrDefault(n => n.Host == host);
            return match.Host is null
                ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
                : Task.FromResult(match.Addresses.Select(IPAddress.Parse).ToArray());
        }
    }

    static readonly FakeResolver Names = new(
        ("metadata.test", ["169.254.169.254"]),
        ("sneaky.test", ["93.184.215.14", "10.1.2.3"]),
        ("sneaky-local.test", ["127.0.0.1", "10.1.2.3"]),
        ("hooks.test", ["127.0.0.1"]),
        ("fallback.test", ["::1", "127.0.0.1"]),
        ("public.test", ["93.184.215.14", "2606:4700::1111"]));

    static GuardedConnector Connector(IHostResolver resolver, params string[] allowed) =>
        new(OutboundAddressPolicy.FromConfiguration(allowed), resolver);

    static HttpClient Client(IHostResolver resolver, params string[] allowed) =>
        new(GuardedConnector.CreateHandler(Connector(resolver, allowed)));

    static Uri OnHost(Uri url, string host) => new UriBuilder(url) { Host = host }.Uri;

    static Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url) =>
        client.PostAsync(url, new StringContent("{}"), TestContext.Current.CancellationToken);

    static async Task<OutboundAddressRefusedException> RefusedAsync(HttpClient client, Uri url)
    {
        var failure = await Should.ThrowAsync<HttpRequestException>(() => PostAsync(client, url));
        return failure.InnerException.ShouldBeOfType<OutboundAddressRefusedException>();
    }

    [Fact]
    public async Task Loopback_is_refused_without_an_allowlist_and_nothing_reaches_the_subscriber()
    {
        await using var sink = await WebhookSink.StartAsync();
        using var client = Client(new DnsHostResolver());

        var refused = await RefusedAsync(client, sink.Url("/x"));

        refused.Host.ShouldBe("127.0.0.1");
        refused.Address.ShouldBe(IPAddress.Loopback);
        refused.Message.ShouldBe(
            "The webhook URL's host '127.0.0.1' is a loopback address (127.0.0.0/8); deliveries there are refused unless Dispatcher:Delivery:AllowedNetworks lists it.");
        sink.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Loopback_is_delivered_to_once_allowlisted()
    {
        await using var sink = await WebhookSink.StartAsync();
        using var client = Client(new DnsHostResolver(), "127.0.0.0/8");

        using var response = await PostAsync(client, sink.Url("/x"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        sink.Requests.ShouldHaveSingleItem().Path.ShouldBe("/x");
    }

    [Fact]
    public async Task Localhost_is_refused_because_it_resolves_to_loopback()
    {
        await using var sink = await WebhookSink.StartAsync();
        using var client = Client(new DnsHostResolver());

        var refused = await RefusedAsync(client, OnHost(sink.Url("/x"), "localhost"));

        refused.Host.ShouldBe("localhost");
        IPAddress.IsLoopback(refused.Address!).ShouldBeTrue();
        sink.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_cloud_metadata_address_is_refused_even_through_a_hostname()
    {
        using var client = Client(Names);

        var failure = await Should.ThrowAsync<HttpRequestException>(
            () => PostAsync(client, new Uri("http://user:hunter2@metadata.test/latest/meta-data/?token=secret")));

        var refused = failure.InnerException.ShouldBeOfType<OutboundAddressRefusedException>();
        refused.Host.ShouldBe("metadata.test");
        refused.Address.ShouldBe(IPAddress.Parse("169.254.169.254"));
        refused.Message.ShouldBe($"The webhook URL's {MetadataRefusal}.");
        Names.Asked.ShouldContain("metadata.test");
        failure.Message.ShouldNotContain("secret");
        failure.Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task A_host_with_one_private_address_among_public_ones_is_refused()
    {
        using var client = Client(Names);

        var refused = await RefusedAsync(client, new Uri("https://sneaky.test/hook"));

        refused.Address.ShouldBe(IPAddress.Parse("10.1.2.3"));
        refused.Message.ShouldContain("a private address (10.0.0.0/8)");
    }

    [Fact]
    public async Task A_refused_host_is_refused_before_connecting_to_any_of_its_addresses()
    {
        await using var sink = await WebhookSink.StartAsync();
        using var client = Client(Names, "127.0.0.0/8");

        // The sink's own address comes first and is allowed, so only a check before connecting keeps it untouched.
        var refused = await RefusedAsync(client, OnHost(sink.Url("/x"), "sneaky-local.test"));

        refused.Address.ShouldBe(IPAddress.Parse("10.1.2.3"));
        sink.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_allowed_name_is_connected_to_at_the_address_that_was_checked()
    {
        await using var sink = await WebhookSink.StartAsync();
        using var client = Client(Names, "127.0.0.0/8");
        var url = OnHost(sink.Url("/x"), "hooks.test");

        using var response = await PostAsync(client, url);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        sink.Requests.ShouldHaveSingleItem().Header("Host").ShouldBe(url.Authority);
    }

    [Fact]
    public async Task An_allowed_address_that_is_not_listening_fails_the_connection_rather_than_being_refused()
    {
        using var client = Client(Names, "127.0.0.0/8");

        var failure = await Should.ThrowAsync<HttpRequestException>(
            () => PostAsync(client, new Uri($"http://hooks.test:{FreePort.Next()}/x")));

        failure.InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.ConnectionRefused);
    }

    [Fact]
    public async Task An_address_that_does_not_answer_is_skipped_for_the_next()
    {
        await using var sink = await WebhookSink.StartAsync();
        using var client = Client(Names, "127.0.0.0/8", "::1");

        // The sink listens on 127.0.0.1 only, so ::1, tried first, cannot answer.
        using var response = await PostAsync(client, OnHost(sink.Url("/x"), "fallback.test"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        sink.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_URL_on_a_public_host_passes_the_registration_check() =>
        (await Connector(Names).CheckAsync(new Uri("https://public.test/hook"), TestContext.Current.CancellationToken)).ShouldBeNull();

    [Theory]
    [InlineData("ftp://public.test/hook", "scheme 'ftp' is not http or https")]
    [InlineData("file:///etc/passwd", "scheme 'file' is not http or https")]
    [InlineData("https://nowhere.test/hook", "host 'nowhere.test' does not resolve")]
    [InlineData("http://user:hunter2@metadata.test/latest/?token=secret", MetadataRefusal)]
    public async Task The_registration_check_says_why_a_URL_is_refused_naming_only_its_host(string url, string reason) =>
        (await Connector(Names).CheckAsync(new Uri(url), TestContext.Current.CancellationToken)).ShouldBe(reason);

    [Fact]
    public async Task The_registration_check_names_an_IPv6_host_without_its_brackets() =>
        (await Connector(new DnsHostResolver()).CheckAsync(new Uri("http://[::1]:8080/hook"), TestContext.Current.CancellationToken))
            .ShouldBe("host '::1' is the loopback address (::1/128); deliveries there are refused unless Dispatcher:Delivery:AllowedNetworks lists it");

    [Fact]
    public async Task The_registration_check_refuses_a_relative_URL() =>
        (await Connector(Names).CheckAsync(new Uri("/hook", UriKind.Relative), TestContext.Current.CancellationToken))
            .ShouldBe("the URL is not absolute");

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("::1")]
    [InlineData("fe80::1%1")]
    public async Task The_DNS_resolver_answers_an_IP_literal_with_itself(string literal) =>
        (await new DnsHostResolver().ResolveAsync(literal, TestContext.Current.CancellationToken))
            .ShouldHaveSingleItem().ShouldBe(IPAddress.Parse(literal));
}
