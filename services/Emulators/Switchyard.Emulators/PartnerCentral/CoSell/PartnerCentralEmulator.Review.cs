// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

// AWS's side of a submitted opportunity: its review (LifeCycle.ReviewStatus, ReviewComments, ReviewStatusReason) and
// the AWS opportunity summary (GetAwsOpportunitySummary: seller, engagement score, next steps, ...), which only AWS
// writes. A test or a person plays AWS's reviewer through these hooks and the control surface.
public sealed partial class PartnerCentralEmulator
{
    // LifeCycle.ReviewStatus: after submission AWS moves an opportunity to In review, then Action Required, Approved or
    // Rejected.
    static readonly string[] ReviewOutcomes = ["In review", "Action Required", "Approved", "Rejected"];

    // Members of the summary that follow from the opportunity itself, not from AWS's seller.
    static readonly string[] DerivedSummaryMembers = ["RelatedOpportunityId", "Catalog", "Origin"];

    JsonObject GetAwsOpportunitySummary(JsonObject body)
    {
        var catalog = (string)body["Catalog"]!;
        lock (_gate)
        {
            var opportunity = Find(catalog, (string)body["RelatedOpportunityIdentifier"]!);
            if (!_awsSides.TryGetValue(opportunity.Id, out var side) || side.Summary.Count == 0)
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.ResourceNotFound,
                    $"No AWS opportunity is related to opportunity {opportunity.Id} in the {catalog} catalog yet.");
            return SummaryDocument(opportunity, side);
        }
    }

    /// <summary>
    /// Reviews a submitted opportunity as AWS does: <paramref name="reviewStatus"/> is <c>In review</c>,
    /// <c>Action Required</c>, <c>Approved</c> or <c>Rejected</c>, with the comments and reason AWS gives (or none).
    /// Moves <c>LastModifiedDate</c> and emits the events AWS's review does (<c>Opportunity Updated</c>; approving
    /// also accepts the submission's invitation, rejecting rejects it).
    /// </summary>
    /// <returns>The opportunity as GetOpportunity answers it.</returns>
    /// <exception cref="KeyNotFoundException">There is no such opportunity.</exception>
    /// <exception cref="ArgumentException">The status is not one a review gives.</exception>
    /// <exception cref="InvalidOperationException">The opportunity is not waiting for AWS's review.</exception>
    public JsonObject Review(string opportunityId, string reviewStatus, string? reviewComments = null, string? reviewStatusReason = null)
    {
        if (!ReviewOutcomes.Contains(reviewStatus, StringComparer.Ordinal))
            throw new ArgumentException($"ReviewStatus '{reviewStatus}' is not a review's outcome: use one of {string.Join(", ", ReviewOutcomes)}.", nameof(reviewStatus));
        lock (_gate)
        {
            SweepDue();
            var opportunity = FindAny(opportunityId);
            var current = (string?)opportunity.ReadOnlyLifeCycle["ReviewStatus"];
            if (current is not (Submitted or "In review"))
                throw new InvalidOperationException(
                    $"Opportunity {opportunityId} is {current ?? "not a partner referral"}; AWS reviews an opportunity once it is submitted (StartEngagementFromOpportunityTask) and until it decides.");

            opportunity.ReadOnlyLifeCycle["ReviewStatus"] = reviewStatus;
            SetOrRemove(opportunity.ReadOnlyLifeCycle, "ReviewComments", reviewComments);
            SetOrRemove(opportunity.ReadOnlyLifeCycle, "ReviewStatusReason", reviewStatusReason);
            opportunity.LastModifiedDate = NextTimestamp();

            var side = AwsSideOf(opportunity.Catalog, opportunity.Id);
            var engagement = side.EngagementId is { } engagementId ? _engagements[engagementId] : null;
            var invitation = side.SubmissionInvitationId is { } invitationId ? _invitations[invitationId] : null;
            // "Event scenarios": AWS approves or rejects your submitted opportunity.
            if (reviewStatus is "Approved" or "Rejected" && invitation is { Status: InvitationState.Pending })
            {
                var approved = reviewStatus == "Approved";
                invitation.Status = approved ? InvitationState.Accepted : InvitationState.Rejected;
                EmitInvitation(approved ? SellingApiEvents.EngagementInvitationAccepted : SellingApiEvents.EngagementInvitationRejected, invitation);
                if (approved && engagement is not null)
                    EmitMemberAdded(engagement, AwsAlias, "AWS");
            }

            EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
            if (reviewStatus is "Approved" or "Rejected" && engagement is not null)
                EmitSnapshotCreated(engagement, opportunity.Id);
            return Document(opportunity);
        }
    }

    /// <summary>
    /// Sets what AWS's opportunity says (GetAwsOpportunitySummary), as AWS's seller does: <paramref name="summary"/>
    /// holds members of the model's response (<c>OpportunityTeam</c> for the seller, <c>Insights</c> with
    /// <c>EngagementScore</c> and <c>NextBestActions</c>, <c>LifeCycle</c> with <c>NextSteps</c>, <c>Stage</c>, ...),
    /// which replace those set before; structures merge member by member. A changed <c>LifeCycle.NextSteps</c> joins its
    /// history. Moves the opportunity's <c>LastModifiedDate</c> and emits <c>Opportunity Updated</c>.
    /// </summary>
    /// <returns>The summary as GetAwsOpportunitySummary answers it.</returns>
    /// <exception cref="KeyNotFoundException">There is no such opportunity.</exception>
    /// <exception cref="InvalidOperationException">The opportunity has not been shared with AWS (submitted, or accepted from a referral).</exception>
    /// <exception cref="ArgumentException">The summary is not valid against the model; nothing changed.</exception>
    public JsonObject SetAwsSummary(string opportunityId, JsonObject summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Select(m => m.Key).Intersect(DerivedSummaryMembers).FirstOrDefault() is { } derived)
            throw new ArgumentException($"{derived} follows from the opportunity and cannot be set.", nameof(summary));
        lock (_gate)
        {
            var opportunity = FindAny(opportunityId);
            if (!_awsSides.TryGetValue(opportunity.Id, out var side) || side.Summary.Count == 0)
                throw new InvalidOperationException($"Opportunity {opportunityId} has not been shared with AWS: submit it first (StartEngagementFromOpportunityTask).");

            var merged = (JsonObject)side.Summary.DeepClone();
            foreach (var (name, value) in summary)
                merged[name] = value is JsonObject structure && merged[name] is JsonObject existing ? Merged(existing, structure) : value?.DeepClone();

            var now = NextTimestamp();
            var nextSteps = (string?)merged["LifeCycle"]?["NextSteps"];
            if (nextSteps is not null && nextSteps != (string?)side.Summary["LifeCycle"]?["NextSteps"])
            {
                var history = merged["LifeCycle"]!["NextStepsHistory"] as JsonArray ?? [];
                history.Add(new JsonObject { ["Value"] = nextSteps, ["Time"] = Format(now) });
                while (history.Count > KeptNextSteps)
                    history.RemoveAt(0);
                merged["LifeCycle"]!["NextStepsHistory"] = history;
            }

            var candidate = SummaryDocument(opportunity, new AwsSide(side.Catalog, side.OpportunityId) { Summary = merged });
            if (ServiceModel.Validate(_model.Operation("GetAwsOpportunitySummary").Output!, candidate) is { Count: > 0 } violations)
                throw new ArgumentException($"The summary is not valid: {string.Join("; ", violations.Select(v => v.Sentence))}", nameof(summary));

            side.Summary = merged;
            opportunity.LastModifiedDate = now;
            EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
            return candidate;
        }
    }

    /// <summary>The AWS opportunity summary of an opportunity, as GetAwsOpportunitySummary answers it, or null when AWS has none.</summary>
    public JsonObject? FindAwsSummary(string opportunityId)
    {
        lock (_gate)
        {
            return _opportunities.TryGetValue(opportunityId, out var opportunity) && _awsSides.TryGetValue(opportunityId, out var side) && side.Summary.Count > 0
                ? SummaryDocument(opportunity, side)
                : null;
        }
    }

    // In the order of the model's response members.
    JsonObject SummaryDocument(StoredOpportunity opportunity, AwsSide side)
    {
        var parts = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["RelatedOpportunityId"] = opportunity.Id,
            ["Catalog"] = opportunity.Catalog,
        };
        foreach (var (name, value) in side.Summary)
            parts.TryAdd(name, value?.DeepClone());
        if (!parts.ContainsKey("RelatedEntityIds") && opportunity.RelatedEntities.TryGetValue("Solutions", out var solutions) && solutions.Count > 0)
            parts["RelatedEntityIds"] = new JsonObject { ["Solutions"] = new JsonArray(solutions.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()) };

        var document = new JsonObject();
        foreach (var member in _model.Operation("GetAwsOpportunitySummary").Output!.Members)
        {
            if (parts.Remove(member.Name, out var value) && value is not null)
                document[member.Name] = value;
        }

        return document;
    }

    static void SetOrRemove(JsonObject target, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
            target.Remove(name);
        else
            target[name] = value;
    }
}
