using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Switchyard.Contracts.Processing;
using Switchyard.Emulators.HubSpot;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.PartnerCentral.Model;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// AWS referrals end to end on a real RabbitMQ broker, both emulators over HTTP, Partner Central's EventBridge events
/// over the broker: AWS sends a referral, it becomes a HubSpot deal; the seller accepts it from HubSpot and the deal
/// is linked to the opportunity and syncs both ways, or rejects it with AWS's reason; the expiry task and the expiry;
/// an event and polls of one referral make one deal; an answer given in Partner Central's console reaches the deal.
/// </summary>
public class InvitationTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The pipeline with Partner Central's events on the broker, the portal's id, and polling as <paramref name="pollInterval"/> says.</summary>
    static Task<RabbitMqPipeline> StartAsync(string purpose, string pollInterval = "01:00:00") =>
        RabbitMqPipeline.StartAsync(purpose, new PipelineOptions
        {
            Configure = builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HubSpot:PortalId"] = "62515",
                ["Processor:Polling:Interval"] = pollInterval,
            }),
            PartnerCentralEvents = true,
        });

    /// <summary>AWS sends a referral, through the emulator's control surface over HTTP; its id.</summary>
    static async Task<string> ReferralAsync(RabbitMqPipeline pipeline, JsonObject? request = null)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(pipeline.Crm.PartnerCentral.ControlUrl, "invitations"), request ?? [], Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["Id"]!;
    }

    static async Task ControlAsync(RabbitMqPipeline pipeline, string path, JsonObject? body = null)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri(pipeline.Crm.PartnerCentral.ControlUrl, path), body ?? [], Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>The outcome of <paramref name="type"/> for <paramref name="invitationId"/> the subscriber received, waiting for it.</summary>
    static async Task<JsonElement> OutcomeAsync(RabbitMqPipeline pipeline, string type, string? invitationId = null) =>
        (await pipeline.Subscriber.WaitForAsync(1, r => IsOutcome(r, type, invitationId), TimeSpan.FromSeconds(120)))[0].Json.GetProperty("data");

    static bool IsOutcome(ReceivedRequest request, string type, string? invitationId)
    {
        var json = request.Json;
        return json.GetProperty("type").GetString() == type
               && (invitationId is null || (json.GetProperty("data").TryGetProperty("invitationId", out var id) && id.GetString() == invitationId));
    }

    /// <summary>The seller changes the deal in HubSpot, and HubSpot sends the webhook, signed, to the receipt.</summary>
    static async Task ChangeAsync(RabbitMqPipeline pipeline, long dealId, long eventId, params (string Name, string Value)[] properties)
    {
        pipeline.Crm.HubSpot.State.Edit("deals", dealId, properties.ToDictionary(p => p.Name, p => p.Value));
        var events = string.Join(',', properties.Select((p, i) => $$"""
            {"eventId":{{eventId + i}},"subscriptionId":1235,"portalId":62515,"appId":98765,"occurredAt":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},
             "subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":{{dealId}},"propertyName":"{{p.Name}}","propertyValue":"{{p.Value}}","changeSource":"CRM_UI"}
            """));
        using var response = await pipeline.SendWebhookAsync($"[{events}]");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    static EmulatedObject Deal(RabbitMqPipeline pipeline, long dealId) => pipeline.Crm.HubSpot.State.Deal(dealId).ShouldNotBeNull();

    [Fact]
    public async Task A_referral_becomes_a_deal_accepted_from_HubSpot_it_is_linked_to_its_opportunity_and_later_changes_sync_both_ways()
    {
        await using var pipeline = await StartAsync("invitation-accepted");
        var invitationId = await ReferralAsync(pipeline, JsonNode.Parse("""
            {"Customer": {"CompanyName": "Globex", "Industry": "Manufacturing", "WebsiteUrl": "https://www.globex.example", "CountryCode": "DE"},
             "Project": {"Title": "Globex plant analytics", "BusinessProblem": "Globex wants its plants' sensor data in one place to predict machine failures.",
                         "ExpectedCustomerSpend": [{"Amount": "25000.00", "CurrencyCode": "USD", "Frequency": "Monthly", "TargetCompany": "AWS"}]}}
            """)!.AsObject());

        var received = await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationReceived, invitationId);
        var dealId = received.GetProperty("dealId").GetInt64();
        var deal = Deal(pipeline, dealId);
        deal.Property("dealname").ShouldBe("Globex plant analytics #AWS");
        deal.Property("aws_invitation_id").ShouldBe(invitationId);
        deal.Property("aws_invitation_status").ShouldBe("Pending");
        deal.Property("aws_invitation_expires_at").ShouldNotBeNull();
        deal.Property("aws_seller").ShouldBe("Alex Seller <alex.seller@example.com>");
        deal.Property("amount").ShouldBe("25000.00");
        deal.Property("description").ShouldStartWith("Globex wants its plants");
        var company = pipeline.Crm.HubSpot.State.AssociationsOf("deals", dealId, "companies").ShouldHaveSingleItem();
        company.Primary.ShouldBeTrue();
        pipeline.Crm.HubSpot.State.Company(company.Id)!.Property("domain").ShouldBe("globex.example");
        pipeline.Crm.HubSpot.State.NotesOnDeal(dealId).ShouldContain(n => n.Body!.Contains("AWS referral", StringComparison.Ordinal));

        await ChangeAsync(pipeline, dealId, 910_001, ("aws_invitation_decision", "Accept"));
        var accepted = await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationAccepted, invitationId);
        var opportunityId = accepted.GetProperty("opportunityId").GetString().ShouldNotBeNull();
        accepted.GetProperty("dealId").GetInt64().ShouldBe(dealId);
        Deal(pipeline, dealId).Property("aws_opportunity_id").ShouldBe(opportunityId);
        Deal(pipeline, dealId).Property("aws_invitation_status").ShouldBe("Accepted");
        ((string?)pipeline.Crm.PartnerCentral.Emulator.FindInvitation(invitationId)!["Status"]).ShouldBe("ACCEPTED");
        // The first sync gives the opportunity the deal's id.
        await Poll.UntilAsync(() => (string?)pipeline.Crm.PartnerCentral.Emulator.FindOpportunity(opportunityId)?["PartnerOpportunityIdentifier"]
            == dealId.ToString(CultureInfo.InvariantCulture), "the deal's id on the opportunity", TimeSpan.FromSeconds(120));

        // HubSpot to AWS: the seller changes the amount.
        await ChangeAsync(pipeline, dealId, 910_101, ("amount", "30000"));
        await Poll.UntilAsync(() => (string?)pipeline.Crm.PartnerCentral.Emulator.FindOpportunity(opportunityId)?["Project"]?["ExpectedCustomerSpend"]?[0]?["Amount"] == "30000.00",
            "the new amount on the opportunity", TimeSpan.FromSeconds(120));
        // AWS to HubSpot: AWS's seller rates the engagement.
        await ControlAsync(pipeline, $"opportunities/{opportunityId}/summary", JsonNode.Parse("""{"Insights": {"EngagementScore": "High", "NextBestActions": "Meet the plant managers."}}""")!.AsObject());
        await Poll.UntilAsync(() => Deal(pipeline, dealId).Property("aws_engagement_score") == "High", "AWS's engagement score on the deal", TimeSpan.FromSeconds(120));
        Deal(pipeline, dealId).Property("aws_next_steps").ShouldBe("Meet the plant managers.");

        var requests = pipeline.Crm.PartnerCentral.Emulator.Requests;
        requests.Count(r => r.Operation == "StartEngagementByAcceptingInvitationTask").ShouldBe(1);
        requests.Where(r => r.Operation == "CreateOpportunity").ShouldBeEmpty();
        requests.SelectMany(r => ServiceModel.PartnerCentralSelling.Check(r.Operation!, r.Json!).Select(v => $"{r.Operation}: {v}")).ShouldBeEmpty();
        requests.Where(r => r.StatusCode != 200).Select(r => $"{r.Operation} {r.StatusCode} {r.Response?.ToJsonString()}").ShouldBeEmpty();
        pipeline.Subscriber.Requests.Count(r => IsOutcome(r, OutcomeEventTypes.InvitationAccepted, invitationId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_referral_rejected_from_HubSpot_with_a_reason_is_rejected_in_Partner_Central_with_it()
    {
        await using var pipeline = await StartAsync("invitation-rejected");
        var invitationId = await ReferralAsync(pipeline);
        var dealId = (await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationReceived, invitationId)).GetProperty("dealId").GetInt64();

        await ChangeAsync(pipeline, dealId, 920_001, ("aws_rejection_reason", "Customer problem unclear"), ("aws_invitation_decision", "Reject"));
        var rejected = await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationRejected, invitationId);

        rejected.GetProperty("dealId").GetInt64().ShouldBe(dealId);
        var invitation = pipeline.Crm.PartnerCentral.Emulator.FindInvitation(invitationId)!;
        ((string?)invitation["Status"]).ShouldBe("REJECTED");
        ((string?)invitation["RejectionReason"]).ShouldBe("Customer problem unclear");
        Deal(pipeline, dealId).Property("aws_invitation_status").ShouldBe("Rejected");
        pipeline.Crm.PartnerCentral.Emulator.Requests.Count(r => r.Operation == "RejectEngagementInvitation").ShouldBe(1);
        // AWS's event of the rejection came back too, and changed nothing more.
        await Poll.UntilAsync(() => pipeline.Crm.PartnerCentral.EventRecorder.Events.Any(e => e.DetailType == SellingApiEvents.EngagementInvitationRejected),
            "the rejection's event", TimeSpan.FromSeconds(60));
        await pipeline.WaitUntilQueuesAreEmptyAsync();
        pipeline.Subscriber.Requests.Count(r => IsOutcome(r, OutcomeEventTypes.InvitationRejected, invitationId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_referral_expiring_within_two_days_gives_the_owner_a_task_and_its_expiry_marks_the_deal()
    {
        await using var pipeline = await StartAsync("invitation-expiry");
        var invitationId = await ReferralAsync(pipeline, new JsonObject
        {
            ["ExpirationDate"] = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        var dealId = (await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationReceived, invitationId)).GetProperty("dealId").GetInt64();

        var task = pipeline.Crm.HubSpot.State.TasksOnDeal(dealId).ShouldHaveSingleItem();
        task.Subject.ShouldStartWith("Answer the AWS referral");
        Deal(pipeline, dealId).Property("aws_invitation_reminded_at").ShouldNotBeNull();

        await ControlAsync(pipeline, $"invitations/{invitationId}/expire");
        var expired = await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationExpired, invitationId);

        expired.GetProperty("dealId").GetInt64().ShouldBe(dealId);
        Deal(pipeline, dealId).Property("aws_invitation_status").ShouldBe("Expired");
        pipeline.Crm.HubSpot.State.NotesOnDeal(dealId).ShouldContain(n => n.Body!.Contains("expired", StringComparison.Ordinal));
        pipeline.Crm.HubSpot.State.TasksOnDeal(dealId).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_referral_seen_by_its_event_and_by_polls_is_one_deal()
    {
        await using var pipeline = await StartAsync("invitation-event-and-poll", pollInterval: "00:00:01");
        var invitationId = await ReferralAsync(pipeline);

        await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationReceived, invitationId);
        // The event was delivered, and polls listed the pending referral at least three times since.
        pipeline.Crm.PartnerCentral.EventRecorder.Events.ShouldContain(e => e.DetailType == SellingApiEvents.EngagementInvitationCreated && e.InvitationId == invitationId);
        await Poll.UntilAsync(() => PolledPending(pipeline, invitationId) >= 3, "three polls listing the referral", TimeSpan.FromSeconds(120));
        await pipeline.WaitUntilQueuesAreEmptyAsync();

        pipeline.Crm.HubSpot.State.Requests.Count(r => r.Method == "POST" && r.Path == "/crm/v3/objects/deals").ShouldBe(1);
        // The event's report and the first poll's each read the deal; the later polls, finding the referral unchanged,
        // report nothing, so fewer reads than reports of every poll would make.
        var deals = pipeline.Crm.HubSpot.State.Requests.Count(r => r.Method == "GET" && r.Path == $"/crm/v3/objects/deals/{invitationId}");
        deals.ShouldBeGreaterThanOrEqualTo(2);
        deals.ShouldBeLessThan(1 + PolledPending(pipeline, invitationId));
        pipeline.Subscriber.Requests.Count(r => IsOutcome(r, OutcomeEventTypes.InvitationReceived, invitationId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_referral_accepted_in_Partner_Centrals_console_is_linked_on_its_deal()
    {
        await using var pipeline = await StartAsync("invitation-console");
        var invitationId = await ReferralAsync(pipeline);
        var dealId = (await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationReceived, invitationId)).GetProperty("dealId").GetInt64();

        await ControlAsync(pipeline, $"invitations/{invitationId}/accept");
        var accepted = await OutcomeAsync(pipeline, OutcomeEventTypes.InvitationAccepted, invitationId);

        var opportunityId = accepted.GetProperty("opportunityId").GetString();
        accepted.GetProperty("detail").GetString()!.ShouldStartWith("Accepted in Partner Central");
        Deal(pipeline, dealId).Property("aws_opportunity_id").ShouldBe(opportunityId);
        Deal(pipeline, dealId).Property("aws_invitation_status").ShouldBe("Accepted");
        pipeline.Crm.PartnerCentral.Emulator.Requests.Where(r => r.Operation == "StartEngagementByAcceptingInvitationTask").ShouldBeEmpty();
    }

    // How many ListEngagementInvitations answers for pending invitations listed the referral.
    static int PolledPending(RabbitMqPipeline pipeline, string invitationId) =>
        pipeline.Crm.PartnerCentral.Emulator.Requests.Count(r => r.Operation == "ListEngagementInvitations"
            && r.Json?["Status"]?.AsArray().Any(s => (string?)s == "PENDING") == true
            && r.Response?["EngagementInvitationSummaries"]?.AsArray().Any(i => (string?)i?["Id"] == invitationId) == true);
}
