using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulators.HubSpot;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// What co-selling needs of the HubSpot emulator, over HTTP on loopback: deals and companies created with associations,
/// the CRM search, tasks with owners, the properties API, the token's scopes, and the webhooks its writes cause.
/// </summary>
public sealed class HubSpotCoSellTests : IAsyncLifetime
{
    const string Token = "pat-na1-cosell-test";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    HubSpotEmulatorServer _server = null!;
    HttpClient _http = null!;

    HubSpotEmulatorState State => _server.State;

    public async ValueTask InitializeAsync() => await StartAsync(new HubSpotEmulatorState(Token));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    async Task StartAsync(HubSpotEmulatorState state)
    {
        state.SeedDemo();
        _server = await HubSpotEmulatorServer.StartAsync(state, cancellationToken: Ct);
        _http = new HttpClient { BaseAddress = new Uri(_server.ApiBaseUrl + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    async Task RestartAsync(HubSpotEmulatorState state)
    {
        await DisposeAsync();
        await StartAsync(state);
    }

    async Task<(HttpStatusCode Status, JsonNode? Json)> SendAsync(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    static JsonObject Association(long toId, int typeId) => new()
    {
        ["to"] = new JsonObject { ["id"] = toId.ToString(CultureInfo.InvariantCulture) },
        ["types"] = new JsonArray(new JsonObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = typeId }),
    };

    static JsonObject EqualsFilter(string property, string value) => new()
    {
        ["filterGroups"] = new JsonArray(new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject { ["propertyName"] = property, ["operator"] = "EQ", ["value"] = value }),
        }),
        ["properties"] = new JsonArray("name", "domain", "dealname", "aws_opportunity_id"),
    };

    async Task<long> CreateAsync(string type, JsonObject properties, params JsonObject[] associations)
    {
        var (status, json) = await SendAsync(HttpMethod.Post, $"/crm/v3/objects/{type}", new JsonObject
        {
            ["properties"] = properties,
            ["associations"] = new JsonArray(associations.Select(a => (JsonNode?)a).ToArray()),
        });
        status.ShouldBe(HttpStatusCode.Created, json?.ToJsonString());
        return long.Parse((string)json!["id"]!, CultureInfo.InvariantCulture);
    }

    static void ShouldBeHubSpotError(JsonNode? json, string category)
    {
        ((string?)json!["status"]).ShouldBe("error");
        ((string?)json["category"]).ShouldBe(category);
        ((string?)json["message"]).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_company_found_by_domain_gets_a_new_deal_as_its_primary_association()
    {
        var company = await CreateAsync("companies", new JsonObject { ["name"] = "AnyCompany", ["domain"] = "anycompany.example" });

        var (status, found) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/companies/search", EqualsFilter("domain", "AnyCompany.example"));
        var deal = await CreateAsync("deals", new JsonObject { ["dealname"] = "AnyCompany migration", ["dealstage"] = "appointmentscheduled" },
            Association(company, 5));

        status.ShouldBe(HttpStatusCode.OK);
        ((int)found!["total"]!).ShouldBe(1);
        ((string?)found["results"]![0]!["id"]).ShouldBe(company.ToString(CultureInfo.InvariantCulture));
        ((string?)found["results"]![0]!["properties"]!["domain"]).ShouldBe("anycompany.example");
        State.AssociationsOf("deals", deal, "companies").ShouldBe([(company, true)]);
        State.AssociationsOf("companies", company, "deals").ShouldBe([(deal, true)]);
        State.Objects("deals").Single(d => d.Id == deal).Properties["pipeline"].ShouldBe("default");
        var (_, labels) = await SendAsync(HttpMethod.Get, $"/crm/v4/objects/deals/{deal}/associations/companies");
        labels!["results"]![0]!["associationTypes"]!.AsArray().Select(t => (int)t!["typeId"]!).ShouldBe([5, 341], ignoreOrder: true);
    }

    [Fact]
    public async Task A_search_that_matches_nothing_answers_an_empty_page_and_a_bad_filter_is_refused()
    {
        var (status, none) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/companies/search", EqualsFilter("domain", "nobody.example"));
        var (refusedStatus, refused) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/companies/search", EqualsFilter("no_such_property", "x"));

        status.ShouldBe(HttpStatusCode.OK);
        ((int)none!["total"]!).ShouldBe(0);
        none["results"]!.AsArray().ShouldBeEmpty();
        refusedStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(refused, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Deals_are_found_by_an_aws_property_and_paged()
    {
        var first = await CreateAsync("deals", new JsonObject { ["dealname"] = "A", ["dealstage"] = "qualifiedtobuy", ["aws_opportunity_id"] = "O1234567" });
        await CreateAsync("deals", new JsonObject { ["dealname"] = "B", ["dealstage"] = "qualifiedtobuy", ["aws_opportunity_id"] = "O7654321" });
        var body = new JsonObject
        {
            ["filterGroups"] = new JsonArray(new JsonObject
            {
                ["filters"] = new JsonArray(new JsonObject { ["propertyName"] = "aws_opportunity_id", ["operator"] = "HAS_PROPERTY" }),
            }),
            ["sorts"] = new JsonArray(new JsonObject { ["propertyName"] = "dealname", ["direction"] = "ASCENDING" }),
            ["limit"] = 1,
        };

        var (_, byId) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/deals/search", EqualsFilter("aws_opportunity_id", "O1234567"));
        var (_, page1) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/deals/search", body);
        body["after"] = (string?)page1!["paging"]!["next"]!["after"];
        var (_, page2) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/deals/search", body.DeepClone());

        ((string?)byId!["results"]!.AsArray().Single()!["id"]).ShouldBe(first.ToString(CultureInfo.InvariantCulture));
        ((int)page1["total"]!).ShouldBe(2);
        ((string?)page1["results"]![0]!["properties"]!["dealname"]).ShouldBe("A");
        ((string?)page2!["results"]![0]!["properties"]!["dealname"]).ShouldBe("B");
        page2["paging"].ShouldBeNull();
    }

    [Fact]
    public async Task A_task_is_created_on_a_deal_for_its_owner_and_an_unknown_owner_is_refused()
    {
        var (ownersStatus, owners) = await SendAsync(HttpMethod.Get, "/crm/v3/owners?email=sam.owner@example.com");
        var owner = (string)owners!["results"]![0]!["id"]!;
        var task = await CreateAsync("tasks", new JsonObject
        {
            ["hs_task_subject"] = "AWS asks for more: review the opportunity",
            ["hs_task_body"] = "AWS set the review to Action Required.",
            ["hs_timestamp"] = "2026-12-02T09:00:00.000Z",
            ["hs_task_status"] = "NOT_STARTED",
            ["hubspot_owner_id"] = owner,
        }, Association(HubSpotEmulatorState.DemoAwsDealId, 216));
        var (unknownStatus, unknown) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/tasks", new JsonObject
        {
            ["properties"] = new JsonObject { ["hs_task_subject"] = "x", ["hs_timestamp"] = "2026-12-02T09:00:00.000Z", ["hubspot_owner_id"] = "999" },
        });
        var (untimedStatus, untimed) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/tasks", new JsonObject
        {
            ["properties"] = new JsonObject { ["hs_task_subject"] = "x" },
        });

        ownersStatus.ShouldBe(HttpStatusCode.OK);
        owner.ShouldBe(HubSpotEmulatorState.DemoOwnerId.ToString(CultureInfo.InvariantCulture));
        State.Deal(HubSpotEmulatorState.DemoAwsDealId)!.Property("hubspot_owner_id").ShouldBe(owner);
        var created = State.TasksOnDeal(HubSpotEmulatorState.DemoAwsDealId).ShouldHaveSingleItem();
        created.Id.ShouldBe(task);
        created.OwnerId.ShouldBe(owner);
        created.Subject.ShouldBe("AWS asks for more: review the opportunity");
        unknownStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(unknown, "VALIDATION_ERROR");
        unknown!.ToJsonString().ShouldContain("INVALID_OWNER_ID");
        untimedStatus.ShouldBe(HttpStatusCode.BadRequest);
        untimed!.ToJsonString().ShouldContain("hs_timestamp");
        State.Tasks.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_association_made_afterwards_in_v4_is_read_back_and_removed()
    {
        var company = await CreateAsync("companies", new JsonObject { ["name"] = "Later Corp", ["domain"] = "later.example" });
        var deal = await CreateAsync("deals", new JsonObject { ["dealname"] = "Later", ["dealstage"] = "qualifiedtobuy" });

        var (putStatus, put) = await SendAsync(HttpMethod.Put, $"/crm/v4/objects/deals/{deal}/associations/default/companies/{company}");
        var linked = State.AssociationsOf("deals", deal, "companies");
        var (deleteStatus, _) = await SendAsync(HttpMethod.Delete, $"/crm/v4/objects/deals/{deal}/associations/companies/{company}");
        var (missingStatus, missing) = await SendAsync(HttpMethod.Put, $"/crm/v4/objects/deals/{deal}/associations/default/companies/123");

        putStatus.ShouldBe(HttpStatusCode.OK);
        ((string?)put!["status"]).ShouldBe("COMPLETE");
        linked.ShouldBe([(company, false)]);
        deleteStatus.ShouldBe(HttpStatusCode.NoContent);
        State.AssociationsOf("deals", deal, "companies").ShouldBeEmpty();
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        ShouldBeHubSpotError(missing, "OBJECT_NOT_FOUND");
    }

    [Fact]
    public async Task Setup_on_a_fresh_portal_creates_the_group_and_a_property_with_options_once()
    {
        await RestartAsync(new HubSpotEmulatorState(Token, switchyardProperties: false));
        var group = new JsonObject { ["name"] = "aws_partner_central", ["label"] = "AWS Partner Central", ["displayOrder"] = 1 };
        var property = new JsonObject
        {
            ["name"] = "aws_review_status",
            ["label"] = "AWS review status",
            ["type"] = "enumeration",
            ["fieldType"] = "select",
            ["groupName"] = "aws_partner_central",
            ["options"] = new JsonArray(
                new JsonObject { ["label"] = "Submitted", ["value"] = "Submitted" },
                new JsonObject { ["label"] = "Approved", ["value"] = "Approved" }),
        };

        var (_, before) = await SendAsync(HttpMethod.Get, "/crm/v3/properties/deals");
        var (groupStatus, _) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals/groups", group);
        var (groupAgainStatus, groupAgain) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals/groups", group.DeepClone());
        var (createStatus, created) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals", property);
        var (againStatus, again) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals", property.DeepClone());
        var (readStatus, read) = await SendAsync(HttpMethod.Get, "/crm/v3/properties/deals/aws_review_status");
        var (_, groups) = await SendAsync(HttpMethod.Get, "/crm/v3/properties/deals/groups");

        before!["results"]!.AsArray().Select(p => (string?)p!["name"]).ShouldNotContain("aws_review_status");
        before["results"]!.AsArray().Single(p => (string?)p!["name"] == "dealstage")!["hubspotDefined"]!.GetValue<bool>().ShouldBeTrue();
        groupStatus.ShouldBe(HttpStatusCode.Created);
        groupAgainStatus.ShouldBe(HttpStatusCode.Conflict);
        ShouldBeHubSpotError(groupAgain, "OBJECT_ALREADY_EXISTS");
        createStatus.ShouldBe(HttpStatusCode.Created);
        ((string?)created!["groupName"]).ShouldBe("aws_partner_central");
        againStatus.ShouldBe(HttpStatusCode.Conflict);
        ShouldBeHubSpotError(again, "OBJECT_ALREADY_EXISTS");
        readStatus.ShouldBe(HttpStatusCode.OK);
        ((string?)read!["type"]).ShouldBe("enumeration");
        read["options"]!.AsArray().Select(o => (string?)o!["value"]).ShouldBe(["Submitted", "Approved"]);
        read["hubspotDefined"]!.GetValue<bool>().ShouldBeFalse();
        groups!["results"]!.AsArray().Select(g => (string?)g!["name"]).ShouldContain("aws_partner_central");
        State.Property("deals", "aws_review_status").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_property_created_through_the_api_can_be_written_and_searched()
    {
        var (status, _) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals", new JsonObject
        {
            ["name"] = "partner_referral_code",
            ["label"] = "Partner referral code",
            ["type"] = "string",
            ["fieldType"] = "text",
            ["groupName"] = HubSpotEmulatorState.SwitchyardPropertyGroup,
        });
        var deal = await CreateAsync("deals", new JsonObject { ["dealname"] = "Referral", ["dealstage"] = "appointmentscheduled", ["partner_referral_code"] = "R-0042" });

        var (_, found) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/deals/search", EqualsFilter("partner_referral_code", "R-0042"));

        status.ShouldBe(HttpStatusCode.Created);
        ((string?)found!["results"]!.AsArray().Single()!["id"]).ShouldBe(deal.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_unique_property_refuses_a_second_object_with_its_value_and_reads_the_first_by_it()
    {
        var first = await CreateAsync("deals", new JsonObject { ["dealname"] = "Referral #AWS", ["dealstage"] = "appointmentscheduled", ["aws_invitation_id"] = "engi-0123456789abc" });
        var other = await CreateAsync("deals", new JsonObject { ["dealname"] = "Other", ["dealstage"] = "appointmentscheduled" });
        State.TakeWebhooks();

        var (secondStatus, second) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/deals", new JsonObject
        {
            ["properties"] = new JsonObject { ["dealname"] = "Referral again #AWS", ["dealstage"] = "appointmentscheduled", ["aws_invitation_id"] = "engi-0123456789abc" },
        });
        var (patchStatus, _) = await SendAsync(HttpMethod.Patch, $"/crm/v3/objects/deals/{other}",
            new JsonObject { ["properties"] = new JsonObject { ["aws_invitation_id"] = "engi-0123456789abc" } });
        var (readStatus, read) = await SendAsync(HttpMethod.Get, "/crm/v3/objects/deals/engi-0123456789abc?idProperty=aws_invitation_id&properties=dealname");
        var (missingStatus, missing) = await SendAsync(HttpMethod.Get, "/crm/v3/objects/deals/engi-zzzzzzzzzzzzz?idProperty=aws_invitation_id");
        var (notUniqueStatus, notUnique) = await SendAsync(HttpMethod.Get, "/crm/v3/objects/deals/Referral?idProperty=dealname");
        var (_, definition) = await SendAsync(HttpMethod.Get, "/crm/v3/properties/deals/aws_invitation_id");

        secondStatus.ShouldBe(HttpStatusCode.Conflict);
        ShouldBeHubSpotError(second, "CONFLICT");
        ((string)second!["message"]!).ShouldContain($"Existing ID: {first}");
        patchStatus.ShouldBe(HttpStatusCode.Conflict);
        State.Deal(other)!.Property("aws_invitation_id").ShouldBeNull();
        readStatus.ShouldBe(HttpStatusCode.OK);
        ((string?)read!["id"]).ShouldBe(first.ToString(CultureInfo.InvariantCulture));
        ((string?)read["properties"]!["dealname"]).ShouldBe("Referral #AWS");
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        ShouldBeHubSpotError(missing, "OBJECT_NOT_FOUND");
        notUniqueStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(notUnique, "VALIDATION_ERROR");
        definition!["hasUniqueValue"]!.GetValue<bool>().ShouldBeTrue();
        // Nothing refused was written, so nothing was announced.
        State.TakeWebhooks().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_property_created_with_unique_values_stays_unique()
    {
        var (createStatus, created) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals", new JsonObject
        {
            ["name"] = "erp_order_number", ["label"] = "ERP order number", ["type"] = "string", ["fieldType"] = "text",
            ["groupName"] = "dealinformation", ["hasUniqueValue"] = true,
        });
        var (_, patched) = await SendAsync(HttpMethod.Patch, "/crm/v3/properties/deals/erp_order_number", new JsonObject { ["hasUniqueValue"] = false });
        await CreateAsync("deals", new JsonObject { ["dealname"] = "Initech", ["dealstage"] = "appointmentscheduled", ["erp_order_number"] = "C-1" });
        var (duplicateStatus, _) = await SendAsync(HttpMethod.Post, "/crm/v3/objects/deals", new JsonObject
        {
            ["properties"] = new JsonObject { ["dealname"] = "Initech again", ["dealstage"] = "appointmentscheduled", ["erp_order_number"] = "C-1" },
        });

        createStatus.ShouldBe(HttpStatusCode.Created);
        created!["hasUniqueValue"]!.GetValue<bool>().ShouldBeTrue();
        patched!["hasUniqueValue"]!.GetValue<bool>().ShouldBeTrue();
        duplicateStatus.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_property_definitions_are_refused_and_HubSpots_own_cannot_be_changed()
    {
        var (noGroupStatus, noGroup) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals", new JsonObject
        {
            ["name"] = "aws_x", ["label"] = "X", ["type"] = "string", ["fieldType"] = "text", ["groupName"] = "nope",
        });
        var (noOptionsStatus, _) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals", new JsonObject
        {
            ["name"] = "aws_y", ["label"] = "Y", ["type"] = "enumeration", ["fieldType"] = "select", ["groupName"] = "dealinformation",
        });
        var (ownStatus, own) = await SendAsync(HttpMethod.Patch, "/crm/v3/properties/deals/dealname", new JsonObject { ["label"] = "Name" });
        var (missingStatus, missing) = await SendAsync(HttpMethod.Get, "/crm/v3/properties/deals/aws_nothing");

        noGroupStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(noGroup, "VALIDATION_ERROR");
        ((string)noGroup!["message"]!).ShouldContain("groupName");
        noOptionsStatus.ShouldBe(HttpStatusCode.BadRequest);
        ownStatus.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(own, "READ_ONLY_VALUE");
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        ShouldBeHubSpotError(missing, "OBJECT_NOT_FOUND");
        State.Property("deals", "aws_x").ShouldBeNull();
        State.Property("deals", "aws_y").ShouldBeNull();
    }

    [Fact]
    public async Task The_tokens_information_lists_its_scopes_without_an_authorization_header()
    {
        State.Scopes = ["crm.objects.deals.read", "crm.objects.deals.write"];
        _http.DefaultRequestHeaders.Authorization = null;

        var (status, info) = await SendAsync(HttpMethod.Post, "/oauth/v2/private-apps/get/access-token-info", new JsonObject { ["tokenKey"] = Token });
        var (wrongStatus, wrong) = await SendAsync(HttpMethod.Post, "/oauth/v2/private-apps/get/access-token-info", new JsonObject { ["tokenKey"] = "pat-na1-other" });
        var (emptyStatus, _) = await SendAsync(HttpMethod.Post, "/oauth/v2/private-apps/get/access-token-info", new JsonObject());

        status.ShouldBe(HttpStatusCode.OK);
        ((long)info!["hubId"]!).ShouldBe(State.PortalId);
        ((long)info["appId"]!).ShouldBe(State.AppId);
        info["scopes"]!.AsArray().Select(s => (string?)s).ShouldBe(["crm.objects.deals.read", "crm.objects.deals.write"]);
        wrongStatus.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldBeHubSpotError(wrong, "INVALID_AUTHENTICATION");
        wrong!.ToJsonString().ShouldNotContain("pat-na1-other");
        emptyStatus.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_call_the_tokens_scopes_do_not_cover_is_HubSpots_403_naming_the_scope()
    {
        State.Scopes = ["crm.objects.deals.read"];

        var (readStatus, _) = await SendAsync(HttpMethod.Get, $"/crm/v3/objects/deals/{HubSpotEmulatorState.DemoAwsDealId}");
        var (writeStatus, write) = await SendAsync(HttpMethod.Patch, $"/crm/v3/objects/deals/{HubSpotEmulatorState.DemoAwsDealId}",
            new JsonObject { ["properties"] = new JsonObject { ["aws_review_status"] = "Approved" } });
        var (schemaStatus, schema) = await SendAsync(HttpMethod.Post, "/crm/v3/properties/deals/groups", new JsonObject { ["name"] = "g", ["label"] = "G" });

        readStatus.ShouldBe(HttpStatusCode.OK);
        writeStatus.ShouldBe(HttpStatusCode.Forbidden);
        ShouldBeHubSpotError(write, "MISSING_SCOPES");
        write!["errors"]![0]!["context"]!["requiredGranularScopes"]![0]!.GetValue<string>().ShouldBe("crm.objects.deals.write");
        schemaStatus.ShouldBe(HttpStatusCode.Forbidden);
        schema!["errors"]![0]!["context"]!["requiredGranularScopes"]![0]!.GetValue<string>().ShouldBe("crm.schemas.deals.write");
        State.Deal(HubSpotEmulatorState.DemoAwsDealId)!.Properties.GetValueOrDefault("aws_review_status").ShouldBeNull();
    }

    [Fact]
    public async Task The_apps_writes_record_webhooks_as_integration_changes_and_a_users_edits_as_CRM_UI()
    {
        State.TakeWebhooks();
        await SendAsync(HttpMethod.Patch, $"/crm/v3/objects/deals/{HubSpotEmulatorState.DemoAwsDealId}", new JsonObject
        {
            ["properties"] = new JsonObject { ["aws_review_status"] = "Submitted", ["dealname"] = State.Deal(HubSpotEmulatorState.DemoAwsDealId)!.Properties["dealname"] },
        });
        var byApp = State.TakeWebhooks();
        State.Edit("deals", HubSpotEmulatorState.DemoAwsDealId, new Dictionary<string, string> { ["dealstage"] = "closedwon" });
        var byUser = State.TakeWebhooks();

        // An unchanged value causes no event.
        var change = byApp.ShouldHaveSingleItem();
        change.SubscriptionType.ShouldBe("deal.propertyChange");
        change.ObjectId.ShouldBe(HubSpotEmulatorState.DemoAwsDealId);
        change.PropertyName.ShouldBe("aws_review_status");
        change.PropertyValue.ShouldBe("Submitted");
        change.ChangeSource.ShouldBe("INTEGRATION");
        change.SourceId.ShouldBe(State.AppId.ToString(CultureInfo.InvariantCulture));
        var json = change.ToJson();
        ((long)json["portalId"]!).ShouldBe(State.PortalId);
        ((string?)json["changeSource"]).ShouldBe("INTEGRATION");
        var edit = byUser.ShouldHaveSingleItem();
        edit.ChangeSource.ShouldBe("CRM_UI");
        edit.SourceId.ShouldBe($"userId:{State.UserId}");
        edit.PropertyName.ShouldBe("dealstage");
    }

    [Fact]
    public async Task A_created_task_records_the_generic_creation_webhook()
    {
        State.TakeWebhooks();

        await CreateAsync("tasks", new JsonObject { ["hs_task_subject"] = "Follow up", ["hs_timestamp"] = "2026-12-02T09:00:00.000Z" },
            Association(HubSpotEmulatorState.DemoAwsDealId, 216));

        var created = State.TakeWebhooks().ShouldHaveSingleItem();
        created.SubscriptionType.ShouldBe("object.creation");
        created.ObjectTypeId.ShouldBe("0-27");
        created.ChangeFlag.ShouldBe("CREATED");
        created.ChangeSource.ShouldBe("INTEGRATION");
    }

    [Fact]
    public async Task The_sender_posts_signed_batches_of_at_most_a_hundred_events()
    {
        var events = Enumerable.Range(0, 150).Select(i => new HubSpotWebhookEvent(i + 1, 2002, State.PortalId, State.AppId,
            DateTimeOffset.UnixEpoch.AddDays(20_000), "deal.propertyChange", 4242, "CRM_UI", "userId:1") { PropertyName = "dealname", PropertyValue = $"v{i}" }).ToList();
        var received = new List<(string Body, string Signature, string Timestamp)>();
        await using var receiver = await Receiver.StartAsync(received, Ct);
        using var http = new HttpClient();
        var target = new Uri(receiver.Address, "webhooks/hubspot");

        var statuses = await HubSpotWebhookSender.SendAsync(http, target, events, "client-secret", cancellationToken: Ct);

        statuses.ShouldBe([200, 200]);
        received.Select(r => JsonNode.Parse(r.Body)!.AsArray().Count).ShouldBe([100, 50]);
        foreach (var (body, signature, timestamp) in received)
        {
            // HubSpot's v3 signature: base64 HMAC-SHA256 over method, URI, body and timestamp, keyed by the client secret.
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("client-secret"),
                Encoding.UTF8.GetBytes($"POST{target.AbsoluteUri}{body}{timestamp}")));
            signature.ShouldBe(expected);
        }
    }

    [Fact]
    public async Task The_feed_sends_every_recorded_webhook_to_the_target_signed_as_it_happens_the_apps_own_writes_included()
    {
        var received = new List<(string Body, string Signature, string Timestamp)>();
        await using var receiver = await Receiver.StartAsync(received, Ct);
        var target = new Uri(receiver.Address, "webhooks/hubspot");
        await using var feed = HubSpotWebhookFeed.Start(State, target, "client-secret");

        await SendAsync(HttpMethod.Patch, $"/crm/v3/objects/deals/{HubSpotEmulatorState.DemoAwsDealId}", new JsonObject
        {
            ["properties"] = new JsonObject { ["aws_review_status"] = "Submitted" },
        });
        await Poll.UntilAsync(() => feed.Delivered.Count == 1, "the app's write to be sent");
        State.Edit("deals", HubSpotEmulatorState.DemoAwsDealId, new Dictionary<string, string> { ["amount"] = "250000" });
        await Poll.UntilAsync(() => feed.Delivered.Count == 2, "the user's edit to be sent");

        feed.Deliveries.ShouldAllBe(d => d.StatusCode == 200);
        feed.Delivered.Select(e => (e.PropertyName, e.ChangeSource)).ShouldBe([("aws_review_status", "INTEGRATION"), ("amount", "CRM_UI")]);
        List<(string Body, string Signature, string Timestamp)> posts;
        lock (received)
            posts = [.. received];
        posts.Select(p => (string?)JsonNode.Parse(p.Body)![0]!["propertyName"]).ShouldBe(["aws_review_status", "amount"]);
        foreach (var (body, signature, timestamp) in posts)
        {
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("client-secret"),
                Encoding.UTF8.GetBytes($"POST{target.AbsoluteUri}{body}{timestamp}")));
            signature.ShouldBe(expected);
        }

        State.TakeWebhooks().ShouldBeEmpty();
    }

    /// <summary>A loopback listener that records what is POSTed to it and answers 200.</summary>
    sealed class Receiver(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public static async Task<Receiver> StartAsync(List<(string Body, string Signature, string Timestamp)> received, CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapPost("/webhooks/hubspot", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                lock (received)
                    received.Add((body, context.Request.Headers["X-HubSpot-Signature-v3"].ToString(), context.Request.Headers["X-HubSpot-Request-Timestamp"].ToString()));
                return Results.Ok();
            });
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>()
                .Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Receiver(app, new Uri(address + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
