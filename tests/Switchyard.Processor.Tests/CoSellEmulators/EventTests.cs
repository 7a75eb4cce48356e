using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.PartnerCentral.Model;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// The emulator's EventBridge events: their exact JSON as AWS's documentation shows it, the share a test drops, and
/// polling with ListOpportunities finding every change the events missed.
/// </summary>
public sealed class EventTests
{
    static IReadOnlyList<string> Keys(JsonObject json) => json.Select(m => m.Key).ToList();

    [Fact]
    public async Task Opportunity_events_have_exactly_the_documented_shape()
    {
        await using var api = await CoSellApi.StartAsync();
        var id = await api.CreateAsync(associate: false);

        var created = api.EventsOf(SellingApiEvents.OpportunityCreated).Single();
        var json = created.Parse();

        // docs.aws.amazon.com/partner-central/latest/selling-api/selling-api-events.html, "Opportunity Created".
        Keys(json).ShouldBe(["version", "id", "source", "detail-type", "time", "region", "account", "detail"]);
        ((string?)json["version"]).ShouldBe("1");
        Guid.TryParse((string?)json["id"], out var eventId).ShouldBeTrue();
        eventId.ShouldBe(created.Id);
        ((string?)json["source"]).ShouldBe("aws.partnercentral-selling");
        ((string?)json["detail-type"]).ShouldBe("Opportunity Created");
        ((string)json["time"]!).ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        ((string?)json["region"]).ShouldBe("us-east-1");
        ((string?)json["account"]).ShouldBe("123456789012");
        json["detail"]!.ToJsonString().ShouldBe($$$"""{"schemaVersion":"1","catalog":"AWS","opportunity":{"identifier":"{{{id}}}"}}""");
    }

    [Fact]
    public async Task Invitation_events_have_exactly_the_documented_shape()
    {
        await using var api = await CoSellApi.StartAsync();
        var (_, invitation) = await api.ControlAsync("invitations");
        var id = (string)invitation["Id"]!;
        await api.CallAsync("RejectEngagementInvitation", new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = id, ["RejectionReason"] = "Other" });

        var created = api.EventsOf(SellingApiEvents.EngagementInvitationCreated).Single().Parse();
        var rejected = api.EventsOf(SellingApiEvents.EngagementInvitationRejected).Single().Parse();
        var arn = $"arn:aws:partnercentral:us-east-1::catalog/AWS/engagement-invitation/{id}";
        var expiration = DateTimeOffset.Parse((string)invitation["ExpirationDate"]!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        // The same page, "Engagement Invitation Created" and "... Rejected".
        Keys(created).ShouldBe(["version", "id", "source", "detail-type", "time", "region", "account", "resources", "detail"]);
        ((string?)created["version"]).ShouldBe("0");
        created["resources"]!.ToJsonString().ShouldBe($"""["{arn}"]""");
        ((string?)invitation["Arn"]).ShouldBe(arn);
        created["detail"]!.ToJsonString().ShouldBe(
            $$$"""{"catalog":"AWS","engagementInvitation":{"arn":"{{{arn}}}","id":"{{{id}}}","engagementId":"{{{invitation["EngagementId"]}}}","senderAccountId":"aws","receiverAccountId":"123456789012","senderCompanyName":"AWS","expirationDate":"{{{expiration}}}","participantType":"Receiver","payloadType":"OpportunityInvitation"}}""");
        rejected["detail"]!.ToJsonString().ShouldBe(
            $$$"""{"catalog":"AWS","engagementInvitation":{"arn":"{{{arn}}}","id":"{{{id}}}","engagementId":"{{{invitation["EngagementId"]}}}","senderAccountId":"aws","receiverAccountId":"123456789012","participantType":"Receiver","payloadType":"OpportunityInvitation"}}""");
    }

    [Fact]
    public async Task A_sink_receives_every_event_not_dropped_in_order_and_dropping_is_every_nth()
    {
        await using var api = await CoSellApi.StartAsync(options => options.Events.DropEveryNth = 3);
        for (var i = 0; i < 4; i++)
            await api.CreateAsync(CoSellApi.Submittable($"drop-{i}"));

        var produced = api.Emulator.Events;
        await Poll.UntilAsync(() => api.Server.EventRecorder.Events.Count == produced.Count(e => !e.Dropped), "the sink to receive every event not dropped");

        // Creating and associating make two events each: eight, of which the 3rd and 6th are dropped.
        produced.Count.ShouldBe(8);
        produced.Select((e, i) => (e.Dropped, i)).Where(p => p.Dropped).Select(p => p.i + 1).ShouldBe([3, 6]);
        api.Server.EventRecorder.Events.Select(e => e.Id).ShouldBe(produced.Where(e => !e.Dropped).Select(e => e.Id));
        api.Server.EventRecorder.Events.ShouldAllBe(e => !e.Dropped);
    }

