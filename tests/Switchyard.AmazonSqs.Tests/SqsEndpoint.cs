using Amazon.DynamoDBv2;
using Amazon.SQS;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>
/// A real SQS endpoint for the integration tests: LocalStack, or any SQS-compatible endpoint, named by
/// <c>SWITCHYARD_SQS_SERVICE_URL</c>. Without it those tests are reported as skipped, saying how to run them.
/// </summary>
public static class SqsEndpoint
{
    /// <summary>The variable that names the endpoint, e.g. <c>http://localhost:4566</c>.</summary>
    public const string UrlVariable = "SWITCHYARD_SQS_SERVICE_URL";

    /// <summary>The variable that names the region to sign for; us-east-1 when unset.</summary>
    public const string RegionVariable = "SWITCHYARD_SQS_REGION";

    /// <summary>The endpoint's settings, each test in a scope of its own; or a skipped test that says what is missing.</summary>
    public static Dictionary<string, string?> RequireSettings(out string scope)
    {
        var url = Environment.GetEnvironmentVariable(UrlVariable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(url),
            $"No SQS endpoint: set {UrlVariable} to LocalStack's URL (e.g. http://localhost:4566 after 'docker compose up localstack') " +
            "or another SQS-compatible endpoint, with AWS credentials in the environment (LocalStack takes AWS_ACCESS_KEY_ID=test, AWS_SECRET_ACCESS_KEY=test).");
        Assert.SkipWhen(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null && Environment.GetEnvironmentVariable("AWS_PROFILE") is null,
            $"{UrlVariable} is set, but no AWS credentials are: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (LocalStack takes test/test) or AWS_PROFILE.");

        scope = "t" + Guid.NewGuid().ToString("N")[..10];
        return new Dictionary<string, string?>
        {
            ["Bus:AmazonSqs:Region"] = Environment.GetEnvironmentVariable(RegionVariable) ?? "us-east-1",
            ["Bus:AmazonSqs:ServiceUrl"] = url,
            ["Bus:AmazonSqs:Scope"] = scope,
            ["Bus:AmazonSqs:CreateFaultTable"] = "true",
        };
    }

    /// <summary>The topology of <paramref name="settings"/>.</summary>
    public static AmazonSqsTopology Topology(IReadOnlyDictionary<string, string?> settings) => AmazonSqsTopology.From(new AmazonSqsOptions
    {
        Region = settings["Bus:AmazonSqs:Region"],
        ServiceUrl = settings["Bus:AmazonSqs:ServiceUrl"],
        Scope = settings["Bus:AmazonSqs:Scope"],
        CreateFaultTable = true,
    });

    /// <summary>An SQS client for setting up and checking what the code under test does.</summary>
    public static AmazonSQSClient Sqs(AmazonSqsTopology topology) =>
        new(AwsClients.Credentials(topology.Credentials), AwsClients.SqsConfig(topology));

    /// <summary>A DynamoDB client, as <see cref="Sqs"/>.</summary>
    public static AmazonDynamoDBClient DynamoDb(AmazonSqsTopology topology) =>
        new(AwsClients.Credentials(topology.Credentials), AwsClients.DynamoDbConfig(topology));

    /// <summary>Deletes every queue of the scope, and its fault table; failures are ignored (a test's leftovers).</summary>
    public static async Task CleanUpAsync(AmazonSqsTopology topology)
    {
        using var sqs = Sqs(topology);
        var queues = await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest { QueueNamePrefix = topology.NamePrefix });
        foreach (var url in queues.QueueUrls ?? [])
        {
            try
            {
                await sqs.DeleteQueueAsync(url);
            }
            catch (AmazonSQSException)
            {
            }
        }

        using var dynamo = DynamoDb(topology);
        try
        {
            await dynamo.DeleteTableAsync(topology.FaultTable);
        }
        catch (AmazonDynamoDBException)
        {
        }
    }
}
