namespace Switchyard.PartnerCentral.Model;

/// <summary>
/// The events Partner Central Selling sends to the partner account's default EventBridge bus in us-east-1, as AWS
/// documents them ("Notifications for the AWS Partner Central Selling API",
/// docs.aws.amazon.com/partner-central/latest/selling-api/selling-api-events.html, and the EventBridge events reference,
/// docs.aws.amazon.com/eventbridge/latest/ref/events-ref-partnercentral-selling.html), and the queue Switchyard reads
/// them from. Shared by the processor, which consumes them, and the emulator, which produces them, without either
/// referencing the other.
/// </summary>
/// <remarks>
/// In production an EventBridge rule matching <see cref="Source"/> (and <c>detail.catalog</c>) sends each event to an
/// SQS queue; the body of each SQS message is the event's JSON exactly, with no MassTransit envelope. The processor
/// reads that queue with a raw JSON receive endpoint. Delivery is best effort: events can be missed, duplicated or
/// reordered, which is why the processor also polls.
/// </remarks>
public static class SellingApiEvents
{
    /// <summary>
    /// The logical name of the queue the raw events arrive on (<c>partner-central-events</c>); each transport spells it
    /// its way (scoped on SQS).
    /// </summary>
    public const string QueueName = "partner-central-events";

    /// <summary>The <c>source</c> of every event.</summary>
    public const string Source = "aws.partnercentral-selling";

    /// <summary>The only region that publishes them.</summary>
    public const string Region = "us-east-1";

    /// <summary>A new opportunity, the partner's or one created by accepting an AWS referral. <c>detail.opportunity.identifier</c>.</summary>
    public const string OpportunityCreated = "Opportunity Created";

    /// <summary>An opportunity or its AWS opportunity summary changed (by the partner or by AWS). <c>detail.opportunity.identifier</c>.</summary>
    public const string OpportunityUpdated = "Opportunity Updated";

    /// <summary>
    /// Listed by the EventBridge events reference (events-ref-partnercentral-selling.html) without an example on the
    /// selling API's events page; the emulator does not produce it, and a consumer treats it as an opportunity change.
    /// <c>detail.opportunity.identifier</c>.
    /// </summary>
    public const string OpportunityAccepted = "Opportunity Accepted";

    /// <summary>As <see cref="OpportunityAccepted"/>: listed by the EventBridge events reference, not produced by the emulator.</summary>
    public const string OpportunityRejected = "Opportunity Rejected";

    /// <summary>An engagement invitation, e.g. an AWS referral (<c>participantType</c> <c>Receiver</c>). <c>detail.engagementInvitation</c>.</summary>
    public const string EngagementInvitationCreated = "Engagement Invitation Created";

    /// <summary>An engagement invitation was accepted.</summary>
    public const string EngagementInvitationAccepted = "Engagement Invitation Accepted";

    /// <summary>An engagement invitation was rejected.</summary>
    public const string EngagementInvitationRejected = "Engagement Invitation Rejected";

    /// <summary>An engagement invitation was not acted on in time (15 days).</summary>
    public const string EngagementInvitationExpired = "Engagement Invitation Expired";

    /// <summary>A member joined an engagement. <c>detail.engagement.id</c>, <c>detail.engagementMember</c>.</summary>
    public const string EngagementMemberAdded = "Engagement Member Added";

    /// <summary>A new revision of a resource snapshot of an engagement. <c>detail.resourceSnapshot</c>.</summary>
    public const string EngagementResourceSnapshotCreated = "Engagement Resource Snapshot Created";

    /// <summary>A new engagement. <c>detail.engagement</c>.</summary>
    public const string EngagementCreated = "Engagement Created";

    /// <summary>The <c>participantType</c> of an invitation the partner received, in events (the API's filter is <c>RECEIVER</c>).</summary>
    public const string Receiver = "Receiver";

    /// <summary>The <c>participantType</c> of an invitation the partner sent, in events (the API's filter is <c>SENDER</c>).</summary>
    public const string Sender = "Sender";
}
