namespace Switchyard.Processor.HubSpot;

/// <summary>A HubSpot deal: the properties the processor reads, and the ids of its associated companies and contacts.</summary>
/// <param name="Id">The deal id.</param>
/// <param name="Properties">Property values as HubSpot returns them (strings; absent and empty are both null).</param>
/// <param name="CompanyIds">Associated companies, the primary one first when HubSpot says which it is.</param>
/// <param name="ContactIds">Associated contacts, in HubSpot's order.</param>
public sealed record HubSpotDeal(long Id, IReadOnlyDictionary<string, string?> Properties, IReadOnlyList<long> CompanyIds, IReadOnlyList<long> ContactIds)
{
    /// <summary>A property's value, or null when absent or empty.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

/// <summary>A HubSpot company.</summary>
public sealed record HubSpotCompany(long Id, IReadOnlyDictionary<string, string?> Properties)
{
    /// <summary>A property's value, or null when absent or empty.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

/// <summary>A HubSpot contact.</summary>
public sealed record HubSpotContact(long Id, IReadOnlyDictionary<string, string?> Properties)
{
    /// <summary>A property's value, or null when absent or empty.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}

/// <summary>A HubSpot note (an engagement) and the deals it is attached to.</summary>
/// <param name="Id">The note id.</param>
/// <param name="Body">The note's body as HubSpot stores it (HTML).</param>
/// <param name="Timestamp">When the note was made.</param>
/// <param name="DealIds">The deals it is associated with.</param>
public sealed record HubSpotNote(long Id, string? Body, DateTimeOffset? Timestamp, IReadOnlyList<long> DealIds);

/// <summary>The deal properties the processor reads and writes. The <c>aws_*</c> ones are custom properties of the portal.</summary>
public static class DealProperties
{
    /// <summary>The deal's name; <c>#AWS</c> in it puts the deal in scope.</summary>
    public const string Name = "dealname";

    /// <summary>The pipeline stage id, e.g. <c>qualifiedtobuy</c>.</summary>
    public const string Stage = "dealstage";

    /// <summary>The pipeline id.</summary>
    public const string Pipeline = "pipeline";

    /// <summary>The expected close date (ISO 8601 date-time, or epoch milliseconds in older portals).</summary>
    public const string CloseDate = "closedate";

    /// <summary>The amount, a decimal number as a string.</summary>
    public const string Amount = "amount";

    /// <summary>The ISO 4217 currency of the amount.</summary>
    public const string Currency = "deal_currency_code";

    /// <summary>The description.</summary>
    public const string Description = "description";

    /// <summary>The deal type, e.g. <c>newbusiness</c>, <c>existingbusiness</c>, or a custom value.</summary>
    public const string DealType = "dealtype";

    /// <summary>The Partner Central opportunity id, written back after creation.</summary>
    public const string OpportunityId = "aws_opportunity_id";

    /// <summary>The opportunity's title, written back after creation.</summary>
    public const string OpportunityTitle = "aws_opportunity_title";

    /// <summary>One of <see cref="SyncStatuses"/>: <c>synced</c> once the opportunity exists, <c>failed</c> after a permanent error.</summary>
    public const string SyncStatus = "aws_sync_status";

    /// <summary>The opportunity's review status as last seen, e.g. <c>Pending Submission</c>.</summary>
    public const string ReviewStatus = "aws_review_status";

    /// <summary>Why the last sync failed, while <see cref="SyncStatus"/> is <c>failed</c>; cleared by the next success.</summary>
    public const string SyncError = "aws_sync_error";

    /// <summary>Partner Central delivery models, HubSpot multi-select (values separated by <c>;</c>).</summary>
    public const string DeliveryModels = "aws_delivery_models";

    /// <summary>What the partner needs from AWS, HubSpot multi-select.</summary>
    public const string PrimaryNeeds = "aws_primary_needs";

    /// <summary>The customer use case.</summary>
    public const string UseCase = "aws_use_case";

    /// <summary>The deal's owner (a HubSpot owner id), who gets the tasks AWS's review asks for.</summary>
    public const string OwnerId = "hubspot_owner_id";

    /// <summary>AWS's review comments (<c>LifeCycle.ReviewComments</c>), as last seen.</summary>
    public const string ReviewComments = "aws_review_comments";

    /// <summary>AWS's reason code for the review status (<c>LifeCycle.ReviewStatusReason</c>), as last seen.</summary>
    public const string ReviewStatusReason = "aws_review_status_reason";

    /// <summary>AWS's stage of its own opportunity (GetAwsOpportunitySummary <c>LifeCycle.Stage</c>).</summary>
    public const string AwsStage = "aws_stage";

    /// <summary>AWS's engagement score (<c>Insights.EngagementScore</c>): <c>High</c>, <c>Medium</c> or <c>Low</c>.</summary>
    public const string EngagementScore = "aws_engagement_score";

    /// <summary>AWS's seller on the opportunity (its account owner, else its sales rep): name and email.</summary>
    public const string Seller = "aws_seller";

    /// <summary>AWS's next best actions (<c>Insights.NextBestActions</c>).</summary>
    public const string AwsNextSteps = "aws_next_steps";

