using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// What the <c>Bus:AmazonSqs</c> settings mean, as plain data: the region and endpoints, the credentials to resolve, the
/// names of queues, topics and the fault table, and which of them are FIFO. The transport's project only applies this
/// to MassTransit's configurators, so everything decided here is tested in builds without the AWS packages.
/// </summary>
public sealed class AmazonSqsTopology
{
    const string FifoSuffix = ".fifo";

    readonly HashSet<string> _fifoQueues;
    readonly HashSet<string> _fifoMessageTypes;

    AmazonSqsTopology(string region, Uri? serviceUrl, string? scope, AmazonSqsCredentials credentials,
        IEnumerable<string> fifoQueues, IEnumerable<string> fifoMessageTypes, string faultTable, TimeSpan faultRetention, bool createFaultTable)
    {
        Region = region;
        ServiceUrl = serviceUrl;
        Scope = scope;
        Credentials = credentials;
        _fifoQueues = new HashSet<string>(fifoQueues, StringComparer.Ordinal);
        _fifoMessageTypes = new HashSet<string>(fifoMessageTypes, StringComparer.Ordinal);
        FaultTable = faultTable;
        FaultRetention = faultRetention;
        CreateFaultTable = createFaultTable;
    }

    /// <summary>The region the clients sign for and, without <see cref="ServiceUrl"/>, connect to.</summary>
    public string Region { get; }

    /// <summary>The endpoint SQS, SNS and DynamoDB are reached at instead of AWS's (LocalStack), or null.</summary>
    public Uri? ServiceUrl { get; }

    /// <summary>The SQS endpoint override, or null for the region's.</summary>
    public Uri? SqsServiceUrl => ServiceUrl;

    /// <summary>The SNS endpoint override, or null for the region's.</summary>
    public Uri? SnsServiceUrl => ServiceUrl;

    /// <summary>The DynamoDB endpoint override, or null for the region's.</summary>
    public Uri? DynamoDbServiceUrl => ServiceUrl;

    /// <summary>The environment's scope, or null when names are not scoped.</summary>
    public string? Scope { get; }

    /// <summary>What every queue, topic and table name starts with: <c>&lt;scope&gt;_</c>, or nothing.</summary>
    public string NamePrefix => Scope is null ? "" : Scope + "_";

    /// <summary>Where the credentials come from.</summary>
    public AmazonSqsCredentials Credentials { get; }

    /// <summary>The queues (services' names) that are FIFO.</summary>
    public IReadOnlySet<string> FifoQueues => _fifoQueues;

    /// <summary>The message types (full CLR names) whose topics are FIFO.</summary>
    public IReadOnlySet<string> FifoMessageTypes => _fifoMessageTypes;

    /// <summary>The header whose value becomes a message's FIFO group id: the HubSpot object id the receipt sets.</summary>
    public static string GroupIdHeader => OrderingKey.Header;

    /// <summary>
    /// FIFO queues and topics deduplicate on content as well as on the deduplication id each message carries (its
    /// deterministic message id), so a message sent twice within SQS's five minutes is delivered once.
    /// </summary>
    public static bool ContentBasedDeduplication => true;

    /// <summary>The DynamoDB table of fault details.</summary>
    public string FaultTable { get; }

    /// <summary>How long fault details are kept.</summary>
    public TimeSpan FaultRetention { get; }

    /// <summary>Whether a missing fault table is created (local runs).</summary>
    public bool CreateFaultTable { get; }

    /// <summary>The mapping of validated settings (see <see cref="BusOptionsValidator"/>).</summary>
    public static AmazonSqsTopology From(AmazonSqsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scope = string.IsNullOrWhiteSpace(options.Scope) ? null : options.Scope.Trim();
        var prefix = scope is null ? "" : scope + "_";
        var roleArn = string.IsNullOrWhiteSpace(options.RoleArn) ? null : options.RoleArn.Trim();

        return new AmazonSqsTopology(
            options.Region?.Trim() ?? "",
            string.IsNullOrWhiteSpace(options.ServiceUrl) ? null : new Uri(options.ServiceUrl.Trim(), UriKind.Absolute),
            scope,
            new AmazonSqsCredentials(
                string.IsNullOrWhiteSpace(options.Profile) ? null : options.Profile.Trim(),
                roleArn,
                roleArn is null || string.IsNullOrEmpty(options.ExternalId) ? null : options.ExternalId,
                string.IsNullOrWhiteSpace(options.RoleSessionName) ? "switchyard" : options.RoleSessionName.Trim()),
            options.Fifo ? (options.FifoQueues ?? [.. AmazonSqsOptions.DefaultFifoQueues]).Select(q => q.Trim()) : [],
            options.Fifo ? (options.FifoMessageTypes ?? [.. AmazonSqsOptions.DefaultFifoMessageTypes]).Select(t => t.Trim()) : [],
            string.IsNullOrWhiteSpace(options.FaultTable) ? prefix + AmazonSqsOptions.DefaultFaultTable : options.FaultTable.Trim(),
            options.FaultRetention,
            options.CreateFaultTable);
    }

