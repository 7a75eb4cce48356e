using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Emulators.HubSpot;

namespace Switchyard.Processor.Tests.HubSpot;

/// <summary>The emulator's wire format, read as raw HTTP and JSON, independently of the client.</summary>
public class HubSpotEmulatorTests
{
    const string Token = "pat-na1-emulator-test";

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    sealed class Wire(HubSpotEmulatorServer server, HttpClient http) : IAsyncDisposable
    {
        public HubSpotEmulatorServer Server { get; } = server;

        public HttpClient Http { get; } = http;

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Server.DisposeAsync();
        }
    }

    static async Task<Wire> StartAsync(string? token = Token)
    {
        var state = new HubSpotEmulatorState(Token);
        state.SeedDemo();
        var server = await HubSpotEmulatorServer.StartAsync(state, cancellationToken: Ct);
        var http = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl + "/") };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Wire(server, http);
    }

    static async Task<(HttpStatusCode Status, JsonElement Json, HttpResponseMessage Response)> SendAsync(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    static void ShouldBeHubSpotError(JsonElement json, string category)
    {
        json.GetProperty("status").GetString().ShouldBe("error");
        json.GetProperty("category").GetString().ShouldBe(category);
        json.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        Guid.TryParse(json.GetProperty("correlationId").GetString(), out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pat-na1-wrong")]
    public async Task A_request_without_the_right_token_gets_HubSpots_401(string? token)
    {
        await using var wire = await StartAsync(token);
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Get, "/crm/v3/objects/deals/4242");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        ShouldBeHubSpotError(json, "INVALID_AUTHENTICATION");
        server.State.Requests.ShouldHaveSingleItem().Authorized.ShouldBeFalse();
    }

    [Fact]
    public async Task A_missing_object_is_HubSpots_404_naming_the_id()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Get, "/crm/v3/objects/companies/999");

        status.ShouldBe(HttpStatusCode.NotFound);
        ShouldBeHubSpotError(json, "OBJECT_NOT_FOUND");
        json.GetProperty("context").GetProperty("id")[0].GetString().ShouldBe("999");
    }

    [Fact]
    public async Task A_deal_answers_its_asked_properties_and_lists_its_primary_company_under_both_types()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Get,
            "/crm/v3/objects/deals/4242?properties=dealname,aws_use_case,no_such_property&associations=companies,contacts");

        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("id").GetString().ShouldBe("4242");
        json.GetProperty("archived").GetBoolean().ShouldBeFalse();
        DateTimeOffset.Parse(json.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture);
        var properties = json.GetProperty("properties");
        properties.GetProperty("dealname").GetString().ShouldBe("Acme cloud migration #AWS");
        properties.GetProperty("aws_use_case").ValueKind.ShouldBe(JsonValueKind.Null);
        properties.TryGetProperty("no_such_property", out _).ShouldBeFalse();
        properties.GetProperty("hs_object_id").GetString().ShouldBe("4242");
        properties.TryGetProperty("amount", out _).ShouldBeFalse();

        var companies = json.GetProperty("associations").GetProperty("companies").GetProperty("results").EnumerateArray()
            .Select(a => (a.GetProperty("id").GetString(), a.GetProperty("type").GetString())).ToList();
        companies.ShouldBe([("31", "deal_to_company"), ("31", "deal_to_company_unlabeled")]);
        json.GetProperty("associations").GetProperty("contacts").GetProperty("results").EnumerateArray()
            .Select(a => a.GetProperty("type").GetString()).Distinct().ShouldBe(["deal_to_contact"]);
    }

    [Fact]
    public async Task A_batch_read_with_missing_ids_answers_207_with_the_found_ones_and_names_the_others()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Post, "/crm/v3/objects/contacts/batch/read",
            """{"properties":["email"],"inputs":[{"id":"502"},{"id":"999"},{"id":"501"}]}""");

        status.ShouldBe((HttpStatusCode)207);
        json.GetProperty("status").GetString().ShouldBe("COMPLETE");
        json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldBe(["501", "502"]);
        json.GetProperty("numErrors").GetInt32().ShouldBe(1);
        var error = json.GetProperty("errors")[0];
        error.GetProperty("category").GetString().ShouldBe("OBJECT_NOT_FOUND");
        error.GetProperty("message").GetString().ShouldStartWith("Could not get some CONTACT objects");
        error.GetProperty("context").GetProperty("ids")[0].GetString().ShouldBe("999");
    }

    [Fact]
    public async Task A_batch_read_that_finds_everything_answers_200()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Post, "/crm/v3/objects/contacts/batch/read", """{"inputs":[{"id":"501"}]}""");

        status.ShouldBe(HttpStatusCode.OK);
        json.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task V4_associations_carry_numeric_ids_and_HubSpot_defined_types()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Get, "/crm/v4/objects/companies/31/associations/deals");

        status.ShouldBe(HttpStatusCode.OK);
        var first = json.GetProperty("results")[0];
        first.GetProperty("toObjectId").GetInt64().ShouldBe(4242);
        first.GetProperty("associationTypes").EnumerateArray().Select(t => t.GetProperty("typeId").GetInt32()).ShouldBe([6, 342]);
        first.GetProperty("associationTypes")[0].GetProperty("category").GetString().ShouldBe("HUBSPOT_DEFINED");
        json.TryGetProperty("paging", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_patch_of_an_undefined_property_is_HubSpots_validation_error_and_changes_nothing()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Patch, "/crm/v3/objects/deals/4242",
            """{"properties":{"dealstage":"closedwon","favourite_colour":"blue"}}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(json, "VALIDATION_ERROR");
        json.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("Property \\\"favourite_colour\\\" does not exist");
        server.State.Deal(4242).ShouldNotBeNull().Property("dealstage").ShouldBe("qualifiedtobuy");
    }

    [Fact]
    public async Task A_note_without_hs_timestamp_is_refused()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);

        var (status, json, _) = await SendAsync(http, HttpMethod.Post, "/crm/v3/objects/notes", """{"properties":{"hs_note_body":"x"}}""");

        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldBeHubSpotError(json, "VALIDATION_ERROR");
        server.State.Notes.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Queued_faults_answer_one_request_each_then_requests_are_served_again()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);
        server.State.RateLimitNext(2, TimeSpan.FromSeconds(2.5));

        var first = await SendAsync(http, HttpMethod.Get, "/crm/v3/objects/deals/4242");
        var second = await SendAsync(http, HttpMethod.Get, "/crm/v3/objects/deals/4242");
        var third = await SendAsync(http, HttpMethod.Get, "/crm/v3/objects/deals/4242");

        first.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        ShouldBeHubSpotError(first.Json, "RATE_LIMITS");
        first.Response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(3));
        first.Response.Headers.GetValues("X-HubSpot-RateLimit-Remaining").ShouldBe(["0"]);
        second.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_held_request_is_served_once_released()
    {
        await using var wire = await StartAsync();
        var (server, http) = (wire.Server, wire.Http);
        using var hold = server.State.HoldNext();

        var answer = SendAsync(http, HttpMethod.Get, "/crm/v3/objects/deals/4242");
        await hold.Arrived.WaitAsync(Ct);
        answer.IsCompleted.ShouldBeFalse();
        hold.Release();

        (await answer).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void The_demo_has_an_AWS_deal_in_scope_and_a_deal_of_the_same_customer_out_of_it()
    {
        var state = new HubSpotEmulatorState();
        state.SeedDemo();

        var deal = state.Deal(4242).ShouldNotBeNull();
        deal.Property("dealname").ShouldBe("Acme cloud migration #AWS");
        deal.Property("dealstage").ShouldBe("qualifiedtobuy");
        deal.Property("amount").ShouldBe("120000");
        deal.Property("deal_currency_code").ShouldBe("USD");
        deal.Property("dealtype").ShouldBe("newbusiness");
        deal.Property("description").ShouldNotBeNull().Length.ShouldBeGreaterThanOrEqualTo(20);
        DateTimeOffset.Parse(deal.Property("closedate")!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        var company = state.Company(31).ShouldNotBeNull();
        company.Property("name").ShouldBe("Acme Corp");
        company.Property("domain").ShouldBe("acme.com");
        company.Property("industry").ShouldBe("COMPUTER_SOFTWARE");
        company.Property("country").ShouldBe("United States");
        company.Property("city").ShouldNotBeNullOrEmpty();
        company.Property("state").ShouldNotBeNullOrEmpty();
        company.Property("zip").ShouldNotBeNullOrEmpty();
        state.Contact(501).ShouldNotBeNull();
        state.Contact(502).ShouldNotBeNull();

        state.Deal(4243).ShouldNotBeNull().Property("dealname").ShouldNotBeNull().ShouldNotContain("#AWS");
    }

    [Fact]
    public async Task The_module_serves_the_demo_under_emulators_hubspot_with_the_configured_token()
    {
        var module = new HubSpotEmulatorModule();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Emulators:HubSpot:AccessToken"] = "pat-local-configured" });
        module.AddServices(builder);
        await using var app = builder.Build();
        module.MapEndpoints(app);
        await app.StartAsync(Ct);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pat-local-configured");

        var (status, json, _) = await SendAsync(http, HttpMethod.Get, "/emulators/hubspot/crm/v3/objects/deals/4242?properties=dealname");

        status.ShouldBe(HttpStatusCode.OK);
        json.GetProperty("properties").GetProperty("dealname").GetString().ShouldBe("Acme cloud migration #AWS");
        module.DescribeEndpoints(address).ShouldHaveSingleItem().ShouldNotBeNull().ShouldContain(new Uri(address, "/emulators/hubspot").ToString());
        await app.StopAsync(Ct);
    }
}
