using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// AWS referrals in the emulator: created on AWS's side, listed and read through the API, accepted (creating the
/// opportunity AWS would), rejected with a documented reason, or expired.
/// </summary>
public sealed class InvitationTests : IAsyncLifetime
{
    CoSellApi _api = null!;

    public async ValueTask InitializeAsync() => _api = await CoSellApi.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    async Task<string> ReferralAsync(JsonObject? request = null)
    {
        var (status, invitation) = await _api.ControlAsync("invitations", request);
        status.ShouldBe(201, invitation.ToJsonString());
        return (string)invitation["Id"]!;
    }

    Task<JsonObject> GetInvitationAsync(string id) =>
        _api.CallAsync("GetEngagementInvitation", new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = id });

    Task<JsonObject> AcceptAsync(string id, string? clientToken = null) =>
        _api.CallAsync("StartEngagementByAcceptingInvitationTask", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ClientToken"] = clientToken ?? $"accept-{id}",
            ["Identifier"] = id,
        });

    [Fact]
    public async Task A_referral_with_an_empty_body_gets_sensible_defaults_and_the_created_event()
    {
        var id = await ReferralAsync();

        var invitation = await GetInvitationAsync(id);
        var received = await _api.CallAsync("ListEngagementInvitations", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ParticipantType"] = "RECEIVER",
            ["Status"] = new JsonArray("PENDING"),
        });
        var sent = await _api.CallAsync("ListEngagementInvitations", new JsonObject { ["Catalog"] = "AWS", ["ParticipantType"] = "SENDER" });

        id.ShouldMatch("^engi-[0-9a-z]{13}$");
        ((string?)invitation["Status"]).ShouldBe("PENDING");
        ((string?)invitation["PayloadType"]).ShouldBe("OpportunityInvitation");
        ((string?)invitation["SenderCompanyName"]).ShouldBe("AWS");
        ((string?)invitation["Receiver"]!["Account"]!["AwsAccountId"]).ShouldBe("123456789012");
        var payload = invitation["Payload"]!["OpportunityInvitation"]!;
        ((string?)payload["Customer"]!["CompanyName"]).ShouldBe("AnyCompany");
        ((string?)payload["Project"]!["Title"]).ShouldBe("AnyCompany migration to AWS");
        ((string?)payload["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]).ShouldBe("10000.00");
        var invited = DateTimeOffset.Parse((string)invitation["InvitationDate"]!, System.Globalization.CultureInfo.InvariantCulture);
        var expires = DateTimeOffset.Parse((string)invitation["ExpirationDate"]!, System.Globalization.CultureInfo.InvariantCulture);
        (expires - invited).ShouldBe(TimeSpan.FromDays(15));
        ((string?)received["EngagementInvitationSummaries"]!.AsArray().Single()!["Id"]).ShouldBe(id);
        ((string?)received["EngagementInvitationSummaries"]![0]!["ParticipantType"]).ShouldBe("RECEIVER");
        sent["EngagementInvitationSummaries"]!.AsArray().ShouldBeEmpty();

        var created = _api.EventsOf(SellingApiEvents.EngagementInvitationCreated).Single();
        created.InvitationId.ShouldBe(id);
        ((string?)created.Detail["engagementInvitation"]!["participantType"]).ShouldBe("Receiver");
        ((string?)created.Detail["engagementInvitation"]!["senderCompanyName"]).ShouldBe("AWS");
    }

    [Fact]
    public async Task A_referral_takes_the_customer_and_project_given_and_refuses_what_the_model_does_not_allow()
    {
        var id = await ReferralAsync(JsonNode.Parse("""
            {"Customer": {"CompanyName": "Globex", "Industry": "Manufacturing"},
             "Project": {"Title": "Globex plant analytics", "TargetCompletionDate": "2031-01-15"},
             "ExpirationDate": "2031-01-01T00:00:00Z"}
            """)!.AsObject());
        var (invalid, invalidBody) = await _api.ControlAsync("invitations", JsonNode.Parse("""{"Customer": {"Industry": "Spaceships"}}"""));
        var (notJson, _) = await _api.ControlAsync("invitations", JsonValue.Create(42));

        var payload = (await GetInvitationAsync(id))["Payload"]!["OpportunityInvitation"]!;
        ((string?)payload["Customer"]!["CompanyName"]).ShouldBe("Globex");
        ((string?)payload["Customer"]!["Industry"]).ShouldBe("Manufacturing");
        ((string?)payload["Customer"]!["CountryCode"]).ShouldBe("US");
        ((string?)payload["Project"]!["TargetCompletionDate"]).ShouldBe("2031-01-15");
        ((string?)(await GetInvitationAsync(id))["ExpirationDate"]).ShouldBe("2031-01-01T00:00:00.000Z");
        invalid.ShouldBe(400);
        ((string)invalidBody["detail"]!).ShouldStartWith("The invitation is not valid: Value at 'Payload.OpportunityInvitation.Customer.Industry' failed to satisfy constraint: Member must satisfy enum value set:");
        notJson.ShouldBe(400);
        _api.EventsOf(SellingApiEvents.EngagementInvitationCreated).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Accepting_runs_a_task_that_creates_the_opportunity_AWS_would()
    {
        var id = await ReferralAsync();
        var eventsBefore = _api.Emulator.Events.Count;

        var started = await AcceptAsync(id);
        var again = await AcceptAsync(id);
        var finished = await _api.FinishedTaskAsync("ListEngagementByAcceptingInvitationTasks", (string)started["TaskId"]!);
        var opportunityId = (string)finished["OpportunityId"]!;
        var opportunity = await _api.GetAsync(opportunityId);
        var summary = await _api.CallAsync("GetAwsOpportunitySummary", new JsonObject { ["Catalog"] = "AWS", ["RelatedOpportunityIdentifier"] = opportunityId });
        var byInvitation = await _api.CallAsync("ListEngagementByAcceptingInvitationTasks", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["EngagementInvitationIdentifier"] = new JsonArray(id),
        });

        ((string?)started["TaskStatus"]).ShouldBe("IN_PROGRESS");
        again.ToJsonString().ShouldBe(started.ToJsonString());
        ((string?)finished["TaskStatus"]).ShouldBe("COMPLETE");
        ((string?)finished["EngagementInvitationId"]).ShouldBe(id);
        ((string?)(await GetInvitationAsync(id))["Status"]).ShouldBe("ACCEPTED");
        ((string?)opportunity["Customer"]!["Account"]!["CompanyName"]).ShouldBe("AnyCompany");
        ((string?)opportunity["Project"]!["Title"]).ShouldBe("AnyCompany migration to AWS");
        ((string)opportunity["Project"]!["CustomerBusinessProblem"]!).ShouldStartWith("AnyCompany wants to move");
        opportunity["LifeCycle"]!["ReviewStatus"].ShouldBeNull("the review is only applicable for partner referrals");
        ((string?)summary["Origin"]).ShouldBe("AWS Referral");
        ((string?)summary["OpportunityTeam"]![0]!["Email"]).ShouldBe("alex.seller@example.com");
        ((string?)byInvitation["TaskSummaries"]!.AsArray().Single()!["OpportunityId"]).ShouldBe(opportunityId);
        // "Event scenarios": you accept an invitation via StartEngagementByAcceptingInvitationTask.
        _api.Emulator.Events.Skip(eventsBefore).Select(e => e.DetailType).ShouldBe([
            SellingApiEvents.EngagementInvitationAccepted, SellingApiEvents.EngagementMemberAdded, SellingApiEvents.OpportunityCreated,
            SellingApiEvents.OpportunityUpdated, SellingApiEvents.EngagementResourceSnapshotCreated,
        ]);
        _api.EventsOf(SellingApiEvents.OpportunityCreated)[^1].OpportunityId.ShouldBe(opportunityId);
    }

    [Fact]
    public async Task Rejecting_takes_a_documented_reason_and_only_once()
    {
        var id = await ReferralAsync();
        var other = await ReferralAsync();

        var (badStatus, bad) = await _api.SendAsync("RejectEngagementInvitation",
            $$"""{"Catalog":"AWS","Identifier":"{{id}}","RejectionReason":"Not interested"}""");
        await _api.CallAsync("RejectEngagementInvitation", new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = id, ["RejectionReason"] = "Unable to support" });
        var twice = await _api.RefusedAsync("RejectEngagementInvitation", new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = id }, "ConflictException");
        var accepted = await AcceptAsync(id);
        var failed = await _api.FinishedTaskAsync("ListEngagementByAcceptingInvitationTasks", (string)accepted["TaskId"]!);
        var rejected = await _api.CallAsync("ListEngagementInvitations", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ParticipantType"] = "RECEIVER",
            ["Status"] = new JsonArray("REJECTED"),
        });

        badStatus.ShouldBe(400);
        ((string?)bad["Reason"]).ShouldBe("REQUEST_VALIDATION_FAILED");
        ((string?)bad["ErrorList"]![0]!["FieldName"]).ShouldBe("RejectionReason");
        ((string?)bad["ErrorList"]![0]!["Code"]).ShouldBe("INVALID_ENUM_VALUE");
        ((string?)bad["ErrorList"]![0]!["Message"]).ShouldBe(
            "Member must satisfy enum value set: [Customer problem unclear, Next steps unclear, Unable to support, Duplicate of partner referral, Other]");
        ((string?)(await GetInvitationAsync(id))["RejectionReason"]).ShouldBe("Unable to support");
        ((string?)twice["Message"]).ShouldBe($"Engagement invitation {id} is REJECTED and cannot be rejected.");
        ((string?)failed["TaskStatus"]).ShouldBe("FAILED");
        ((string?)failed["ReasonCode"]).ShouldBe("InvitationValidationFailed");
        ((string?)rejected["EngagementInvitationSummaries"]!.AsArray().Single()!["Id"]).ShouldBe(id);
        ((string?)(await GetInvitationAsync(other))["Status"]).ShouldBe("PENDING");
        _api.EventsOf(SellingApiEvents.EngagementInvitationRejected).Single().InvitationId.ShouldBe(id);
    }

    [Fact]
    public async Task Forced_expiry_ends_a_referral_and_fails_an_acceptance_still_running()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var api = await CoSellApi.StartAsync(options => options.TaskDelay = TimeSpan.FromMinutes(1), clock);
        var (_, created) = await api.ControlAsync("invitations");
        var id = (string)created["Id"]!;
        var accepting = await api.CallAsync("StartEngagementByAcceptingInvitationTask",
            new JsonObject { ["Catalog"] = "AWS", ["ClientToken"] = "accept-late", ["Identifier"] = id });

        var (status, expired) = await api.ControlAsync($"invitations/{id}/expire");
        var (again, againBody) = await api.ControlAsync($"invitations/{id}/expire");
        clock.Advance(TimeSpan.FromMinutes(1));
        var task = await api.FinishedTaskAsync("ListEngagementByAcceptingInvitationTasks", (string)accepting["TaskId"]!);

        status.ShouldBe(200);
        ((string?)expired["Status"]).ShouldBe("EXPIRED");
        again.ShouldBe(409);
        ((string?)againBody["detail"]).ShouldBe($"Engagement invitation {id} is EXPIRED; only a PENDING invitation can expire.");
        ((string?)task["TaskStatus"]).ShouldBe("FAILED");
        ((string?)task["Message"]).ShouldBe($"Engagement invitation {id} is EXPIRED and can no longer be accepted.");
        api.EventsOf(SellingApiEvents.EngagementInvitationExpired).Single().InvitationId.ShouldBe(id);
        api.EventsOf(SellingApiEvents.OpportunityCreated).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_referral_expires_fifteen_days_on_by_the_emulators_clock()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var api = await CoSellApi.StartAsync(clock: clock);
        var (_, created) = await api.ControlAsync("invitations");
        var id = (string)created["Id"]!;
        var get = new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = id };

        clock.Advance(TimeSpan.FromDays(15) - TimeSpan.FromMinutes(1));
        var before = await api.CallAsync("GetEngagementInvitation", get);
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await api.CallAsync("GetEngagementInvitation", get);

        ((string?)before["Status"]).ShouldBe("PENDING");
        ((string?)after["Status"]).ShouldBe("EXPIRED");
        api.EventsOf(SellingApiEvents.EngagementInvitationExpired).Single().InvitationId.ShouldBe(id);
    }

    [Fact]
    public async Task The_console_accepts_and_rejects_referrals_outside_Switchyard()
    {
        var accepted = await ReferralAsync();
        var rejected = await ReferralAsync();

        var (acceptStatus, acceptBody) = await _api.ControlAsync($"invitations/{accepted}/accept");
        var (rejectStatus, rejectBody) = await _api.ControlAsync($"invitations/{rejected}/reject", new JsonObject { ["RejectionReason"] = "Other" });
        var (badReason, badReasonBody) = await _api.ControlAsync($"invitations/{accepted}/reject", new JsonObject { ["RejectionReason"] = "Bored" });
        var (unknown, _) = await _api.ControlAsync("invitations/engi-0000000000000/accept");
        var read = await _api.ControlGetAsync($"invitations/{rejected}");

        acceptStatus.ShouldBe(200);
        ((string?)acceptBody["Status"]).ShouldBe("ACCEPTED");
        var opportunity = await _api.GetAsync((string)acceptBody["OpportunityId"]!);
        ((string?)opportunity["Customer"]!["Account"]!["CompanyName"]).ShouldBe("AnyCompany");
        rejectStatus.ShouldBe(200);
        ((string?)rejectBody["RejectionReason"]).ShouldBe("Other");
        badReason.ShouldBe(400);
        ((string)badReasonBody["detail"]!).ShouldStartWith("Value at 'RejectionReason' failed to satisfy constraint: Member must satisfy enum value set:");
        unknown.ShouldBe(404);
        ((string?)read["Status"]).ShouldBe("REJECTED");
    }

    [Fact]
    public async Task AcceptEngagementInvitation_accepts_without_an_opportunity_and_a_later_task_creates_it()
    {
        var id = await ReferralAsync();

        await _api.CallAsync("AcceptEngagementInvitation", new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = id });
        var started = await AcceptAsync(id);
        var finished = await _api.FinishedTaskAsync("ListEngagementByAcceptingInvitationTasks", (string)started["TaskId"]!);
        var second = await AcceptAsync(id, clientToken: "second-acceptance");
        var conflict = await _api.FinishedTaskAsync("ListEngagementByAcceptingInvitationTasks", (string)second["TaskId"]!);

        ((string?)finished["TaskStatus"]).ShouldBe("COMPLETE");
        finished["OpportunityId"].ShouldNotBeNull();
        _api.EventsOf(SellingApiEvents.EngagementInvitationAccepted).Count.ShouldBe(1);
        ((string?)conflict["ReasonCode"]).ShouldBe("EngagementInvitationConflict");
    }

    [Fact]
    public async Task Invitations_page_newest_first_and_are_not_found_in_the_other_catalog()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add(await ReferralAsync());

        var first = await _api.CallAsync("ListEngagementInvitations", new JsonObject { ["Catalog"] = "AWS", ["ParticipantType"] = "RECEIVER", ["MaxResults"] = 2 });
        var second = await _api.CallAsync("ListEngagementInvitations", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ParticipantType"] = "RECEIVER",
            ["MaxResults"] = 2,
            ["NextToken"] = (string?)first["NextToken"],
        });
        var sandbox = await _api.RefusedAsync("GetEngagementInvitation", new JsonObject { ["Catalog"] = "Sandbox", ["Identifier"] = ids[0] }, "ResourceNotFoundException");

        first["EngagementInvitationSummaries"]!.AsArray().Concat(second["EngagementInvitationSummaries"]!.AsArray())
            .Select(i => (string?)i!["Id"]).ShouldBe(Enumerable.Reverse(ids));
        ((string?)sandbox["Message"]).ShouldBe($"Engagement invitation {ids[0]} was not found in the Sandbox catalog.");
    }

    [Fact]
    public async Task The_opportunity_of_a_referral_accepted_in_the_console_is_found_through_its_engagement()
    {
        var accepted = await ReferralAsync();
        var pending = await ReferralAsync();
        var (_, acceptance) = await _api.ControlAsync($"invitations/{accepted}/accept");
        var engagementId = (string)(await GetInvitationAsync(accepted))["EngagementId"]!;
        var pendingEngagement = (string)(await GetInvitationAsync(pending))["EngagementId"]!;

        var associations = await _api.CallAsync("ListEngagementResourceAssociations", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["EngagementIdentifier"] = engagementId,
            ["ResourceType"] = "Opportunity",
        });
        var none = await _api.CallAsync("ListEngagementResourceAssociations", new JsonObject { ["Catalog"] = "AWS", ["EngagementIdentifier"] = pendingEngagement });
        var otherCatalog = await _api.CallAsync("ListEngagementResourceAssociations", new JsonObject { ["Catalog"] = "Sandbox", ["EngagementIdentifier"] = engagementId });

        var association = associations["EngagementResourceAssociationSummaries"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)association["ResourceId"]).ShouldBe((string?)acceptance["OpportunityId"]);
        ((string?)association["ResourceType"]).ShouldBe("Opportunity");
        ((string?)association["EngagementId"]).ShouldBe(engagementId);
        none["EngagementResourceAssociationSummaries"]!.AsArray().ShouldBeEmpty();
        otherCatalog["EngagementResourceAssociationSummaries"]!.AsArray().ShouldBeEmpty();
    }
}