    [Fact]
    public async Task Polling_ListOpportunities_after_a_checkpoint_finds_the_changes_whose_events_were_dropped()
    {
        await using var api = await CoSellApi.StartAsync();
        var unchanged = await api.CreateAsync(CoSellApi.Submittable("unchanged"));
        var reviewed = await api.CreateAsync(CoSellApi.Submittable("reviewed"));
        var summarised = await api.CreateAsync(CoSellApi.Submittable("summarised"));
        await api.SubmittedAsync(reviewed);
        await api.SubmittedAsync(summarised);
        var checkpoint = (string)(await api.GetAsync(summarised))["LastModifiedDate"]!;

        api.Emulator.DropNextEvents(2);
        await api.ControlAsync($"opportunities/{reviewed}/review", new JsonObject { ["ReviewStatus"] = "Action Required", ["ReviewComments"] = "Add the website." });
        await api.ControlAsync($"opportunities/{summarised}/summary", JsonNode.Parse("""{"Insights": {"EngagementScore": "Medium"}}"""));
        var changed = await api.CallAsync("ListOpportunities", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["LastModifiedDate"] = new JsonObject { ["AfterLastModifiedDate"] = checkpoint },
            ["Sort"] = new JsonObject { ["SortBy"] = "LastModifiedDate", ["SortOrder"] = "ASCENDING" },
        });

