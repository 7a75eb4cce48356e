using Microsoft.Extensions.Configuration;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Hosting.Tests;

/// <summary>
/// The <c>Bus:AmazonSqs</c> settings: their validation, and what they map to (<see cref="AmazonSqsTopology"/>). None of
/// this needs the AWS packages, so it runs in every build.
/// </summary>
public class AmazonSqsSettingsTests
{
    static (BusOptions Options, IConfiguration Configuration) Bind(params (string Key, string Value)[] settings)
    {
        // Later settings win, as they do between configuration sources.
        var values = new Dictionary<string, string?>();
        foreach (var (key, value) in settings)
            values[$"Bus:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return (configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions(), configuration);
    }

    static (BusOptions Options, IConfiguration Configuration) Sqs(params (string Key, string Value)[] settings) =>
        Bind([("Transport", "AmazonSqs"), .. settings]);

    static IReadOnlyList<string> Problems((BusOptions Options, IConfiguration Configuration) bound, bool builtIn = true) =>
        new BusOptionsValidator(bound.Configuration, builtIn ? [BusTransport.AmazonSqs] : [])
            .Validate(null, bound.Options).Failures?.ToList() ?? [];

    static AmazonSqsTopology Map(params (string Key, string Value)[] settings) => AmazonSqsTopology.From(Sqs(settings).Options.AmazonSqs);

    [Fact]
    public void Without_the_transport_built_in_the_message_says_how_to_build_it_in()
    {
        var problem = Problems(Sqs(("AmazonSqs:Region", "eu-west-1")), builtIn: false).ShouldHaveSingleItem();

        problem.ShouldStartWith("Bus:Transport 'AmazonSqs' is not built into this version of Switchyard:");
        problem.ShouldContain("-p:SwitchyardAmazonSqs=true");
        problem.ShouldContain("MassTransit.AmazonSQS");
        problem.ShouldContain("use InMemory or RabbitMq");
    }

    [Fact]
    public void With_the_transport_built_in_a_region_is_all_it_needs() =>
        Problems(Sqs(("AmazonSqs:Region", "eu-west-1"))).ShouldBeEmpty();

    [Fact]
    public void A_missing_region_is_named()
    {
        var problem = Problems(Sqs()).ShouldHaveSingleItem();

        problem.ShouldBe("Bus:AmazonSqs:Region is empty: set the AWS region, e.g. eu-west-1.");
    }

    [Theory]
    [InlineData("AmazonSqs:Region", "Europe", "Bus:AmazonSqs:Region 'Europe'")]
    [InlineData("AmazonSqs:ServiceUrl", "localhost:4566", "Bus:AmazonSqs:ServiceUrl 'localhost:4566'")]
    [InlineData("AmazonSqs:ServiceUrl", "ftp://localstack", "Bus:AmazonSqs:ServiceUrl 'ftp://localstack'")]
    [InlineData("AmazonSqs:Scope", "dev_1", "Bus:AmazonSqs:Scope 'dev_1'")]
    [InlineData("AmazonSqs:Scope", "-dev", "Bus:AmazonSqs:Scope '-dev'")]
    [InlineData("AmazonSqs:Profile", "my profile", "Bus:AmazonSqs:Profile 'my profile'")]
    [InlineData("AmazonSqs:RoleArn", "arn:aws:iam::123:role/x", "Bus:AmazonSqs:RoleArn 'arn:aws:iam::123:role/x'")]
    [InlineData("AmazonSqs:FifoQueues:0", "processor.fifo", "Bus:AmazonSqs:FifoQueues:0 is 'processor.fifo'")]
    [InlineData("AmazonSqs:FifoMessageTypes:0", "Not a type", "Bus:AmazonSqs:FifoMessageTypes:0 is 'Not a type'")]
    [InlineData("AmazonSqs:FaultTable", "x", "Bus:AmazonSqs:FaultTable 'x'")]
    [InlineData("AmazonSqs:FaultRetention", "00:10:00", "Bus:AmazonSqs:FaultRetention is 00:10:00")]
    public void Each_invalid_setting_is_named_with_its_value(string key, string value, string expected)
    {
        var problem = Problems(Sqs(("AmazonSqs:Region", "eu-west-1"), (key, value))).ShouldHaveSingleItem();

        problem.ShouldStartWith(expected);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("ap-southeast-3")]
    [InlineData("cn-north-1")]
    public void Region_names_of_every_partition_are_accepted(string region) =>
        Problems(Sqs(("AmazonSqs:Region", region))).ShouldBeEmpty();

    [Fact]
    public void A_role_with_an_external_id_and_a_profile_is_accepted() =>
        Problems(Sqs(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:Profile", "ops"),
            ("AmazonSqs:RoleArn", "arn:aws:iam::123456789012:role/switchyard"), ("AmazonSqs:ExternalId", "switchyard-prod-7f3a"))).ShouldBeEmpty();

    [Fact]
    public void The_external_id_never_appears_in_a_message()
    {
        var withoutRole = Problems(Sqs(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:ExternalId", "Sekr1t-External-Id")));
        var malformed = Problems(Sqs(("AmazonSqs:Region", "eu-west-1"),
            ("AmazonSqs:RoleArn", "arn:aws:iam::123456789012:role/switchyard"), ("AmazonSqs:ExternalId", "Sekr1t External Id")));

        withoutRole.ShouldHaveSingleItem().ShouldStartWith("Bus:AmazonSqs:ExternalId is set without Bus:AmazonSqs:RoleArn");
        malformed.ShouldHaveSingleItem().ShouldStartWith("Bus:AmazonSqs:ExternalId must be");
        withoutRole.Concat(malformed).ShouldAllBe(p => !p.Contains("Sekr1t", StringComparison.Ordinal));
    }

    [Fact]
    public void Redelivery_intervals_longer_than_SQS_can_delay_are_accepted_on_AmazonSqs_and_made_of_hops()
    {
        var longer = Problems(Sqs(("AmazonSqs:Region", "eu-west-1"), ("Redelivery:Intervals:0", "00:05:00"), ("Redelivery:Intervals:1", "10:00:00")));
        var delays = TransportDelays.For(Sqs(("AmazonSqs:Region", "eu-west-1")).Options);

        longer.ShouldBeEmpty();
        delays.CanDelay.ShouldBeTrue();
        delays.MaxDelay.ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void The_settings_are_checked_only_when_AmazonSqs_is_selected() =>
        Problems(Bind(("AmazonSqs:Region", "Europe"), ("AmazonSqs:Scope", "no way"))).ShouldBeEmpty();

    [Fact]
    public void By_default_the_processor_queue_and_the_HubSpot_event_topic_are_FIFO_in_the_region()
    {
        var topology = Map(("AmazonSqs:Region", "eu-west-1"));

        topology.Region.ShouldBe("eu-west-1");
        topology.ServiceUrl.ShouldBeNull();
        topology.Scope.ShouldBeNull();
        topology.NamePrefix.ShouldBe("");
        topology.FifoQueues.ShouldBe(["processor", "processor-polling"]);
        // Partner Central's changes go to the FIFO processor queue too, one opportunity or invitation at a time.
        topology.FifoMessageTypes.ShouldBe(["Switchyard.Contracts.HubSpot.HubSpotEventReceived",
            "Switchyard.Contracts.PartnerCentral.PartnerCentralOpportunityChanged", "Switchyard.Contracts.PartnerCentral.PartnerCentralInvitationChanged"]);
        topology.QueueName("processor").ShouldBe("processor.fifo");
        topology.QueueName("processor-partner-central").ShouldBe("processor-partner-central");
        topology.QueueName("dispatcher").ShouldBe("dispatcher");
        topology.FaultTable.ShouldBe("switchyard-faults");
        topology.FaultRetention.ShouldBe(TimeSpan.FromDays(14));
        topology.CreateFaultTable.ShouldBeFalse();
        topology.Credentials.ShouldBe(new AmazonSqsCredentials(null, null, null, "switchyard"));
    }

    [Fact]
    public void The_FIFO_group_is_the_receipts_ordering_key_and_content_based_deduplication_is_on()
    {
        AmazonSqsTopology.GroupIdHeader.ShouldBe(OrderingKey.Header);
        AmazonSqsTopology.ContentBasedDeduplication.ShouldBeTrue();
    }

    [Fact]
    public void A_scope_prefixes_queues_their_error_and_skipped_queues_topics_and_the_fault_table()
    {
        var topology = Map(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:Scope", "staging"));

        topology.QueueName("processor").ShouldBe("staging_processor.fifo");
        topology.ErrorQueueName("processor").ShouldBe("staging_processor_error.fifo");
        topology.QueueName("processor_skipped").ShouldBe("staging_processor_skipped.fifo");
        topology.QueueName("dispatcher-delivery").ShouldBe("staging_dispatcher-delivery");
        topology.ErrorQueueName("dispatcher-delivery").ShouldBe("staging_dispatcher-delivery_error");
        topology.TopicName("Switchyard_Contracts_HubSpot-HubSpotEventReceived", "Switchyard.Contracts.HubSpot.HubSpotEventReceived")
            .ShouldBe("staging_Switchyard_Contracts_HubSpot-HubSpotEventReceived.fifo");
        topology.TopicName("Switchyard_Contracts_Processing-SyncSkipped", "Switchyard.Contracts.Processing.SyncSkipped")
            .ShouldBe("staging_Switchyard_Contracts_Processing-SyncSkipped");
        topology.FaultTable.ShouldBe("staging_switchyard-faults");
    }

    [Theory]
    [InlineData("staging_processor.fifo", "processor")]
    [InlineData("staging_processor_error.fifo", "processor_error")]
    [InlineData("staging_dispatcher-delivery_error", "dispatcher-delivery_error")]
    [InlineData("production_processor.fifo", null)]
    [InlineData("processor", null)]
    public void SQS_queue_names_map_back_to_the_services_names_within_the_scope(string queue, string? expected) =>
        Map(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:Scope", "staging")).LogicalQueueName(queue).ShouldBe(expected);

    [Fact]
    public void The_service_url_serves_SQS_SNS_and_DynamoDB_alike()
    {
        var topology = Map(("AmazonSqs:Region", "us-east-1"), ("AmazonSqs:ServiceUrl", "http://localstack:4566"));

        topology.SqsServiceUrl.ShouldBe(new Uri("http://localstack:4566"));
        topology.SnsServiceUrl.ShouldBe(new Uri("http://localstack:4566"));
        topology.DynamoDbServiceUrl.ShouldBe(new Uri("http://localstack:4566"));
    }

    [Fact]
    public void Turning_FIFO_off_leaves_every_queue_and_topic_standard()
    {
        var topology = Map(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:Fifo", "false"));

        topology.FifoQueues.ShouldBeEmpty();
        topology.FifoMessageTypes.ShouldBeEmpty();
        topology.QueueName("processor").ShouldBe("processor");
    }

    [Fact]
    public void Configured_FIFO_queues_replace_the_default_instead_of_adding_to_it()
    {
        var topology = Map(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:FifoQueues:0", "processor-partner-central"));

        topology.FifoQueues.ShouldBe(["processor-partner-central"]);
        topology.QueueName("processor").ShouldBe("processor");
        topology.QueueName("processor-partner-central").ShouldBe("processor-partner-central.fifo");
    }

    [Fact]
    public void An_assumed_role_is_described_without_its_external_id()
    {
        var topology = Map(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:Profile", "ops"),
            ("AmazonSqs:RoleArn", "arn:aws:iam::123456789012:role/switchyard"), ("AmazonSqs:ExternalId", "Sekr1t-External-Id"),
            ("AmazonSqs:RoleSessionName", "switchyard-processor"));

        topology.Credentials.ShouldBe(new AmazonSqsCredentials("ops", "arn:aws:iam::123456789012:role/switchyard", "Sekr1t-External-Id", "switchyard-processor"));
        topology.Credentials.AssumesRole.ShouldBeTrue();
        topology.Describe().ShouldBe("in eu-west-1, credentials of profile ops assuming arn:aws:iam::123456789012:role/switchyard, FIFO queues processor.fifo, processor-polling.fifo");
        topology.Credentials.ToString().ShouldNotContain("Sekr1t");
    }

    [Fact]
    public void An_external_id_without_a_role_is_not_used()
    {
        var topology = Map(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:ExternalId", "Sekr1t-External-Id"));

        topology.Credentials.ExternalId.ShouldBeNull();
    }

    [Fact]
    public void Queue_names_are_unchanged_on_the_other_transports_and_mapped_on_AmazonSqs()
    {
        QueueNames.From(Bind(("Transport", "RabbitMq"), ("AmazonSqs:Scope", "staging")).Options).Of("processor").ShouldBe("processor");
        QueueNames.From(Bind().Options).Of("processor").ShouldBe("processor");

        var sqs = QueueNames.From(Sqs(("AmazonSqs:Region", "eu-west-1"), ("AmazonSqs:Scope", "staging")).Options);
        sqs.Of("processor").ShouldBe("staging_processor.fifo");
        sqs.AddressOf("dispatcher-delivery").ShouldBe(new Uri("queue:staging_dispatcher-delivery"));
    }
}
