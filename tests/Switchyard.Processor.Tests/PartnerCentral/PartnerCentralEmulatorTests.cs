using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Hosting;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>The emulator's protocol answers and rules, driven with requests signed by the client's signer.</summary>
public sealed class PartnerCentralEmulatorTests : IAsyncLifetime
{
    PartnerCentralEmulatorHost _host = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await PartnerCentralEmulatorHost.StartAsync("/");

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(string operation, string body)
    {
        var signer = _host.CreateClient().Services.GetRequiredService<PartnerCentralRequestSigner>();
        using var request = await signer.CreateSignedRequestAsync(operation, Encoding.UTF8.GetBytes(body), Cancel);
        using var http = new HttpClient();
        var response = await http.SendAsync(request, Cancel);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject();
        return ((int)response.StatusCode, json, response);
    }

    [Fact]
    public async Task The_emulator_serves_at_the_root_when_given_no_prefix()
    {
        var (status, body, response) = await SendAsync("ListSolutions", "{\"Catalog\":\"AWS\"}");

        status.ShouldBe(200);
        body["SolutionSummaries"]!.AsArray().ShouldBeEmpty();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/x-amz-json-1.0");
        response.Headers.Contains("x-amzn-RequestId").ShouldBeTrue();
        _host.ServiceUrl.AbsolutePath.ShouldBe("/");
    }

