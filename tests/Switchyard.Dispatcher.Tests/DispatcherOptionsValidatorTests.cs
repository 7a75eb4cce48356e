namespace Switchyard.Dispatcher.Tests;

public class DispatcherOptionsValidatorTests
{
    static IReadOnlyList<string> Problems(DispatcherOptions options) =>
        new DispatcherOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    static SubscriptionOptions Subscription(string id = "zapier", string url = "https://hooks.zapier.com/hooks/catch/1/abc", params string[] events) =>
        new() { Id = id, Url = url, Events = events.Length == 0 ? ["*"] : [.. events] };

    [Fact]
    public void Well_formed_subscriptions_pass() =>
        Problems(new DispatcherOptions { Subscriptions = [Subscription(), Subscription("crm", "http://10.0.0.5/hook", "opportunity.created")] })
            .ShouldBeEmpty();

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("")]
    public void A_url_that_is_not_absolute_http_is_named_by_its_key(string url) =>
        Problems(new DispatcherOptions { Subscriptions = [Subscription(), Subscription("b", url)] })
            .ShouldHaveSingleItem().ShouldBe("Dispatcher:Subscriptions:1:Url must be an absolute http or https URL.");

    [Fact]
    public void Two_subscriptions_cannot_share_an_id() =>
        Problems(new DispatcherOptions { Subscriptions = [Subscription("same"), Subscription("same")] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:1:Id 'same' is used by another subscription");

    [Fact]
    public void A_subscription_without_events_is_refused() =>
        Problems(new DispatcherOptions { Subscriptions = [new SubscriptionOptions { Id = "x", Url = "https://example.com/" }] })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:Subscriptions:0:Events must list at least one event type");

    [Fact]
    public void The_delivery_timeout_must_be_positive() =>
        Problems(new DispatcherOptions { DeliveryTimeout = TimeSpan.Zero })
            .ShouldHaveSingleItem().ShouldStartWith("Dispatcher:DeliveryTimeout is 00:00:00");
}