    /// <summary>When Switchyard last wrote what AWS says to the deal (ISO 8601, UTC).</summary>
    public const string LastSyncedAt = "aws_last_synced_at";

    /// <summary>The checkbox a seller ticks to submit the deal's opportunity to AWS (<c>true</c>/<c>false</c>).</summary>
    public const string SubmitToAws = "aws_submit_to_aws";

    /// <summary>How AWS is involved once submitted: <c>Co-Sell</c> or <c>For Visibility Only</c>.</summary>
    public const string InvolvementType = "aws_involvement_type";

    /// <summary>Who at AWS sees the submitted opportunity: <c>Full</c> or <c>Limited</c>.</summary>
    public const string Visibility = "aws_visibility";

    /// <summary>Where the submission to AWS is: <c>In progress</c>, <c>Submitted</c> or <c>Failed: reason</c>.</summary>
    public const string SubmissionStatus = "aws_submission_status";

    /// <summary>
    /// The AWS referral (engagement invitation) the deal stands for, e.g. <c>engi-0123456789abc</c>: a property that
    /// requires unique values, so HubSpot itself keeps one deal per invitation.
    /// </summary>
    public const string InvitationId = "aws_invitation_id";

    /// <summary>Where the referral is: <c>Pending</c>, <c>Accepting</c>, <c>Accepted</c>, <c>Rejecting</c>, <c>Rejected</c> or <c>Expired</c>.</summary>
    public const string InvitationStatus = "aws_invitation_status";

    /// <summary>When the referral expires unanswered (ISO 8601, UTC).</summary>
    public const string InvitationExpiresAt = "aws_invitation_expires_at";

    /// <summary>The seller's answer to the referral: <c>Accept</c> or <c>Reject</c>.</summary>
    public const string InvitationDecision = "aws_invitation_decision";

    /// <summary>Why the seller rejects the referral: one of the reasons AWS documents for <c>RejectEngagementInvitation</c>.</summary>
    public const string RejectionReason = "aws_rejection_reason";

    /// <summary>When Switchyard gave the deal's owner the task to answer the referral before it expires (ISO 8601, UTC).</summary>
    public const string InvitationRemindedAt = "aws_invitation_reminded_at";

    /// <summary>Every deal property the processor reads.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Name, Stage, Pipeline, CloseDate, Amount, Currency, Description, DealType,
        OpportunityId, OpportunityTitle, SyncStatus, ReviewStatus, SyncError, DeliveryModels, PrimaryNeeds, UseCase,
        OwnerId, ReviewComments, ReviewStatusReason, AwsStage, EngagementScore, Seller, AwsNextSteps, LastSyncedAt,
        SubmitToAws, InvolvementType, Visibility, SubmissionStatus,
        InvitationId, InvitationStatus, InvitationExpiresAt, InvitationDecision, RejectionReason, InvitationRemindedAt,
    ];
}

/// <summary>The values Switchyard writes to <see cref="DealProperties.SyncStatus"/>.</summary>
public static class SyncStatuses
{
    /// <summary>The opportunity exists and holds the deal as last synced.</summary>
    public const string Synced = "synced";

    /// <summary>Partner Central refused the last sync; <see cref="DealProperties.SyncError"/> says why.</summary>
    public const string Failed = "failed";
}

/// <summary>The company properties the processor reads.</summary>
public static class CompanyProperties
{
    /// <summary>Company name.</summary>
    public const string Name = "name";

    /// <summary>The company's domain, e.g. <c>acme.com</c>.</summary>
    public const string Domain = "domain";

    /// <summary>The website URL.</summary>
    public const string Website = "website";

    /// <summary>HubSpot's industry code, e.g. <c>COMPUTER_SOFTWARE</c>.</summary>
    public const string Industry = "industry";

    /// <summary>Country, as a name or a code.</summary>
    public const string Country = "country";

    /// <summary>City.</summary>
    public const string City = "city";

    /// <summary>State or region.</summary>
    public const string State = "state";

    /// <summary>Postal code.</summary>
    public const string Zip = "zip";

    /// <summary>Street address.</summary>
    public const string Address = "address";

    /// <summary>Every company property the processor reads.</summary>
    public static readonly IReadOnlyList<string> All = [Name, Domain, Website, Industry, Country, City, State, Zip, Address];
}

/// <summary>The contact properties the processor reads.</summary>
public static class ContactProperties
{
    /// <summary>Email address.</summary>
    public const string Email = "email";

    /// <summary>First name.</summary>
    public const string FirstName = "firstname";

    /// <summary>Last name.</summary>
    public const string LastName = "lastname";

    /// <summary>Job title.</summary>
    public const string JobTitle = "jobtitle";

    /// <summary>Phone number.</summary>
    public const string Phone = "phone";

    /// <summary>Mobile phone number, used when <see cref="Phone"/> is empty.</summary>
    public const string MobilePhone = "mobilephone";

    /// <summary>Every contact property the processor reads.</summary>
    public static readonly IReadOnlyList<string> All = [Email, FirstName, LastName, JobTitle, Phone, MobilePhone];
}
