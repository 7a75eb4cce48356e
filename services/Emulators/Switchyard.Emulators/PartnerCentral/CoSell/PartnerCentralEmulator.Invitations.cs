// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

// AWS referrals: engagement invitations AWS sends the partner, listed, read, accepted (the asynchronous
// StartEngagementByAcceptingInvitationTask, which creates the opportunity AWS would, or AcceptEngagementInvitation) or
// rejected, or left to expire. AWS's side (creating one, expiring it, answering it in the console) is a hook here and
// on the control surface. "Working with opportunities from AWS" (Partner Central selling API guide) describes the flow.
public sealed partial class PartnerCentralEmulator
{
    /// <summary>The <c>Origin</c> of an opportunity created by accepting an AWS referral.</summary>
    public const string AwsReferral = "AWS Referral";

    // RejectEngagementInvitation's documentation: "all related data will become inaccessible thereafter"; the emulator
    // keeps answering GetEngagementInvitation for it, with its RejectionReason, as the response shape allows.
    JsonObject ListEngagementInvitations(JsonObject body)
    {
        const string operation = "ListEngagementInvitations";
        var catalog = (string)body["Catalog"]!;
        var received = (string)body["ParticipantType"]! == "RECEIVER";
        var statuses = Strings(body["Status"]);
        var payloadTypes = Strings(body["PayloadType"]);
        var engagements = Strings(body["EngagementIdentifier"]);
        var senders = Strings(body["SenderAwsAccountId"]);
        lock (_gate)
        {
            var matching = _invitations.Values.Where(i => i.Catalog == catalog && i.Received == received)
                .Where(i => statuses is null || statuses.Contains(Wire(i.Status)))
                .Where(i => payloadTypes is null || payloadTypes.Contains(i.PayloadType))
                .Where(i => engagements is null || engagements.Contains(i.EngagementId))
                .Where(i => senders is null || senders.Contains(i.SenderAccountId));
            var sorted = Sort(matching, i => (i.InvitationDate, i.Id), body["Sort"], descendingByDefault: true).ToList();
            return Page(sorted, Offset(body, operation, catalog), (int?)body["MaxResults"] ?? 20, "EngagementInvitationSummaries",
                InvitationSummary, operation, catalog);
        }
    }

    JsonObject GetEngagementInvitation(JsonObject body)
    {
        lock (_gate)
            return InvitationDocument(FindInvitation((string)body["Catalog"]!, (string)body["Identifier"]!));
    }

    JsonObject StartEngagementByAcceptingInvitationTask(JsonObject body)
    {
        const string operation = "StartEngagementByAcceptingInvitationTask";
        var catalog = (string)body["Catalog"]!;
        lock (_gate)
        {
            if (Replayed(operation, body) is { } replay)
                return replay;

            var invitation = FindInvitation(catalog, (string)body["Identifier"]!, receivedOnly: true);
            var task = NewTask(catalog, "engagement-by-accepting-invitation-task", fromOpportunity: false);
            task.EngagementInvitationId = invitation.Id;
            var response = task.Summary(withEngagement: false);
            RememberToken(operation, body, response);
            return response;
        }
    }

    JsonObject ListEngagementByAcceptingInvitationTasks(JsonObject body)
    {
        const string operation = "ListEngagementByAcceptingInvitationTasks";
        var catalog = (string)body["Catalog"]!;
        var statuses = Strings(body["TaskStatus"]);
        var ids = Strings(body["TaskIdentifier"]);
        var opportunities = Strings(body["OpportunityIdentifier"]);
        var invitations = Strings(body["EngagementInvitationIdentifier"]);
        lock (_gate)
        {
            var matching = _tasks.Values.Where(t => !t.FromOpportunity && t.Catalog == catalog)
                .Where(t => statuses is null || statuses.Contains(Wire(t.Status)))
                .Where(t => ids is null || ids.Contains(t.Id) || ids.Contains(t.Arn))
                .Where(t => opportunities is null || (t.OpportunityId is not null && opportunities.Contains(t.OpportunityId)))
                .Where(t => invitations is null || (t.EngagementInvitationId is not null && invitations.Contains(t.EngagementInvitationId)));
            var sorted = Sort(matching, t => (t.StartTime, t.Number), body["Sort"], descendingByDefault: true).ToList();
            return Page(sorted, Offset(body, operation, catalog), (int?)body["MaxResults"] ?? 20, "TaskSummaries",
                t => t.Summary(withEngagement: false), operation, catalog);
        }
    }

