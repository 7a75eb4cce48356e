using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Submission;

namespace Switchyard.Processor.Setup;

/// <summary>One custom deal property Switchyard needs in the HubSpot portal, as HubSpot's properties API defines it.</summary>
/// <param name="Name">The internal name, one of <see cref="DealProperties"/>.</param>
/// <param name="Label">What sellers see.</param>
/// <param name="Type">HubSpot's value type: <c>string</c>, <c>enumeration</c> or <c>bool</c>.</param>
/// <param name="FieldType">How HubSpot edits it: <c>text</c>, <c>textarea</c>, <c>select</c>, <c>checkbox</c>, <c>booleancheckbox</c>.</param>
/// <param name="Description">Shown under the property in HubSpot: who writes it and what it means.</param>
/// <param name="Options">The values of an enumeration (value = label), in display order; empty otherwise.</param>
public sealed record DealPropertySpec(string Name, string Label, string Type, string FieldType, string Description, IReadOnlyList<string> Options)
{
    /// <summary>Whether a seller fills it in (an input of the sync), rather than Switchyard writing it.</summary>
    public bool IsInput { get; init; }

    /// <summary>Whether HubSpot keeps its values unique, so that a deal can be read by it (<c>?idProperty=</c>).</summary>
    public bool IsUnique { get; init; }
}

/// <summary>
/// The custom deal properties the processor reads and writes, with the definitions <c>switchyard-operator hubspot
/// setup</c> creates them with, in one property group. Values Switchyard writes from AWS (review status, stage, ...)
/// are text, not enumerations: HubSpot refuses a value an enumeration does not list, and AWS adds values without notice.
/// The inputs a seller picks from are enumerations holding exactly the values AWS accepts, taken from AWS's model
/// (partnercentral-selling.service-2.json: DeliveryModel, PrimaryNeedFromAws, SalesInvolvementType, Visibility).
/// </summary>
public static class DealPropertyCatalog
{
    /// <summary>The deal property group the properties are created in.</summary>
    public const string GroupName = "aws_partner_central";

    /// <summary>The group's label.</summary>
    public const string GroupLabel = "AWS Partner Central";

    /// <summary>Every property, inputs first.</summary>
    public static IReadOnlyList<DealPropertySpec> All { get; } = Build();

    static IReadOnlyList<DealPropertySpec> Build()
    {
        var model = ServiceModel.PartnerCentralSelling;
        static DealPropertySpec Text(string name, string label, string description, string fieldType = "text") =>
            new(name, label, "string", fieldType, description, []);
        static DealPropertySpec Choice(string name, string label, string fieldType, string description, IReadOnlyList<string> options) =>
            new(name, label, "enumeration", fieldType, description, options) { IsInput = true };

        return
        [
            Choice(DealProperties.DeliveryModels, "AWS delivery models", "checkbox",
                "How the solution is delivered, as Partner Central names it; sent with the opportunity.", model.Shape("DeliveryModel").Enum ?? []),
            Choice(DealProperties.PrimaryNeeds, "AWS primary needs", "checkbox",
                "What the partner needs from AWS on this opportunity; sent with the opportunity.", model.Shape("PrimaryNeedFromAws").Enum ?? []),
            Text(DealProperties.UseCase, "AWS use case", "The customer's use case, as Partner Central lists them; sent with the opportunity.") with { IsInput = true },
            new DealPropertySpec(DealProperties.SubmitToAws, "Submit to AWS", "bool", "booleancheckbox",
                "Tick to submit the opportunity to AWS for co-selling (Switchyard checks what AWS requires first).", ["true", "false"]) { IsInput = true },
            Choice(DealProperties.InvolvementType, "AWS involvement type", "select",
                "How AWS is involved once submitted (Switchyard's default when empty).", model.Shape("SalesInvolvementType").Enum ?? SubmissionValues.InvolvementTypes),
            Choice(DealProperties.Visibility, "AWS visibility", "select",
                "Who at AWS sees the submitted opportunity (Switchyard's default when empty).", model.Shape("Visibility").Enum ?? SubmissionValues.Visibilities),

            Text(DealProperties.OpportunityId, "AWS opportunity id", "Partner Central's opportunity, written by Switchyard once it exists."),
            Text(DealProperties.OpportunityTitle, "AWS opportunity title", "The opportunity's title in Partner Central, written by Switchyard."),
            Text(DealProperties.SyncStatus, "AWS sync status", "synced, or failed (see AWS sync error); written by Switchyard."),
            Text(DealProperties.SyncError, "AWS sync error", "Why the last sync or submission could not be made; cleared by the next success.", "textarea"),
            Text(DealProperties.SubmissionStatus, "AWS submission status", "In progress, Submitted or Failed: reason; written by Switchyard."),
            Text(DealProperties.ReviewStatus, "AWS review status", "AWS's review of the opportunity (Submitted, In review, Approved, Action Required, Rejected ...)."),
            Text(DealProperties.ReviewComments, "AWS review comments", "AWS's comments on its review.", "textarea"),
            Text(DealProperties.ReviewStatusReason, "AWS review status reason", "AWS's reason code for the review status."),
            Text(DealProperties.AwsStage, "AWS stage", "AWS's stage of its own opportunity."),
            Text(DealProperties.EngagementScore, "AWS engagement score", "AWS's engagement score: High, Medium or Low."),
            Text(DealProperties.Seller, "AWS seller", "AWS's seller on the opportunity: name and email."),
            Text(DealProperties.AwsNextSteps, "AWS next steps", "AWS's next best actions.", "textarea"),
            Text(DealProperties.LastSyncedAt, "AWS last synced at", "When Switchyard last wrote what AWS says to the deal (ISO 8601, UTC)."),

            // AWS referrals (engagement invitations): the invitation id is unique, so one invitation is one deal however
            // often it is seen; the decision and the reason are the seller's, with AWS's list of reasons
            // (RejectEngagementInvitation's RejectionReason in the model).
            Text(DealProperties.InvitationId, "AWS invitation id", "The AWS referral (engagement invitation) this deal was created from.") with { IsUnique = true },
            Text(DealProperties.InvitationStatus, "AWS invitation status", "Pending, Accepted, Rejected or Expired; written by Switchyard."),
            Text(DealProperties.InvitationExpiresAt, "AWS invitation expires at", "When the referral expires unless answered (ISO 8601, UTC)."),
            Choice(DealProperties.InvitationDecision, "AWS invitation decision", "select", "Accept or Reject the AWS referral; Switchyard answers AWS.", ["Accept", "Reject"]),
            Choice(DealProperties.RejectionReason, "AWS rejection reason", "select", "Why the referral is rejected (AWS's reasons); needed with Reject.",
                model.Shape("RejectEngagementInvitationRequest").Member("RejectionReason")?.Documented?.Values ?? []),
            Text(DealProperties.InvitationRemindedAt, "AWS invitation reminded at", "When the deal's owner was last given a task to answer the referral; written by Switchyard."),
        ];
    }
}
