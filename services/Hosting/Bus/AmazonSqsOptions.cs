namespace Switchyard.Hosting.Bus;

/// <summary>
/// The <c>Bus:AmazonSqs</c> section: where the SQS/SNS transport runs, whose credentials it uses, and which queues keep
/// order. It lives here, not in the transport's project, so that it is validated and mapped (see
/// <see cref="AmazonSqsTopology"/>) in every build, including those without the transport.
/// </summary>
public sealed class AmazonSqsOptions
{
    /// <summary>
    /// FIFO by default: the queue every HubSpot event reaches, whose events are ordered per object; and the processor's
    /// polling queue, whose ticks are one message group so that one instance at a time polls Partner Central.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultFifoQueues = ["processor", "processor-polling"];

    /// <summary>
    /// The message types published to FIFO topics by default: a FIFO queue can only subscribe to FIFO topics, so the
    /// HubSpot events the processor's FIFO queue consumes must be published to one, and so must the Partner Central
    /// changes it consumes there too.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultFifoMessageTypes =
    [
        "Switchyard.Contracts.HubSpot.HubSpotEventReceived",
        "Switchyard.Contracts.PartnerCentral.PartnerCentralOpportunityChanged",
        "Switchyard.Contracts.PartnerCentral.PartnerCentralInvitationChanged",
    ];

    /// <summary>The DynamoDB table that keeps fault details when <see cref="FaultTable"/> is not set (after the scope).</summary>
    public const string DefaultFaultTable = "switchyard-faults";

    /// <summary>The AWS region, e.g. <c>eu-west-1</c>. Required.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// An endpoint to use instead of AWS's for SQS, SNS and DynamoDB alike, e.g. LocalStack's <c>http://localhost:4566</c>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Keeps environments that share an account apart: queues, topics and the fault table are named
    /// <c>&lt;scope&gt;_&lt;name&gt;</c>. Letters, digits and hyphens.
    /// </summary>
    public string? Scope { get; set; }

    /// <summary>A profile of the shared credentials file to take the credentials from, instead of the default chain.</summary>
    public string? Profile { get; set; }

    /// <summary>A role to assume through STS with the base credentials (the profile's or the default chain's).</summary>
    public string? RoleArn { get; set; }

    /// <summary>The external id the role's trust policy requires, if any. Never logged.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The session name of the assumed role, as CloudTrail shows it.</summary>
    public string RoleSessionName { get; set; } = "switchyard";

    /// <summary>
    /// Turns FIFO off altogether: every queue and topic is standard, and per-object order is kept only by the
    /// processor's in-process partitioning of one instance.
    /// </summary>
    public bool Fifo { get; set; } = true;

    /// <summary>
    /// The queues (as the services name them, without scope or <c>.fifo</c>) that are FIFO. Null means
    /// <see cref="DefaultFifoQueues"/> (the binder appends to a pre-filled list, so the default cannot live here).
    /// </summary>
    public string[]? FifoQueues { get; set; }

    /// <summary>
    /// The message types (full CLR names) published to FIFO topics. Null means <see cref="DefaultFifoMessageTypes"/>.
    /// </summary>
    public string[]? FifoMessageTypes { get; set; }

    /// <summary>
    /// The DynamoDB table that keeps the fault details SQS drops from error queue messages; null means
    /// <see cref="DefaultFaultTable"/> after the scope.
    /// </summary>
    public string? FaultTable { get; set; }

    /// <summary>How long fault details are kept (the table's time to live): SQS keeps a message at most 14 days.</summary>
    public TimeSpan FaultRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Creates the fault table when it is missing, for LocalStack and other local runs; in AWS the deployment template
    /// creates it, and the services need no permission to create tables.
    /// </summary>
    public bool CreateFaultTable { get; set; }
}