    JsonObject RejectEngagementInvitation(JsonObject body)
    {
        lock (_gate)
        {
            var invitation = FindInvitation((string)body["Catalog"]!, (string)body["Identifier"]!, receivedOnly: true);
            RejectNow(invitation, (string?)body["RejectionReason"]);
            return [];
        }
    }

    JsonObject AcceptEngagementInvitation(JsonObject body)
    {
        lock (_gate)
        {
            var invitation = FindInvitation((string)body["Catalog"]!, (string)body["Identifier"]!, receivedOnly: true);
            RequirePending(invitation, "accepted");
            invitation.Status = InvitationState.Accepted;
            EmitInvitation(SellingApiEvents.EngagementInvitationAccepted, invitation);
            EmitMemberAdded(_engagements[invitation.EngagementId], _options.AwsAccountId, _options.PartnerCompanyName);
            return [];
        }
    }

    // ---- AWS's side: hooks for tests and the control surface ----

    /// <summary>
    /// Sends the partner an AWS referral, as AWS does when its seller attaches the partner to an AWS opportunity, and
    /// emits <c>Engagement Invitation Created</c>. <paramref name="request"/> may give <c>Catalog</c> (default: the
    /// catalog of the first solution, else <c>AWS</c>), <c>Customer</c>, <c>Project</c>, <c>SenderContacts</c> and
    /// <c>ReceiverResponsibilities</c> (the model's <c>OpportunityInvitationPayload</c>), <c>EngagementTitle</c>,
    /// <c>InvitationMessage</c>, <c>EngagementDescription</c> and <c>ExpirationDate</c> (default: 15 days on); what it
    /// leaves out gets a sensible value.
    /// </summary>
    /// <returns>The invitation as <c>GetEngagementInvitation</c> answers it.</returns>
    /// <exception cref="ArgumentException">The request makes an invitation the model does not allow; nothing was created.</exception>
    public JsonObject CreateInvitation(JsonObject? request = null)
    {
        request ??= [];
        lock (_gate)
        {
            var catalog = Text(request, "Catalog") ?? _solutions.FirstOrDefault()?.Catalog ?? "AWS";
            RequireKnownCatalog(catalog);
            var now = Truncate(_clock.GetUtcNow());
            var expiration = now + _options.InvitationLifetime;
            if (Text(request, "ExpirationDate") is { } expires)
            {
                if (!Timestamps.TryParseIso8601(expires, out var parsed))
                    throw new ArgumentException("ExpirationDate must be an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z.", nameof(request));
                expiration = parsed;
            }

            var payload = DefaultPayload(now);
            foreach (var member in new[] { "Customer", "Project", "SenderContacts", "ReceiverResponsibilities" })
            {
                if (request[member] is { } given)
                    payload[member] = given is JsonObject structure && payload[member] is JsonObject defaults ? Merged(defaults, structure) : given.DeepClone();
            }

            var title = Text(request, "EngagementTitle") ?? Shorten((string?)payload["Project"]?["Title"] ?? "AWS referral", 40);
            var message = Text(request, "InvitationMessage") ?? "AWS invites you to co-sell this opportunity with its account team.";
            var description = Text(request, "EngagementDescription") ?? "Co-selling engagement for an AWS opportunity.";
            var violations = new List<ModelViolation>();
            violations.AddRange(Prefixed(ServiceModel.Validate(_model.Shape("OpportunityInvitationPayload"), payload), "Payload.OpportunityInvitation"));
            violations.AddRange(Prefixed(ServiceModel.Validate(_model.Shape("EngagementTitle"), title), "EngagementTitle"));
            violations.AddRange(Prefixed(ServiceModel.Validate(_model.Shape("InvitationMessage"), message), "InvitationMessage"));
            violations.AddRange(Prefixed(ServiceModel.Validate(_model.Shape("EngagementDescription"), description), "EngagementDescription"));
            if (violations.Count > 0)
                throw new ArgumentException($"The invitation is not valid: {string.Join("; ", violations.Select(v => v.Sentence))}", nameof(request));

            var engagement = NewEngagement(catalog, AwsAlias);
            var invitation = NewInvitation(catalog, engagement.Id, received: true, now, expiration, sender: (AwsAlias, "AWS"),
                receiver: _options.AwsAccountId, payload: payload, title: title, message: message, description: description);
            EmitInvitation(SellingApiEvents.EngagementInvitationCreated, invitation);
            return InvitationDocument(invitation);
        }
    }

