namespace Switchyard.Dispatcher.Tests;

public class DispatcherOptionsValidatorTests
{
    static IReadOnlyList<string> Problems(DispatcherOptions options) =>
        new DispatcherOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    static SubscriptionOptions Subscription(string id = "zapier", string url = "https://hooks.zapier.com/hooks/catch/1/abc", params string[] events) =>
        new() { Id = id, Url = url, Events = events.Length == 0 ? ["*"] : [.. events], Secrets = [Dispatcher.Secret] };

    [Fact]
    public void Well_formed_subscriptions_pass() =>
        Problems(new DispatcherOptions
        {
            Subscriptions = [Subscription(), Subscription("crm", "http://10.0.0.5/hook", "opportunity.created"),
                new SubscriptionOptions { Id = "poller", Inbox = "crm-app", Events = ["invoice.paid"] }],
            Delivery = { AllowedNetworks = ["10.0.0.0/8", "::1", "192.168.1.7"] },
        }).ShouldBeEmpty();

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("")]
    public void A_url_that_is_not_absolute_http_is_named_by_its_key(string url) =>
        Problems(new DispatcherOptions { Subscriptions = [Subscription(), Subscription("b", url)] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:1:Url must be an absolute http or https URL");

    [Fact]
    public void Two_subscriptions_cannot_share_an_id() =>
        Problems(new DispatcherOptions { Subscriptions = [Subscription("same"), Subscription("same")] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:1:Id 'same' is used by another subscription");

    [Fact]
    public void A_subscription_without_events_is_refused() =>
        Problems(new DispatcherOptions { Subscriptions = [new SubscriptionOptions { Id = "x", Url = "https://example.com/", Secrets = [Dispatcher.Secret] }] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:0:Events must list at least one event type");

    [Fact]
    public void A_webhook_subscription_needs_a_signing_secret() =>
        Problems(new DispatcherOptions { Subscriptions = [new SubscriptionOptions { Id = "x", Url = "https://example.com/", Events = ["*"] }] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:0:Secrets must hold its signing secret: whsec_");

    [Theory]
    [InlineData("plain-password")]
    [InlineData("whsec_dG9vLXNob3J0")]
    [InlineData("whsec_not base64!")]
    public void A_secret_that_is_not_whsec_and_base64_of_24_to_64_bytes_is_refused_without_quoting_it(string secret)
    {
        var problem = Problems(new DispatcherOptions { Subscriptions = [new SubscriptionOptions { Id = "x", Url = "https://example.com/", Events = ["*"], Secrets = [secret] }] })
            .ShouldHaveSingleItem();
        problem.ShouldStartWith("Dispatcher:Subscriptions:0:Secrets:0 is not a signing secret");
        problem.ShouldNotContain(secret);
    }

    [Fact]
    public void A_subscription_is_either_a_webhook_or_an_inbox() =>
        Problems(new DispatcherOptions { Subscriptions = [new SubscriptionOptions { Id = "x", Url = "https://example.com/", Inbox = "crm", Events = ["*"], Secrets = [Dispatcher.Secret] }] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:0 has both Url and Inbox");

    [Fact]
    public void The_delivery_timeout_must_be_positive() =>
        Problems(new DispatcherOptions { Delivery = { Timeout = TimeSpan.Zero } })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Delivery:Timeout is 00:00:00");

    [Fact]
    public void An_allowed_network_that_is_not_cidr_is_named() =>
        Problems(new DispatcherOptions { Delivery = { AllowedNetworks = ["127.0.0.0/8", "localhost"] } })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Delivery:AllowedNetworks:1 is 'localhost'");

    [Fact]
    public void An_unknown_storage_provider_is_refused_with_the_choices() =>
        Problems(new DispatcherOptions { Storage = { Provider = "MongoDb" } })
            .ShouldHaveSingleItem().ShouldBe("Dispatcher:Storage:Provider is 'MongoDb'; use Sqlite (an embedded file) or PostgreSql.");

    [Fact]
    public void A_postgres_connection_string_is_never_quoted_back()
    {
        Problems(new DispatcherOptions { Storage = { Provider = "PostgreSql", ConnectionString = "" } })
            .ShouldHaveSingleItem().ShouldBe("Dispatcher:Storage:ConnectionString is empty: give the PostgreSQL connection string.");
        Problems(new DispatcherOptions { Storage = { Provider = "Sqlite", ConnectionString = "Host=db;Password=hunter2" } })
            .ShouldHaveSingleItem().ShouldNotContain("hunter2");
    }
}