    /// <summary>Whether the queue a service names <paramref name="logicalName"/> is FIFO.</summary>
    public bool IsFifoQueue(string logicalName) => _fifoQueues.Contains(logicalName);

    /// <summary>
    /// The SQS name of the queue a service names <paramref name="logicalName"/>: scoped, and with <c>.fifo</c> when it
    /// is FIFO. Its error and skipped queues follow MassTransit's rule, <c>processor_error.fifo</c> for
    /// <c>processor.fifo</c>.
    /// </summary>
    public string QueueName(string logicalName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logicalName);
        var consumerQueue = ErrorQueueNames.ConsumerQueueOf(logicalName);
        return NamePrefix + logicalName + (IsFifoQueue(consumerQueue) ? FifoSuffix : "");
    }

    /// <summary>The SQS name of the error queue of the queue a service names <paramref name="logicalName"/>.</summary>
    public string ErrorQueueName(string logicalName) => QueueName(ErrorQueueNames.ErrorQueueOf(logicalName));

    /// <summary>
    /// The name a service uses for the SQS queue <paramref name="queueName"/> (scope and <c>.fifo</c> taken off), or null
    /// when the queue is not in this scope. Without a scope every queue is taken as this environment's.
    /// </summary>
    public string? LogicalQueueName(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        if (!queueName.StartsWith(NamePrefix, StringComparison.Ordinal))
            return null;
        var name = queueName[NamePrefix.Length..];
        if (name.EndsWith(FifoSuffix, StringComparison.OrdinalIgnoreCase))
            name = name[..^FifoSuffix.Length];
        return name.Length == 0 ? null : name;
    }

    /// <summary>Whether messages of <paramref name="messageTypeFullName"/> are published to a FIFO topic.</summary>
    public bool IsFifoMessageType(string messageTypeFullName) => _fifoMessageTypes.Contains(messageTypeFullName);

    /// <summary>
    /// The SNS topic of a message type, given the name MassTransit would give it (<paramref name="entityName"/>):
    /// scoped, and with <c>.fifo</c> when the type's topic is FIFO.
    /// </summary>
    public string TopicName(string entityName, string messageTypeFullName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityName);
        return NamePrefix + entityName + (IsFifoMessageType(messageTypeFullName) ? FifoSuffix : "");
    }

    /// <summary>Whether an SQS queue or SNS topic name is a FIFO one.</summary>
    public static bool IsFifoName(string name) => name.EndsWith(FifoSuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a queue's address (a send destination, an endpoint's input address) names a FIFO queue.</summary>
    public static bool IsFifoAddress(Uri? address) =>
        ErrorQueueNames.QueueNameOf(address?.ToString()) is { } name && IsFifoName(name);

    /// <summary>Where and as whom the transport connects, for the start-up log; never a secret.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"in {Region}" };
        if (Scope is not null)
            parts.Add($"scope {Scope}");
        if (ServiceUrl is not null)
            parts.Add($"at {ServiceUrl}");
        parts.Add(Credentials.Describe());
        if (_fifoQueues.Count > 0)
            parts.Add("FIFO queues " + string.Join(", ", _fifoQueues.Order(StringComparer.Ordinal).Select(QueueName)));
        return string.Join(", ", parts);
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}

/// <summary>Where the AWS credentials come from: a profile or the default chain, optionally assuming a role with them.</summary>
/// <param name="Profile">A shared credentials file profile, or null for the SDK's default chain.</param>
/// <param name="RoleArn">A role to assume with those credentials, or null.</param>
/// <param name="ExternalId">The external id for the role, or null; never shown.</param>
/// <param name="RoleSessionName">The session name of the assumed role.</param>
public sealed record AmazonSqsCredentials(string? Profile, string? RoleArn, string? ExternalId, string RoleSessionName)
{
    /// <summary>Whether a role is assumed.</summary>
    public bool AssumesRole => RoleArn is not null;

    /// <summary>A description without the external id.</summary>
    public string Describe()
    {
        var source = Profile is null ? "credentials from the default chain" : $"credentials of profile {Profile}";
        return RoleArn is null ? source : $"{source} assuming {RoleArn}";
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}