    /// <summary>Lets a pending invitation expire now, as it would after its expiration date, and emits <c>Engagement Invitation Expired</c>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such invitation.</exception>
    /// <exception cref="InvalidOperationException">It is not pending.</exception>
    public JsonObject ExpireInvitation(string invitationId)
    {
        lock (_gate)
        {
            var invitation = AnyInvitation(invitationId);
            if (invitation.Status != InvitationState.Pending)
                throw new InvalidOperationException($"Engagement invitation {invitation.Id} is {Wire(invitation.Status)}; only a PENDING invitation can expire.");
            invitation.ExpirationDate = Truncate(_clock.GetUtcNow());
            ExpireNow(invitation);
            return InvitationDocument(invitation);
        }
    }

    /// <summary>
    /// Accepts a referral as the partner would in Partner Central's console, outside Switchyard: like a completed
    /// StartEngagementByAcceptingInvitationTask, it creates the opportunity AWS would (<c>Origin</c> AWS Referral).
    /// </summary>
    /// <returns>The invitation, with the opportunity's id as <c>OpportunityId</c>.</returns>
    /// <exception cref="KeyNotFoundException">There is no such invitation.</exception>
    /// <exception cref="InvalidOperationException">It is not pending.</exception>
    public JsonObject AcceptInvitationInConsole(string invitationId)
    {
        lock (_gate)
        {
            var invitation = AnyInvitation(invitationId);
            if (!invitation.Received || invitation.Status != InvitationState.Pending)
                throw new InvalidOperationException($"Engagement invitation {invitation.Id} is {Wire(invitation.Status)}; only a PENDING referral can be accepted.");
            AcceptNow(invitation);
            var document = InvitationDocument(invitation);
            document["OpportunityId"] = invitation.OpportunityId;
            return document;
        }
    }

    /// <summary>Rejects a referral as the partner would in Partner Central's console, outside Switchyard.</summary>
    /// <exception cref="KeyNotFoundException">There is no such invitation.</exception>
    /// <exception cref="InvalidOperationException">It is not pending.</exception>
    /// <exception cref="ArgumentException">The reason is not one AWS documents.</exception>
    public JsonObject RejectInvitationInConsole(string invitationId, string? rejectionReason = null)
    {
        if (rejectionReason is not null
            && _model.Shape("RejectEngagementInvitationRequest").Member("RejectionReason")!.Documented!.Check(rejectionReason, "RejectionReason") is { } wrong)
            throw new ArgumentException(wrong.Sentence, nameof(rejectionReason));
        lock (_gate)
        {
            var invitation = AnyInvitation(invitationId);
            if (!invitation.Received || invitation.Status != InvitationState.Pending)
                throw new InvalidOperationException($"Engagement invitation {invitation.Id} is {Wire(invitation.Status)}; only a PENDING referral can be rejected.");
            RejectNow(invitation, rejectionReason);
            return InvitationDocument(invitation);
        }
    }

    /// <summary>An invitation as <c>GetEngagementInvitation</c> answers it, or null.</summary>
    public JsonObject? FindInvitation(string invitationId)
    {
        lock (_gate)
            return _invitations.TryGetValue(invitationId, out var invitation) ? InvitationDocument(invitation) : null;
    }

    // ---- Transitions (under _gate) ----

