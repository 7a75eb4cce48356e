using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.AmazonSqs.Faults;
using Switchyard.Dispatcher;
using Switchyard.Hosting.Bus;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>
/// build/aws/switchyard.json, checked offline as far as CloudFormation's rules and Switchyard's names go: every
/// reference resolves, every service queue has its alarms under the names the services give their queues, the
/// policies cover what the services and the operator call, and the fault table is the one the services write.
/// </summary>
public partial class DeploymentTemplateTests
{
    const string Placeholder = "SCOPEPLACEHOLDER";

    static readonly string[] PseudoParameters =
        ["AWS::AccountId", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix", "AWS::NotificationARNs"];

    static readonly Lazy<JsonObject> Template = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Solution.sln")))
            directory = directory.Parent;
        var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root was not found."), "build", "aws", "switchyard.json");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    });

    static JsonObject Resources => Template.Value[nameof(Resources)]!.AsObject();

    static IEnumerable<JsonObject> OfType(string type) =>
        Resources.Select(r => r.Value!.AsObject()).Where(r => (string?)r["Type"] == type);

    /// <summary>The queue names the services use on SQS, written as the template writes them.</summary>
    static readonly AmazonSqsTopology Topology = AmazonSqsTopology.From(new AmazonSqsOptions { Region = "eu-west-1", Scope = Placeholder });

    static string InTemplate(string sqsName) => sqsName.Replace(Placeholder, "${Scope}", StringComparison.Ordinal);

    public static TheoryData<string> ServiceQueues =>
        [ProcessorModule.EndpointName, ProcessorModule.SyncEndpointName, SellingApiEvents.QueueName, DispatcherModule.EndpointName, DispatcherModule.DeliveryEndpointName];

    [Fact]
    public void Every_reference_resolves_to_a_parameter_resource_condition_or_pseudo_parameter()
    {
        var template = Template.Value;
        template["AWSTemplateFormatVersion"]!.GetValue<string>().ShouldBe("2010-09-09");
        var parameters = template["Parameters"]!.AsObject().Select(p => p.Key).ToHashSet();
        var resources = Resources.Select(r => r.Key).ToHashSet();
        var conditions = template["Conditions"]!.AsObject().Select(c => c.Key).ToHashSet();
        var problems = new List<string>();

        void Walk(JsonNode? node, string at)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        switch (key)
                        {
                            case "Ref" when !parameters.Contains((string)value!) && !resources.Contains((string)value!) && !PseudoParameters.Contains((string)value!):
                                problems.Add($"{at}: Ref {value}");
                                break;
                            case "Fn::GetAtt" when !resources.Contains((string)value!.AsArray()[0]!):
                                problems.Add($"{at}: GetAtt {value}");
                                break;
                            case "Fn::If" when !conditions.Contains((string)value!.AsArray()[0]!):
                                problems.Add($"{at}: If {value!.AsArray()[0]}");
                                break;
                            case "Condition" when value is JsonValue && !conditions.Contains((string)value!):
                                problems.Add($"{at}: Condition {value}");
                                break;
                            case "Fn::Sub":
                                foreach (Match variable in SubVariable().Matches((string)value!))
                                {
                                    var name = variable.Groups[1].Value;
                                    if (!parameters.Contains(name) && !resources.Contains(name.Split('.')[0]) && !PseudoParameters.Contains(name))
                                        problems.Add($"{at}: Sub ${{{name}}}");
                                }
                                break;
                        }

                        Walk(value, $"{at}/{key}");
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                        Walk(array[i], $"{at}/{i}");
                    break;
            }
        }