    [Fact]
    public async Task An_operation_the_service_does_not_have_is_an_unknown_operation()
    {
        var (status, body, _) = await SendAsync("DeleteEverything", "{}");

        status.ShouldBe(400);
        ((string?)body["__type"]).ShouldBe("com.amazon.coral.service#UnknownOperationException");
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_a_serialization_error()
    {
        var (status, body, _) = await SendAsync("GetOpportunity", "{\"Catalog\":");

        status.ShouldBe(400);
        ((string?)body["__type"]).ShouldBe("com.amazon.coral.service#SerializationException");
    }

    [Fact]
    public async Task A_member_of_the_wrong_JSON_type_is_a_serialization_error()
    {
        var (status, body, _) = await SendAsync("GetOpportunity", "{\"Catalog\":\"AWS\",\"Identifier\":42}");

        status.ShouldBe(400);
        ((string?)body["__type"]).ShouldBe("com.amazon.coral.service#SerializationException");
        ((string?)body["message"]).ShouldBe("Expected a string at 'Identifier'.");
    }

    [Fact]
    public async Task A_validation_error_lists_each_field_with_its_code_and_the_reason()
    {
        var (status, body, response) = await SendAsync("CreateOpportunity",
            "{\"Catalog\":\"AWS\",\"ClientToken\":\"t\",\"Customer\":{\"Contacts\":[{\"Email\":\"Jane@Example.com\"}]},\"PartnerOpportunityIdentifier\":\"" + new string('x', 65) + "\"}");

        status.ShouldBe(400);
        ((string?)body["__type"]).ShouldBe("com.amazonaws.partnercentralselling#ValidationException");
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("ValidationException:");
        ((string?)body["Reason"]).ShouldBe("REQUEST_VALIDATION_FAILED");
        ((string?)body["Message"]).ShouldStartWith("2 validation errors detected: Value at 'PartnerOpportunityIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: (?s).{0,64}; ");
        var errors = body["ErrorList"]!.AsArray().Select(e => ((string?)e!["FieldName"], (string?)e["Code"])).ToList();
        errors.ShouldBe([("PartnerOpportunityIdentifier", "INVALID_STRING_FORMAT"), ("Customer.Contacts[0].Email", "INVALID_STRING_FORMAT")], ignoreOrder: true);
        body.ToJsonString().ShouldNotContain("Jane@Example.com", Case.Insensitive, "values may be personal data; AWS's messages name the field, not the value");
    }

    [Theory]
    [InlineData("{\"Catalog\":\"Production\",\"Identifier\":\"O1000001\"}", "Catalog")]
    [InlineData("{\"Catalog\":\"AWS\",\"Identifier\":\"1000001\"}", "Identifier")]
    [InlineData("{\"Catalog\":\"AWS\"}", "Identifier")]
    public async Task GetOpportunity_checks_its_catalog_and_identifier(string request, string field)
    {
        var (status, body, _) = await SendAsync("GetOpportunity", request);

        status.ShouldBe(400);
        ((string?)body["ErrorList"]![0]!["FieldName"]).ShouldBe(field);
    }

    [Theory]
    [InlineData("\"Origin\":\"AWS Referral\"", "Origin")]
    [InlineData("\"NationalSecurity\":\"Yes\"", "NationalSecurity")]
    [InlineData("\"Customer\":{\"Account\":{\"CompanyName\":\"X\",\"Industry\":\"Other\"}}", "Customer.Account.OtherIndustry")]
    [InlineData("\"LifeCycle\":{\"Stage\":\"Closed Lost\"}", "LifeCycle.ClosedLostReason")]
    public async Task The_documented_cross_field_rules_are_business_validation_errors(string member, string field)
    {
        var (status, body, _) = await SendAsync("CreateOpportunity", $"{{\"Catalog\":\"AWS\",\"ClientToken\":\"t\",{member}}}");

        status.ShouldBe(400);
        ((string?)body["Reason"]).ShouldBe("BUSINESS_VALIDATION_FAILED");
        ((string?)body["ErrorList"]![0]!["FieldName"]).ShouldBe(field);
    }

    [Fact]
    public async Task The_sandbox_may_simulate_AWS_referrals()
    {
        var (status, _, _) = await SendAsync("CreateOpportunity", "{\"Catalog\":\"Sandbox\",\"ClientToken\":\"t\",\"Origin\":\"AWS Referral\"}");

        status.ShouldBe(200);
    }

    [Fact]
    public async Task ListSolutions_pages_filters_and_sorts_as_asked()
    {
        foreach (var name in new[] { "Charlie", "Alpha", "Bravo", "Delta" })
            _host.Emulator.SeedSolution("AWS", name, name == "Delta" ? "Inactive" : "Active");

        var (_, first, _) = await SendAsync("ListSolutions",
            "{\"Catalog\":\"AWS\",\"MaxResults\":2,\"Status\":[\"Active\"],\"Sort\":{\"SortBy\":\"Name\",\"SortOrder\":\"ASCENDING\"}}");
        var (_, second, _) = await SendAsync("ListSolutions",
            $"{{\"Catalog\":\"AWS\",\"MaxResults\":2,\"Status\":[\"Active\"],\"Sort\":{{\"SortBy\":\"Name\",\"SortOrder\":\"ASCENDING\"}},\"NextToken\":\"{first["NextToken"]}\"}}");
        var (badStatus, _, _) = await SendAsync("ListSolutions", "{\"Catalog\":\"AWS\",\"NextToken\":\"not-a-token\"}");
        var (rangeStatus, _, _) = await SendAsync("ListSolutions", "{\"Catalog\":\"AWS\",\"MaxResults\":101}");

        first["SolutionSummaries"]!.AsArray().Select(s => (string?)s!["Name"]).ShouldBe(["Alpha", "Bravo"]);
        second["SolutionSummaries"]!.AsArray().Select(s => (string?)s!["Name"]).ShouldBe(["Charlie"]);
        second["NextToken"].ShouldBeNull();
        var solution = first["SolutionSummaries"]![0]!;
        ((string?)solution["Arn"]).ShouldBe($"arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/solution/{solution["Id"]}");
        ((string?)solution["Category"]).ShouldBe("Software Product");
        badStatus.ShouldBe(400);
        rangeStatus.ShouldBe(400);
    }

    [Fact]
    public async Task Injected_failures_apply_to_the_named_operation_only_and_run_out()
    {
        _host.Emulator.FailNext(1, "InternalServerException", operation: "GetOpportunity");

        var (listStatus, _, _) = await SendAsync("ListSolutions", "{\"Catalog\":\"AWS\"}");
        var (getStatus, getBody, _) = await SendAsync("GetOpportunity", "{\"Catalog\":\"AWS\",\"Identifier\":\"O1\"}");
        var (againStatus, againBody, _) = await SendAsync("GetOpportunity", "{\"Catalog\":\"AWS\",\"Identifier\":\"O1\"}");

        listStatus.ShouldBe(200);
        getStatus.ShouldBe(500);
        ((string?)getBody["__type"]).ShouldBe("com.amazonaws.partnercentralselling#InternalServerException");
        againStatus.ShouldBe(404);
        ((string?)againBody["__type"]).ShouldBe("com.amazonaws.partnercentralselling#ResourceNotFoundException");
    }

    [Fact]
    public async Task Reset_forgets_opportunities_and_requests_but_keeps_solutions()
    {
        _host.Emulator.SeedSolution("AWS", "Kept");
        await _host.CreateClient().Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        _host.Emulator.Reset();

        _host.Emulator.Opportunities.ShouldBeEmpty();
        _host.Emulator.Requests.ShouldBeEmpty();
        (await _host.CreateClient().Client.ListSolutionsAsync(Cancel)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_module_serves_the_emulator_in_a_Switchyard_host_with_configured_keys_and_solutions()
    {
        await using var switchyard = await SwitchyardTestHost.StartAsync([new PartnerCentralEmulatorModule()], new Dictionary<string, string?>
        {
            ["Emulators:PartnerCentral:Credentials:0:AccessKeyId"] = "AKIALOCALEMULATOR001",
            ["Emulators:PartnerCentral:Credentials:0:SecretAccessKey"] = "local-emulator-secret",
            ["Emulators:PartnerCentral:Solutions:0:Name"] = "Local solution",
        });
        using var client = ClientHost.Create(new Dictionary<string, string?>
        {
            ["ServiceUrl"] = new Uri(switchyard.BaseAddress, "emulators/partner-central").ToString(),
            ["AccessKeyId"] = "AKIALOCALEMULATOR001",
            ["SecretAccessKey"] = "local-emulator-secret",
        });

        var solutions = await client.Client.ListSolutionsAsync(Cancel);
        var created = await client.Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        solutions.Single().Name.ShouldBe("Local solution");
        switchyard.Services.GetRequiredService<PartnerCentralEmulator>().FindOpportunity(created.Id).ShouldNotBeNull();
        new PartnerCentralEmulatorModule().DescribeEndpoints(switchyard.BaseAddress).Single()
            .ShouldContain($"POST {switchyard.BaseAddress}emulators/partner-central/");
    }

    [Fact]
    public void The_module_refuses_to_start_without_an_access_key()
    {
        var problems = PartnerCentralEmulatorConfiguration(new Dictionary<string, string?>
        {
            ["Emulators:PartnerCentral:Credentials:0:AccessKeyId"] = "short",
            ["Emulators:PartnerCentral:Credentials:0:SecretAccessKey"] = "",
        });

        problems.ShouldBe([
            "Emulators:PartnerCentral:Credentials:0:AccessKeyId must be 16 to 128 letters and digits.",
            "Emulators:PartnerCentral:Credentials:0:SecretAccessKey is empty.",
        ]);
        PartnerCentralEmulatorConfiguration([]).ShouldHaveSingleItem().ShouldStartWith("Emulators:PartnerCentral:Credentials is empty");
    }

    static IReadOnlyList<string> PartnerCentralEmulatorConfiguration(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings { DisableDefaults = true });
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, settings);
        new PartnerCentralEmulatorModule().AddServices(builder);
        using var host = builder.Build();
        return SwitchyardApplicationExtensions.FindConfigurationProblems(host.Services);
    }
}