    void RejectNow(StoredInvitation invitation, string? reason)
    {
        RequirePending(invitation, "rejected");
        invitation.Status = InvitationState.Rejected;
        invitation.RejectionReason = reason;
        EmitInvitation(SellingApiEvents.EngagementInvitationRejected, invitation);
    }

    void ExpireNow(StoredInvitation invitation)
    {
        invitation.Status = InvitationState.Expired;
        EmitInvitation(SellingApiEvents.EngagementInvitationExpired, invitation);
    }

    static void RequirePending(StoredInvitation invitation, string verb)
    {
        if (invitation.Status != InvitationState.Pending)
            throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Conflict,
                $"Engagement invitation {invitation.Id} is {Wire(invitation.Status)} and cannot be {verb}.");
    }

    void CompleteAcceptance(StoredTask task)
    {
        var invitation = _invitations[task.EngagementInvitationId!];
        switch (invitation.Status)
        {
            case InvitationState.Expired or InvitationState.Rejected:
                Fail(task, "InvitationValidationFailed", $"Engagement invitation {invitation.Id} is {Wire(invitation.Status)} and can no longer be accepted.");
                return;
            case InvitationState.Accepted when invitation.OpportunityId is not null:
                Fail(task, "EngagementInvitationConflict", $"Engagement invitation {invitation.Id} was accepted already; its opportunity is {invitation.OpportunityId}.");
                return;
        }

        AcceptNow(invitation);
        task.Status = TaskState.Complete;
        task.OpportunityId = invitation.OpportunityId;
        task.ResourceSnapshotJobId = NewIdentifier("job-", 13);
    }

    // "The task is asynchronous and involves the following steps: accepting the invitation, creating an opportunity in
    // the partner's account from the AWS opportunity, and copying details for tracking" (the task's documentation).
    void AcceptNow(StoredInvitation invitation)
    {
        var wasPending = invitation.Status == InvitationState.Pending;
        invitation.Status = InvitationState.Accepted;
        var payload = invitation.Payload ?? [];
        var customer = payload["Customer"];
        var project = payload["Project"];

        var now = NextTimestamp();
        var opportunity = new StoredOpportunity(invitation.Catalog, $"O{++_lastOpportunityNumber}", AwsReferral, now, _relatedEntityTypes)
        {
            LastModifiedDate = now,
        };
        var fields = new JsonObject
        {
            ["Customer"] = new JsonObject
            {
                ["Account"] = new JsonObject
                {
                    ["CompanyName"] = customer?["CompanyName"]?.DeepClone(),
                    ["Industry"] = customer?["Industry"]?.DeepClone(),
                    ["WebsiteUrl"] = customer?["WebsiteUrl"]?.DeepClone(),
                    ["Address"] = new JsonObject { ["CountryCode"] = customer?["CountryCode"]?.DeepClone() },
                },
            },
            ["LifeCycle"] = new JsonObject { ["Stage"] = "Prospect", ["TargetCloseDate"] = project?["TargetCompletionDate"]?.DeepClone() },
            ["OpportunityType"] = "Net New Business",
            ["Project"] = new JsonObject
            {
                ["ExpectedCustomerSpend"] = project?["ExpectedCustomerSpend"]?.DeepClone(),
                ["Title"] = project?["Title"]?.DeepClone(),
                ["CustomerBusinessProblem"] = project?["BusinessProblem"]?.DeepClone(),
            },
        };
        opportunity.Replace(_members.Writable(Pruned(fields)), now);
        _opportunities.Add(opportunity.Id, opportunity);
        invitation.OpportunityId = opportunity.Id;

        var side = AwsSideOf(invitation.Catalog, opportunity.Id);
        side.EngagementId = invitation.EngagementId;
        side.Summary = AwsReferralSummary(payload);

        var engagement = _engagements[invitation.EngagementId];
        // "Event scenarios": accepting an invitation via StartEngagementByAcceptingInvitationTask.
        if (wasPending)
            EmitInvitation(SellingApiEvents.EngagementInvitationAccepted, invitation);
        EmitMemberAdded(engagement, _options.AwsAccountId, _options.PartnerCompanyName);
        EmitOpportunity(SellingApiEvents.OpportunityCreated, opportunity.Catalog, opportunity.Id);
        EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
        EmitSnapshotCreated(engagement, opportunity.Id);
    }

    // What AWS's opportunity tells the partner once the referral is accepted: its seller (the referral's sender
    // contacts), stage, close date and spend.
    static JsonObject AwsReferralSummary(JsonObject payload)
    {
        var project = payload["Project"];
        var summary = new JsonObject
        {
            ["Origin"] = AwsReferral,
            ["InvolvementType"] = "Co-Sell",
            ["Visibility"] = "Full",
            ["LifeCycle"] = new JsonObject { ["TargetCloseDate"] = project?["TargetCompletionDate"]?.DeepClone(), ["Stage"] = "Prospect" },
        };
        var team = new JsonArray();
        foreach (var contact in payload["SenderContacts"] as JsonArray ?? [])
        {
            var member = new JsonObject { ["Email"] = ((string?)contact?["Email"])?.ToLowerInvariant() };
            if (contact?["FirstName"] is { } first)
                member["FirstName"] = first.DeepClone();
            if (contact?["LastName"] is { } last)
                member["LastName"] = last.DeepClone();
            member["BusinessTitle"] = "AWSSalesRep";
            team.Add(member);
        }

        if (team.Count > 0)
            summary["OpportunityTeam"] = team;
        if (project?["ExpectedCustomerSpend"] is { } spend)
            summary["Project"] = new JsonObject { ["ExpectedCustomerSpend"] = spend.DeepClone() };
        return summary;
    }

    // ---- Documents ----

    static JsonObject InvitationSummary(StoredInvitation invitation)
    {
        var summary = new JsonObject
        {
            ["Arn"] = invitation.Arn,
            ["PayloadType"] = invitation.PayloadType,
            ["Id"] = invitation.Id,
            ["EngagementId"] = invitation.EngagementId,
        };
        if (invitation.EngagementTitle is not null)
            summary["EngagementTitle"] = invitation.EngagementTitle;
        summary["Status"] = Wire(invitation.Status);
        summary["InvitationDate"] = Format(invitation.InvitationDate);
        summary["ExpirationDate"] = Format(invitation.ExpirationDate);
        summary["SenderAwsAccountId"] = invitation.SenderAccountId;
        summary["SenderCompanyName"] = invitation.SenderCompanyName;
        summary["Receiver"] = Receiver(invitation);
        summary["Catalog"] = invitation.Catalog;
        summary["ParticipantType"] = invitation.Received ? "RECEIVER" : "SENDER";
        return summary;
    }

    static JsonObject InvitationDocument(StoredInvitation invitation)
    {
        var document = new JsonObject
        {
            ["Arn"] = invitation.Arn,
            ["PayloadType"] = invitation.PayloadType,
            ["Id"] = invitation.Id,
            ["EngagementId"] = invitation.EngagementId,
        };
        if (invitation.EngagementTitle is not null)
            document["EngagementTitle"] = invitation.EngagementTitle;
        document["Status"] = Wire(invitation.Status);
        document["InvitationDate"] = Format(invitation.InvitationDate);
        document["ExpirationDate"] = Format(invitation.ExpirationDate);
        document["SenderAwsAccountId"] = invitation.SenderAccountId;
        document["SenderCompanyName"] = invitation.SenderCompanyName;
        document["Receiver"] = Receiver(invitation);
        document["Catalog"] = invitation.Catalog;
        if (invitation.RejectionReason is not null)
            document["RejectionReason"] = invitation.RejectionReason;
        if (invitation.Payload is not null)
            document["Payload"] = new JsonObject { [invitation.PayloadType] = invitation.Payload.DeepClone() };
        if (invitation.InvitationMessage is not null)
            document["InvitationMessage"] = invitation.InvitationMessage;
        if (invitation.EngagementDescription is not null)
            document["EngagementDescription"] = invitation.EngagementDescription;
        var sender = new JsonObject { ["CompanyName"] = invitation.SenderCompanyName };
        if (invitation.Received)
            sender["WebsiteUrl"] = "https://aws.amazon.com";
        document["ExistingMembers"] = new JsonArray(sender);
        return document;
    }

    static JsonObject Receiver(StoredInvitation invitation) =>
        new() { ["Account"] = new JsonObject { ["AwsAccountId"] = invitation.ReceiverAccountId } };

    // ---- Helpers ----

    // Under _gate.
    // The invitation date is the caller's, read once, so that the expiration the caller derived from it is exact.
    StoredInvitation NewInvitation(string catalog, string engagementId, bool received, DateTimeOffset now, DateTimeOffset expiration, (string AccountId, string CompanyName) sender,
        string receiver, JsonObject? payload, string? title = null, string? message = null, string? description = null)
    {
        var id = NewIdentifier("engi-", 13);
        var invitation = new StoredInvitation(catalog, id, CatalogArn(catalog, "engagement-invitation", id, withAccount: false), engagementId, received, now, expiration)
        {
            SenderAccountId = sender.AccountId,
            SenderCompanyName = sender.CompanyName,
            ReceiverAccountId = receiver,
            Payload = payload,
            EngagementTitle = title,
            InvitationMessage = message,
            EngagementDescription = description,
        };
        _invitations.Add(id, invitation);
        if (received)
            EnsureSweeping();
        return invitation;
    }

    // Invitations of one catalog are invisible in the other; an ARN names one as well as its id.
    StoredInvitation FindInvitation(string catalog, string identifier, bool receivedOnly = false)
    {
        var found = _invitations.Values.FirstOrDefault(i => (i.Id == identifier || i.Arn == identifier) && i.Catalog == catalog && (i.Received || !receivedOnly));
        return found ?? throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.ResourceNotFound,
            $"Engagement invitation {identifier} was not found in the {catalog} catalog.");
    }

    StoredInvitation AnyInvitation(string identifier) =>
        _invitations.Values.FirstOrDefault(i => i.Id == identifier || i.Arn == identifier)
        ?? throw new KeyNotFoundException($"There is no engagement invitation {identifier}.");

    // A referral AWS would send: a customer, a project with a business problem of AWS's documented length, the close
    // date 90 days on, a monthly spend, and its seller as the contact.
    static JsonObject DefaultPayload(DateTimeOffset now) => new()
    {
        ["SenderContacts"] = new JsonArray(new JsonObject
        {
            ["Email"] = "alex.seller@example.com",
            ["FirstName"] = "Alex",
            ["LastName"] = "Seller",
            ["BusinessTitle"] = "AWS Account Manager",
        }),
        ["ReceiverResponsibilities"] = new JsonArray("Co-Sell Facilitator"),
        ["Customer"] = new JsonObject
        {
            ["Industry"] = "Software and Internet",
            ["CompanyName"] = "AnyCompany",
            ["WebsiteUrl"] = "https://www.example.com",
            ["CountryCode"] = "US",
        },
        ["Project"] = new JsonObject
        {
            ["BusinessProblem"] = "AnyCompany wants to move its order management to AWS and needs a partner to plan and run the migration.",
            ["Title"] = "AnyCompany migration to AWS",
            ["TargetCompletionDate"] = now.UtcDateTime.Date.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["ExpectedCustomerSpend"] = new JsonArray(new JsonObject
            {
                ["Amount"] = "10000.00",
                ["CurrencyCode"] = "USD",
                ["Frequency"] = "Monthly",
                ["TargetCompany"] = "AWS",
            }),
        },
    };

    static JsonObject Merged(JsonObject defaults, JsonObject given)
    {
        var merged = (JsonObject)defaults.DeepClone();
        foreach (var (name, value) in given)
            merged[name] = value?.DeepClone();
        return merged;
    }

    static IEnumerable<ModelViolation> Prefixed(IEnumerable<ModelViolation> violations, string prefix) =>
        violations.Select(v => v with { Path = v.Path.Length == 0 ? prefix : $"{prefix}.{v.Path}" });

    static string? Text(JsonObject request, string member) =>
        request[member] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    static string Shorten(string text, int length) => text.Length <= length ? text : text[..length].TrimEnd();
}