        Walk(template, "");
        problems.ShouldBeEmpty();
        Resources.ShouldAllBe(r => r.Value!["Type"] != null && r.Value["Properties"] != null);
    }

    [Theory]
    [MemberData(nameof(ServiceQueues))]
    public void Each_service_queue_alarms_on_any_message_in_its_error_queue(string queue)
    {
        var errorQueue = InTemplate(Topology.ErrorQueueName(queue));

        var alarm = OfType("AWS::CloudWatch::Alarm").Select(a => a["Properties"]!.AsObject())
            .Where(p => (string?)p["MetricName"] == "ApproximateNumberOfMessagesVisible")
            .Where(p => (string?)p["Dimensions"]![0]!["Value"]!["Fn::Sub"] == errorQueue)
            .ShouldHaveSingleItem($"an alarm on {errorQueue}");

        ((string)alarm["Namespace"]!).ShouldBe("AWS/SQS");
        ((double)alarm["Threshold"]!).ShouldBe(0);
        ((string)alarm["ComparisonOperator"]!).ShouldBe("GreaterThanThreshold");
        ((string)alarm["TreatMissingData"]!).ShouldBe("notBreaching");
    }

    [Theory]
    [MemberData(nameof(ServiceQueues))]
    public void Each_service_queue_alarms_when_its_oldest_message_is_older_than_five_minutes(string queue)
    {
        var sqsName = InTemplate(Topology.QueueName(queue));

        var alarm = OfType("AWS::CloudWatch::Alarm").Select(a => a["Properties"]!.AsObject())
            .Where(p => (string?)p["MetricName"] == "ApproximateAgeOfOldestMessage")
            .Where(p => (string?)p["Dimensions"]![0]!["Value"]!["Fn::Sub"] == sqsName)
            .ShouldHaveSingleItem($"an alarm on {sqsName}");

        ((string)alarm["Threshold"]!["Ref"]!).ShouldBe("OldestMessageAgeSeconds");
        ((int)Template.Value["Parameters"]!["OldestMessageAgeSeconds"]!["Default"]!).ShouldBe(300);
        ((string)alarm["ComparisonOperator"]!).ShouldBe("GreaterThanThreshold");
    }

    [Theory]
    [InlineData("processor", new[] { ProcessorModule.EndpointName, ProcessorModule.SyncEndpointName })]
    [InlineData("dispatcher", new[] { DispatcherModule.EndpointName, DispatcherModule.DeliveryEndpointName })]
    public void Each_consuming_service_alarms_when_more_than_five_percent_of_its_messages_fail(string service, string[] queues)
    {
        var alarm = OfType("AWS::CloudWatch::Alarm").Select(a => a["Properties"]!.AsObject())
            .Single(p => (string?)p["AlarmName"]!["Fn::Sub"] == $"${{Scope}}-switchyard-{service}-error-rate");
        var metrics = alarm["Metrics"]!.AsArray().Select(m => m!.AsObject()).ToList();
        string? Queue(JsonObject metric, string name) =>
            (string?)metric["MetricStat"]?["Metric"]?["MetricName"] == name ? (string?)metric["MetricStat"]!["Metric"]!["Dimensions"]![0]!["Value"]!["Fn::Sub"] : null;

        metrics.Select(m => Queue(m, "NumberOfMessagesSent")).OfType<string>()
            .ShouldBe(queues.Select(q => InTemplate(Topology.ErrorQueueName(q))), ignoreOrder: true);
        metrics.Select(m => Queue(m, "NumberOfMessagesDeleted")).OfType<string>()
            .ShouldBe(queues.Select(q => InTemplate(Topology.QueueName(q))), ignoreOrder: true);
        metrics.Single(m => (bool?)m["ReturnData"] == true)["Expression"].ShouldNotBeNull();
        ((string)alarm["Threshold"]!["Ref"]!).ShouldBe("ErrorRatePercent");
        ((int)Template.Value["Parameters"]!["ErrorRatePercent"]!["Default"]!).ShouldBe(5);
    }

    [Fact]
    public void The_receipts_error_rate_alarm_watches_its_load_balancer_when_one_is_given()
    {
        var alarm = Resources["ReceiptErrorRateAlarm"]!.AsObject();

        ((string)alarm["Condition"]!).ShouldBe("HasReceiptLoadBalancer");
        alarm["Properties"]!["Metrics"]!.AsArray().Select(m => (string?)m!["MetricStat"]?["Metric"]?["MetricName"]).OfType<string>()
            .ShouldBe(["HTTPCode_Target_5XX_Count", "RequestCount"], ignoreOrder: true);
    }

    [Fact]
    public void The_services_policy_covers_their_queues_topics_fault_table_Partner_Central_and_assumed_roles()
    {
        var actions = Actions("ServicePolicy");

        // MassTransit's SQS transport and the fault recorder.
        actions.ShouldContain("sqs:CreateQueue");
        actions.ShouldContain("sqs:GetQueueUrl");
        actions.ShouldContain("sqs:GetQueueAttributes");
        actions.ShouldContain("sqs:SetQueueAttributes");
        actions.ShouldContain("sqs:SendMessage");
        actions.ShouldContain("sqs:ReceiveMessage");
        actions.ShouldContain("sqs:DeleteMessage");
        actions.ShouldContain("sqs:ChangeMessageVisibility");
        actions.ShouldContain("sns:CreateTopic");
        actions.ShouldContain("sns:ListTopics");
        actions.ShouldContain("sns:Publish");
        actions.ShouldContain("sns:Subscribe");
        actions.ShouldContain("sns:GetSubscriptionAttributes");
        actions.ShouldContain("sns:SetSubscriptionAttributes");
        actions.ShouldContain("dynamodb:PutItem");
        actions.ShouldContain("dynamodb:GetItem");
        // The operations the processor's Partner Central client sends (PartnerCentralClient).
        foreach (var operation in new[]
                 {
                     "CreateOpportunity", "GetOpportunity", "UpdateOpportunity", "AssociateOpportunity", "ListSolutions",
                     "GetAwsOpportunitySummary", "ListOpportunities", "ListEngagementInvitations",
                 })
            actions.ShouldContain($"partnercentral:{operation}");
        actions.ShouldContain("sts:AssumeRole");

        Statements("ServicePolicy").Where(s => s["Resource"] is JsonObject { } r && r["Fn::Sub"] is not null)
            .Select(s => (string)s["Resource"]!["Fn::Sub"]!)
            .ShouldBe([
                "arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${Scope}_*",
                "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:${Scope}_*",
            ], ignoreOrder: true);
    }

    [Fact]
    public void An_EventBridge_rule_sends_Partner_Centrals_events_of_the_catalog_to_the_processors_event_queue_with_a_dead_letter_queue_and_its_alarm()
    {
        var rule = Resources["PartnerCentralEventsRule"]!["Properties"]!.AsObject();
        var queue = Resources["PartnerCentralEventsQueue"]!["Properties"]!.AsObject();
        var deadLetters = Resources["PartnerCentralEventsDeadLetterQueue"]!["Properties"]!.AsObject();

        // The queue the processor reads, under the name the SQS transport gives it.
        ((string)queue["QueueName"]!["Fn::Sub"]!).ShouldBe(InTemplate(Topology.QueueName(SellingApiEvents.QueueName)));
        ((string)rule["EventBusName"]!).ShouldBe("default");
        rule["EventPattern"]!["source"]!.AsArray().Select(s => (string?)s).ShouldBe([SellingApiEvents.Source]);
        ((string)rule["EventPattern"]!["detail"]!["catalog"]![0]!["Ref"]!).ShouldBe("PartnerCentralCatalog");
        Template.Value["Parameters"]!["PartnerCentralCatalog"]!["AllowedValues"]!.AsArray().Select(v => (string?)v).ShouldBe(["AWS", "Sandbox"]);
        var target = rule["Targets"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
        ((string)target["Arn"]!["Fn::GetAtt"]![0]!).ShouldBe("PartnerCentralEventsQueue");
        ((string)target["DeadLetterConfig"]!["Arn"]!["Fn::GetAtt"]![0]!).ShouldBe("PartnerCentralEventsDeadLetterQueue");
        deadLetters["QueueName"].ShouldNotBeNull();

        // EventBridge may send to both queues, and only from this rule.
        foreach (var (policyName, queueName) in new[] { ("PartnerCentralEventsQueuePolicy", "PartnerCentralEventsQueue"), ("PartnerCentralEventsDeadLetterQueuePolicy", "PartnerCentralEventsDeadLetterQueue") })
        {
            var policy = Resources[policyName]!["Properties"]!.AsObject();
            ((string)policy["Queues"]![0]!["Ref"]!).ShouldBe(queueName);
            var statement = policy["PolicyDocument"]!["Statement"]!.AsArray().ShouldHaveSingleItem()!.AsObject();
            ((string)statement["Principal"]!["Service"]!).ShouldBe("events.amazonaws.com");
            ((string)statement["Action"]!).ShouldBe("sqs:SendMessage");
            ((string)statement["Resource"]!["Fn::GetAtt"]![0]!).ShouldBe(queueName);
            ((string)statement["Condition"]!["ArnEquals"]!["aws:SourceArn"]!["Fn::GetAtt"]![0]!).ShouldBe("PartnerCentralEventsRule");
        }

        var alarm = OfType("AWS::CloudWatch::Alarm").Select(a => a["Properties"]!.AsObject())
            .Single(p => (string?)p["Dimensions"]?[0]?["Value"]?["Fn::Sub"] == (string?)deadLetters["QueueName"]!["Fn::Sub"]);
        ((string)alarm["MetricName"]!).ShouldBe("ApproximateNumberOfMessagesVisible");
        ((double)alarm["Threshold"]!).ShouldBe(0);
    }

    [Fact]
    public void The_operator_policy_covers_listing_reading_replaying_and_removing()
    {
        var actions = Actions("OperatorPolicy");

        foreach (var action in new[] { "sqs:ListQueues", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:ReceiveMessage",
                     "sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:SendMessage", "dynamodb:GetItem" })
            actions.ShouldContain(action);
        actions.ShouldNotContain("dynamodb:PutItem");
    }

    [Fact]
    public void The_fault_table_is_the_one_the_services_write_with_their_keys_and_time_to_live()
    {
        var table = Resources["FaultTable"]!["Properties"]!.AsObject();

        ((string)table["TableName"]!["Fn::Sub"]!).ShouldBe(InTemplate(Topology.FaultTable));
        table["KeySchema"]!.AsArray().Select(k => ((string)k!["AttributeName"]!, (string)k["KeyType"]!))
            .ShouldBe([(DynamoDbFaultStore.MessageIdAttribute, "HASH"), (DynamoDbFaultStore.ErrorQueueAttribute, "RANGE")]);
        ((string)table["TimeToLiveSpecification"]!["AttributeName"]!).ShouldBe(DynamoDbFaultStore.ExpiresAtAttribute);
        ((bool)table["TimeToLiveSpecification"]!["Enabled"]!).ShouldBeTrue();
    }

    [Fact]
    public void The_dashboard_shows_depth_age_error_queues_error_rates_and_latency_of_every_service_queue()
    {
        var body = ((string)Resources["Dashboard"]!["Properties"]!["DashboardBody"]!["Fn::Sub"]!)
            .Replace("${Scope}", "prod", StringComparison.Ordinal).Replace("${AWS::Region}", "eu-west-1", StringComparison.Ordinal)
            .Replace("${MetricsNamespace}", "Switchyard", StringComparison.Ordinal)
            .Replace("${OldestMessageAgeSeconds}", "300", StringComparison.Ordinal).Replace("${ErrorRatePercent}", "5", StringComparison.Ordinal);

        var widgets = JsonNode.Parse(body)!["widgets"]!.AsArray();

        var titles = widgets.Select(w => (string?)w!["properties"]!["title"]).OfType<string>().ToList();
        titles.ShouldContain(t => t.StartsWith("Queue depth", StringComparison.Ordinal));
        titles.ShouldContain(t => t.StartsWith("Age of the oldest message", StringComparison.Ordinal));
        titles.ShouldContain(t => t.StartsWith("Error queues", StringComparison.Ordinal));
        titles.ShouldContain(t => t.StartsWith("Error rate", StringComparison.Ordinal));
        titles.ShouldContain(t => t.StartsWith("Delivery and processing latency", StringComparison.Ordinal));
        var prodTopology = AmazonSqsTopology.From(new AmazonSqsOptions { Region = "eu-west-1", Scope = "prod" });
        foreach (var queue in ServiceQueues.Select(q => (string)q.Data))
        {
            body.ShouldContain($"\"{prodTopology.QueueName(queue)}\"");
            body.ShouldContain($"\"{prodTopology.ErrorQueueName(queue)}\"");
        }
    }

    [Fact]
    public void The_dashboards_service_metrics_are_ones_the_services_emit_with_dimensions_the_ADOT_collector_creates()
    {
        var declarations = CollectorDeclarations();
        var template = Template.Value;
        ((string)template["Parameters"]!["MetricsNamespace"]!["Default"]!).ShouldBe("Switchyard");
        File.ReadAllText(RepositoryFile("build", "observability", "adot-collector.yaml")).ShouldContain("namespace: Switchyard\n");
        // The instruments' own names (Switchyard's meters and MassTransit's defaults), as awsemf keeps them.
        var mt = new MassTransit.Monitoring.InstrumentationOptions();
        new MassTransit.Monitoring.ConfigureDefaultInstrumentationOptions().Configure(mt);
        string[] emitted = [ProcessorMetrics.OutcomesName, "switchyard.receipt.publish.duration", "DeliveryLatency", "SuccessfulDeliveries",
            "FailedDeliveries", mt.ConsumeDuration, mt.DeliveryDuration, "http.server.request.duration"];

        var body = ((string)Resources["Dashboard"]!["Properties"]!["DashboardBody"]!["Fn::Sub"]!)
            .Replace("${OldestMessageAgeSeconds}", "300", StringComparison.Ordinal).Replace("${ErrorRatePercent}", "5", StringComparison.Ordinal);
        var rows = JsonNode.Parse(body)!["widgets"]!.AsArray()
            .SelectMany(w => w!["properties"]!["metrics"]?.AsArray() ?? [])
            .Select(r => r!.AsArray())
            .Where(r => r[0] is JsonValue v && v.GetValue<string>() == "${MetricsNamespace}")
            .ToList();

        rows.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var row in rows)
        {
            var name = row[1]!.GetValue<string>();
            var dimensions = row.Skip(2).TakeWhile(n => n is JsonValue).Select(n => n!.GetValue<string>()).ToList();
            var names = dimensions.Where((_, i) => i % 2 == 0).ToList();
            emitted.ShouldContain(name);
            names.ShouldContain("service.name", $"{name} is read per service");
            dimensions[names.IndexOf("service.name") * 2 + 1].ShouldStartWith("switchyard-");
            declarations.ShouldContain(d => d.Dimensions.SetEquals(names) && d.Selectors.Any(s => s.IsMatch(name)),
                $"adot-collector.yaml creates {name} with [{string.Join(", ", names)}]");
        }
    }

    /// <summary>The awsemf metric declarations: each dimension set with its metric name selectors.</summary>
    static List<(HashSet<string> Dimensions, List<Regex> Selectors)> CollectorDeclarations()
    {
        var declarations = new List<(HashSet<string> Dimensions, List<Regex> Selectors)>();
        foreach (var line in File.ReadLines(RepositoryFile("build", "observability", "adot-collector.yaml")).Select(l => l.Trim()))
        {
            if (line.StartsWith("- dimensions: ", StringComparison.Ordinal))
            {
                // Written as JSON arrays, e.g. [["service.name", "outcome"]].
                var sets = JsonNode.Parse(line["- dimensions: ".Length..])!.AsArray();
                declarations.Add((sets.ShouldHaveSingleItem()!.AsArray().Select(d => d!.GetValue<string>()).ToHashSet(), []));
            }
            else if (line.StartsWith("- \"^", StringComparison.Ordinal) && declarations.Count > 0)
            {
                declarations[^1].Selectors.Add(new Regex(line[3..^1].Replace(@"\\", @"\", StringComparison.Ordinal)));
            }
        }

        declarations.Count.ShouldBeGreaterThanOrEqualTo(4);
        return declarations;
    }

    static string RepositoryFile(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Solution.sln")))
            directory = directory.Parent;
        return Path.Combine([directory?.FullName ?? throw new InvalidOperationException("The repository root was not found."), .. parts]);
    }

    static IEnumerable<JsonObject> Statements(string policy) =>
        Resources[policy]!["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Select(s => s!.AsObject())
            .Select(s => s["Fn::If"] is JsonArray conditional ? conditional[1]!.AsObject() : s);

    static HashSet<string> Actions(string policy) =>
        Statements(policy).SelectMany(s => s["Action"]!.AsArray().Select(a => (string)a!)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubVariable();
}
