using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SQS;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs;

/// <summary>
/// Credentials and client configurations from <see cref="AmazonSqsTopology"/>, shared by the transport, the fault
/// store and the operator's broker, so that all of them reach the same endpoint as the same principal.
/// </summary>
public static class AwsClients
{
    /// <summary>
    /// The credentials <paramref name="credentials"/> describes: the named profile's or the SDK's default chain
    /// (environment, web identity, profile, container, instance), then, when a role is given, that role assumed with
    /// them. Temporary credentials refresh themselves; nothing is fetched until first used.
    /// </summary>
    /// <exception cref="AmazonClientException">The profile does not exist, or the default chain finds nothing.</exception>
    public static AWSCredentials Credentials(AmazonSqsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);

        AWSCredentials source;
        if (credentials.Profile is { } profile)
        {
            if (!new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out source))
                throw new AmazonClientException($"There is no AWS profile '{profile}' in the shared credentials or config file (Bus:AmazonSqs:Profile).");
        }
        else
        {
            source = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }

        if (credentials.RoleArn is not { } roleArn)
            return source;

        return new AssumeRoleAWSCredentials(source, roleArn, credentials.RoleSessionName,
            new AssumeRoleAWSCredentialsOptions { ExternalId = credentials.ExternalId });
    }

    /// <summary>The SQS client configuration: the region, or the service URL signed for the region (LocalStack).</summary>
    public static AmazonSQSConfig SqsConfig(AmazonSqsTopology topology) => Apply(new AmazonSQSConfig(), topology, topology.SqsServiceUrl);

    /// <summary>The DynamoDB client configuration, as <see cref="SqsConfig"/>.</summary>
    public static AmazonDynamoDBConfig DynamoDbConfig(AmazonSqsTopology topology) => Apply(new AmazonDynamoDBConfig(), topology, topology.DynamoDbServiceUrl);

    /// <summary>
    /// Sets where a client connects. A service URL replaces the region's endpoint, and the SDK then cannot infer the
    /// region to sign for, so it is given explicitly.
    /// </summary>
    public static TConfig Apply<TConfig>(TConfig config, AmazonSqsTopology topology, Uri? serviceUrl)
        where TConfig : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(topology);
        if (serviceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(topology.Region);
        }
        else
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = topology.Region;
        }

        return config;
    }
}
