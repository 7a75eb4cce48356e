using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs;

/// <summary>
/// Where a host's SQS, SNS and DynamoDB clients connect and as whom, from the validated <c>Bus:AmazonSqs</c> settings;
/// one instance per host, so that the transport and the fault store share one set of (refreshing) credentials.
/// </summary>
public sealed class AmazonSqsAccess(IOptions<BusOptions> options)
{
    readonly Lazy<AmazonSqsTopology> _topology = new(() => AmazonSqsTopology.From(options.Value.AmazonSqs));
    readonly Lazy<AWSCredentials> _credentials = new(() => AwsClients.Credentials(AmazonSqsTopology.From(options.Value.AmazonSqs).Credentials));

    /// <summary>What the settings mean.</summary>
    public AmazonSqsTopology Topology => _topology.Value;

    /// <summary>The credentials every client uses; resolved on first use.</summary>
    public AWSCredentials Credentials => _credentials.Value;
}