        api.Emulator.Events.TakeLast(2).ShouldAllBe(e => e.Dropped && e.DetailType == SellingApiEvents.OpportunityUpdated);
        var summaries = changed["OpportunitySummaries"]!.AsArray();
        // On or after the checkpoint: the opportunity the checkpoint was read from, then the two changed since.
        // On or after the checkpoint, oldest change first: neither change's event arrived, polling finds both.
        summaries.Select(s => (string?)s!["Id"]).ShouldBe([reviewed, summarised]);
        summaries.Select(s => (string?)s!["Id"]).ShouldNotContain(unchanged);
        ((string?)summaries.Single(s => (string?)s!["Id"] == reviewed)!["LifeCycle"]!["ReviewStatus"]).ShouldBe("Action Required");
        ((string?)summaries.Single(s => (string?)s!["Id"] == reviewed)!["LifeCycle"]!["ReviewComments"]).ShouldBe("Add the website.");
    }

    [Fact]
    public async Task ListOpportunities_filters_sorts_and_pages()
    {
        await using var api = await CoSellApi.StartAsync();
        var ids = new List<string>();
        foreach (var company in new[] { "Charlie Ltd", "Alpha Inc", "Bravo GmbH" })
            ids.Add(await api.CreateAsync(CoSellApi.Submittable($"list-{company}", company), associate: false));
        var prospect = CoSellApi.Submittable("list-prospect", "Delta SA");
        prospect["LifeCycle"]!["Stage"] = "Prospect";
        await api.CreateAsync(prospect, associate: false);

        var byName = await api.CallAsync("ListOpportunities", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["MaxResults"] = 2,
            ["LifeCycleStage"] = new JsonArray("Qualified"),
            ["Sort"] = new JsonObject { ["SortBy"] = "CustomerCompanyName", ["SortOrder"] = "ASCENDING" },
        });
        var rest = await api.CallAsync("ListOpportunities", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["MaxResults"] = 2,
            ["LifeCycleStage"] = new JsonArray("Qualified"),
            ["Sort"] = new JsonObject { ["SortBy"] = "CustomerCompanyName", ["SortOrder"] = "ASCENDING" },
            ["NextToken"] = (string?)byName["NextToken"],
        });
        var newestFirst = await api.CallAsync("ListOpportunities", new JsonObject { ["Catalog"] = "AWS" });
        var byCompany = await api.CallAsync("ListOpportunities", new JsonObject { ["Catalog"] = "AWS", ["CustomerCompanyName"] = new JsonArray("alpha inc") });
        var sandbox = await api.CallAsync("ListOpportunities", new JsonObject { ["Catalog"] = "Sandbox" });
        var (wrongStatus, wrong) = await api.SendAsync("ListOpportunities", """{"Catalog":"AWS","MaxResults":101}""");

        byName["OpportunitySummaries"]!.AsArray().Concat(rest["OpportunitySummaries"]!.AsArray())
            .Select(o => (string?)o!["Customer"]!["Account"]!["CompanyName"]).ShouldBe(["Alpha Inc", "Bravo GmbH", "Charlie Ltd"]);
        rest["NextToken"].ShouldBeNull();
        newestFirst["OpportunitySummaries"]!.AsArray().Count.ShouldBe(4);
        ((string?)newestFirst["OpportunitySummaries"]![0]!["Customer"]!["Account"]!["CompanyName"]).ShouldBe("Delta SA");
        ((string?)byCompany["OpportunitySummaries"]!.AsArray().Single()!["Id"]).ShouldBe(ids[1]);
        sandbox["OpportunitySummaries"]!.AsArray().ShouldBeEmpty();
        wrongStatus.ShouldBe(400);
        ((string?)wrong["ErrorList"]![0]!["FieldName"]).ShouldBe("MaxResults");
        var summary = byName["OpportunitySummaries"]![0]!.AsObject();
        Keys(summary).ShouldBe(["Catalog", "Id", "Arn", "PartnerOpportunityIdentifier", "OpportunityType", "LastModifiedDate", "CreatedDate", "LifeCycle", "Customer", "Project"]);
        summary["Customer"]!["Contacts"].ShouldBeNull("OpportunitySummary's customer holds the account only");
    }

    [Fact]
    public void The_co_sell_settings_are_checked_at_start_up()
    {
        var validator = new Switchyard.Emulators.PartnerCentral.PartnerCentralCoSellOptionsValidator();
        var options = new Switchyard.Emulators.PartnerCentral.PartnerCentralEmulatorOptions
        {
            TaskDelay = TimeSpan.FromHours(2),
            InvitationLifetime = TimeSpan.Zero,
            PartnerCompanyName = "",
        };
        options.Events.DropEveryNth = -1;
        options.Events.Queue = "events queue";

        var result = validator.Validate(null, options);

        result.Failures!.ShouldBe([
            "Emulators:PartnerCentral:TaskDelay is 02:00:00; it must be between 00:00:00 and 01:00:00.",
            "Emulators:PartnerCentral:InvitationLifetime is 00:00:00; it must be more than 00:00:00 and at most 365.00:00:00.",
            "Emulators:PartnerCentral:PartnerCompanyName must be 1 to 120 characters.",
            "Emulators:PartnerCentral:Events:DropEveryNth is -1; use 0 to drop none, or N to drop every Nth event.",
            "Emulators:PartnerCentral:Events:Queue 'events queue' is not a queue name: use letters, digits, '-', '_' and '.'.",
        ]);
        validator.Validate(null, new Switchyard.Emulators.PartnerCentral.PartnerCentralEmulatorOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Every_opportunity_and_invitation_event_carries_what_the_processors_change_messages_need()
    {
        await using var api = await CoSellApi.StartAsync();
        var opportunity = await api.CreateAsync();
        await api.SubmittedAsync(opportunity);
        (await api.ControlAsync($"opportunities/{opportunity}/review", new JsonObject { ["ReviewStatus"] = "Approved" })).Status.ShouldBe(200);
        var (_, referral) = await api.ControlAsync("invitations");
        var (acceptStatus, acceptance) = await api.ControlAsync($"invitations/{(string)referral["Id"]!}/accept");
        acceptStatus.ShouldBe(200);
        var (_, expiring) = await api.ControlAsync("invitations");
        (await api.ControlAsync($"invitations/{(string)expiring["Id"]!}/expire")).Status.ShouldBe(200);

        // What the processor's reader takes from a raw event: only members the documentation shows.
        var opportunities = new List<PartnerCentralOpportunityChanged>();
        var invitations = new List<PartnerCentralInvitationChanged>();
        foreach (var selling in api.Emulator.Events)
        {
            var json = selling.Parse();
            var detail = json["detail"]!;
            var occurredAt = DateTimeOffset.Parse((string)json["time"]!, CultureInfo.InvariantCulture);
            if (detail["opportunity"] is { } changed)
                opportunities.Add(new PartnerCentralOpportunityChanged
                {
                    Catalog = (string)detail["catalog"]!, OpportunityId = (string)changed["identifier"]!, Change = (string)json["detail-type"]!,
                    Source = PartnerCentralChangeSources.EventBridge, EventId = (string?)json["id"], OccurredAt = occurredAt,
                });
            else if (detail["engagementInvitation"] is { } invitation)
                invitations.Add(new PartnerCentralInvitationChanged
                {
                    Catalog = (string)detail["catalog"]!, InvitationId = (string)invitation["id"]!, Change = (string)json["detail-type"]!,
                    Source = PartnerCentralChangeSources.EventBridge, EventId = (string?)json["id"], OccurredAt = occurredAt,
                });
        }

        // The partner's opportunity, submitted and approved, and the one accepting the referral created.
        var accepted = (string)acceptance["OpportunityId"]!;
        opportunities.Select(o => o.OpportunityId).Distinct().ShouldBe([opportunity, accepted], ignoreOrder: true);
        opportunities.Select(o => o.Change).Distinct().ShouldBe([SellingApiEvents.OpportunityCreated, SellingApiEvents.OpportunityUpdated], ignoreOrder: true);
        opportunities.Count(o => o.OpportunityId == opportunity && o.Change == SellingApiEvents.OpportunityUpdated).ShouldBeGreaterThanOrEqualTo(2);
        invitations.Where(i => i.InvitationId == (string)referral["Id"]!).Select(i => i.Change)
            .ShouldBe([SellingApiEvents.EngagementInvitationCreated, SellingApiEvents.EngagementInvitationAccepted]);
        invitations.Where(i => i.InvitationId == (string)expiring["Id"]!).Select(i => i.Change)
            .ShouldBe([SellingApiEvents.EngagementInvitationCreated, SellingApiEvents.EngagementInvitationExpired]);
        opportunities.ShouldAllBe(o => o.Catalog == "AWS" && o.EventId != null && o.OccurredAt > DateTimeOffset.UnixEpoch);
        invitations.ShouldAllBe(i => i.Catalog == "AWS" && i.EventId != null && i.OccurredAt > DateTimeOffset.UnixEpoch);
    }
}
