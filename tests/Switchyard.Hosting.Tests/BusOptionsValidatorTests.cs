using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.Bus;

namespace Switchyard.Hosting.Tests;

public class BusOptionsValidatorTests
{
    static (BusOptions Options, IConfiguration Configuration) Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Bus:{s.Key}", (string?)s.Value)))
            .Build();
        return (configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions(), configuration);
    }

    static IReadOnlyList<string> Problems((BusOptions Options, IConfiguration Configuration) bound) =>
        new BusOptionsValidator(bound.Configuration).Validate(null, bound.Options).Failures?.ToList() ?? [];

    [Fact]
    public void The_default_configuration_is_the_in_memory_transport_and_valid()
    {
        var bound = Bind();

        bound.Options.TransportKind.ShouldBe(BusTransport.InMemory);
        Problems(bound).ShouldBeEmpty();
    }

    [Fact]
    public void Selecting_AmazonSqs_is_refused_with_a_message_that_names_the_alternatives()
    {
        var problem = Problems(Bind(("Transport", "AmazonSqs"))).ShouldHaveSingleItem();

        problem.ShouldContain("Bus:Transport 'AmazonSqs'");
        problem.ShouldContain("use InMemory or RabbitMq");
    }

    [Theory]
    [InlineData("rabbitmq", BusTransport.RabbitMq)]
    [InlineData("InMemory", BusTransport.InMemory)]
    public void Transport_names_are_case_insensitive(string configured, BusTransport expected) =>
        Bind(("Transport", configured)).Options.TransportKind.ShouldBe(expected);

    [Theory]
    [InlineData("Kafka")]
    [InlineData("2")]
    [InlineData("")]
    public void An_unknown_transport_is_named_in_the_message(string configured)
    {
        var problem = Problems(Bind(("Transport", configured))).ShouldHaveSingleItem();

        problem.ShouldBe($"Bus:Transport '{configured}' is not a transport: use InMemory, RabbitMq or AmazonSqs.");
    }

    [Fact]
    public void RabbitMq_settings_are_checked_only_when_RabbitMq_is_selected()
    {
        var broken = new[] { ("RabbitMq:Host", " "), ("RabbitMq:Port", "70000"), ("RabbitMq:VirtualHost", "") };

        Problems(Bind(broken)).ShouldBeEmpty();
        var problems = Problems(Bind([.. broken, ("Transport", "RabbitMq")]));

        problems.ShouldContain(p => p.StartsWith("Bus:RabbitMq:Host is empty", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("Bus:RabbitMq:Port 70000", StringComparison.Ordinal));
        problems.ShouldContain(p => p.StartsWith("Bus:RabbitMq:VirtualHost is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void The_RabbitMq_password_never_appears_in_a_message()
    {
        var problems = Problems(Bind(("Transport", "RabbitMq"), ("RabbitMq:Host", ""), ("RabbitMq:Password", "s3cr3t-value")));

        problems.ShouldNotBeEmpty();
        problems.ShouldAllBe(p => !p.Contains("s3cr3t-value", StringComparison.Ordinal));
    }

    [Fact]
    public void Delayed_redelivery_on_RabbitMq_requires_the_delayed_exchange_plugin()
    {
        var without = Problems(Bind(("Transport", "RabbitMq"), ("Redelivery:Intervals:0", "00:05:00")));
        var with = Problems(Bind(("Transport", "RabbitMq"), ("Redelivery:Intervals:0", "00:05:00"), ("RabbitMq:DelayedExchange", "true")));

        without.ShouldHaveSingleItem().ShouldContain("delayed-message-exchange plugin");
        with.ShouldBeEmpty();
    }

    [Fact]
    public void Delayed_redelivery_is_allowed_on_the_in_memory_transport() =>
        Problems(Bind(("Redelivery:Intervals:0", "00:05:00"))).ShouldBeEmpty();

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:02:00")]
    public void Retry_intervals_out_of_range_name_their_index(string interval)
    {
        var problem = Problems(Bind(("Retry:Intervals:0", "00:00:01"), ("Retry:Intervals:1", interval))).ShouldHaveSingleItem();

        problem.ShouldStartWith($"Bus:Retry:Intervals:1 is {TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)}");
    }

    [Theory]
    [InlineData("5s")]
    [InlineData("")]
    public void An_interval_the_binder_would_drop_silently_is_reported(string interval)
    {
        var problem = Problems(Bind(("Retry:Intervals:0", interval), ("Retry:Intervals:1", "00:00:01"))).ShouldHaveSingleItem();

        problem.ShouldBe($"Bus:Retry:Intervals:0 is '{interval}', which is not a time span: write hh:mm:ss(.fff), e.g. 00:00:05.");
    }
}
