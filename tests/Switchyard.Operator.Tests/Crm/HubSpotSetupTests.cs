using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Emulators.HubSpot;
using Switchyard.Operator.Tests.Fakes;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.Setup;

namespace Switchyard.Operator.Tests.Crm;

/// <summary><c>hubspot setup</c> against the HubSpot emulator's properties API over loopback HTTP.</summary>
public class HubSpotSetupTests
{
    const string Token = "pat-na1-setup-test-token";

    static Dictionary<string, string?> Settings(HubSpotEmulatorServer hubSpot) => new()
    {
        ["HubSpot:AccessToken"] = Token,
        ["HubSpot:ApiBaseUrl"] = hubSpot.ApiBaseUrl.ToString(),
    };

    // A portal as HubSpot gives it: its own properties, none of Switchyard's.
    static Task<HubSpotEmulatorServer> BarePortalAsync() =>
        HubSpotEmulatorServer.StartAsync(new HubSpotEmulatorState(Token, switchyardProperties: false), cancellationToken: TestContext.Current.CancellationToken);

    static IEnumerable<EmulatedRequest> Writes(HubSpotEmulatorState state) => state.Requests.Where(r => r.Method is "POST" or "PATCH" or "DELETE");

    [Fact]
    public void Setup_knows_every_custom_property_the_processor_reads()
    {
        DealPropertyCatalog.All.Select(p => p.Name).ShouldBe(Switchyard.Processor.HubSpot.DealProperties.All.Where(p => p.StartsWith("aws_", StringComparison.Ordinal)), ignoreOrder: true);
    }

    [Fact]
    public async Task Setup_gives_a_bare_portal_the_group_and_every_property_with_AWS_values_for_the_inputs()
    {
        await using var hubSpot = await BarePortalAsync();

        var result = await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup");

        result.ExitCode.ShouldBe(0, result.Error);
        hubSpot.State.PropertyGroups("deals").ShouldContain(g => g.Name == DealPropertyCatalog.GroupName);
        foreach (var spec in DealPropertyCatalog.All)
        {
            var property = hubSpot.State.Property("deals", spec.Name).ShouldNotBeNull(spec.Name);
            (property.Type, property.FieldType, property.GroupName).ShouldBe((spec.Type, spec.FieldType, DealPropertyCatalog.GroupName), spec.Name);
        }

        var model = ServiceModel.PartnerCentralSelling;
        hubSpot.State.Property("deals", "aws_delivery_models")!.Options.Select(o => o.Value).ShouldBe(model.Shape("DeliveryModel").Enum!);
        hubSpot.State.Property("deals", "aws_involvement_type")!.Options.Select(o => o.Value).ShouldBe(["For Visibility Only", "Co-Sell"], ignoreOrder: true);
        result.Output.ShouldContain($"{DealPropertyCatalog.All.Count} created of {DealPropertyCatalog.All.Count} properties");
    }

    [Fact]
    public async Task A_second_run_writes_nothing_and_finds_everything_present()
    {
        await using var hubSpot = await BarePortalAsync();
        (await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup")).ExitCode.ShouldBe(0);
        var writesBefore = Writes(hubSpot.State).Count();

        var again = await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup", "--json");

        again.ExitCode.ShouldBe(0, again.Error);
        Writes(hubSpot.State).Count().ShouldBe(writesBefore);
        using var json = JsonDocument.Parse(again.Output);
        json.RootElement.GetProperty("group").GetProperty("state").GetString().ShouldBe("present");
        json.RootElement.GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("state").GetString()).ShouldAllBe(s => s == "present");
    }

    [Fact]
    public async Task An_input_missing_some_of_AWS_values_gets_them_after_the_portals_own()
    {
        await using var hubSpot = await BarePortalAsync();
        using var http = Client(hubSpot);
        await PostAsync(http, "crm/v3/properties/deals/groups", new { name = "sales_ops", label = "Sales ops" });
        await PostAsync(http, "crm/v3/properties/deals", new
        {
            name = "aws_delivery_models", label = "Delivery", type = "enumeration", fieldType = "checkbox", groupName = "sales_ops",
            options = new[] { new { label = "Our own", value = "our-own", displayOrder = 0 }, new { label = "SaaS or PaaS", value = "SaaS or PaaS", displayOrder = 1 } },
        });

        var result = await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup");

        result.ExitCode.ShouldBe(0, result.Error);
        var values = hubSpot.State.Property("deals", "aws_delivery_models")!.Options.Select(o => o.Value).ToList();
        values.Take(2).ShouldBe(["our-own", "SaaS or PaaS"]);
        values.Skip(2).ShouldBe(ServiceModel.PartnerCentralSelling.Shape("DeliveryModel").Enum!.Where(v => v != "SaaS or PaaS"));
        // Where an administrator put it, it stays.
        hubSpot.State.Property("deals", "aws_delivery_models")!.GroupName.ShouldBe("sales_ops");
        result.Output.ShouldContain("values added");
    }

    [Fact]
    public async Task A_property_of_a_type_Switchyard_cannot_write_is_reported_and_left_alone()
    {
        await using var hubSpot = await BarePortalAsync();
        using var http = Client(hubSpot);
        await PostAsync(http, "crm/v3/properties/deals", new
        {
            name = "aws_review_status", label = "Review", type = "enumeration", fieldType = "select", groupName = "dealinformation",
            options = new[] { new { label = "Approved", value = "Approved", displayOrder = 0 } },
        });

        var result = await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup");

        result.ExitCode.ShouldBe(1);
        result.Error.Trim().ShouldBe("error: aws_review_status is enumeration (select) in the portal; Switchyard needs single-line text: change or delete it in HubSpot, then run setup again");
        var kept = hubSpot.State.Property("deals", "aws_review_status")!;
        (kept.Type, kept.Options.Count).ShouldBe(("enumeration", 1));
        // The rest is set up all the same.
        hubSpot.State.Property("deals", "aws_submit_to_aws").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_dry_run_says_what_it_would_create_and_writes_nothing()
    {
        await using var hubSpot = await BarePortalAsync();

        var result = await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup", "--dry-run");

        result.ExitCode.ShouldBe(0, result.Error);
        Writes(hubSpot.State).ShouldBeEmpty();
        result.Output.ShouldContain("dry run");
        result.Output.ShouldContain($"{DealPropertyCatalog.All.Count} would be created");
    }

    [Fact]
    public async Task Without_a_token_it_says_which_setting_in_one_line_and_calls_nothing()
    {
        await using var hubSpot = await BarePortalAsync();
        var settings = Settings(hubSpot);
        settings["HubSpot:AccessToken"] = "";

        var result = await CliRun.ConfiguredAsync(settings, "hubspot", "setup");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldStartWith("error: HubSpot:AccessToken is not set");
        result.Error.Trim().ShouldNotContain("\n");
        hubSpot.State.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_token_without_the_schema_scope_is_one_line_naming_it_and_never_the_token()
    {
        await using var hubSpot = await BarePortalAsync();
        hubSpot.State.Scopes = HubSpotEmulatorState.SwitchyardScopes.Where(s => s != "crm.schemas.deals.write").ToList();

        var result = await CliRun.ConfiguredAsync(Settings(hubSpot), "hubspot", "setup");

        result.ExitCode.ShouldBe(1);
        var line = result.Error.Trim();
        line.ShouldNotContain("\n");
        line.ShouldContain("crm.schemas.deals.write");
        (result.Output + result.Error).ShouldNotContain(Token);
    }

    static HttpClient Client(HubSpotEmulatorServer hubSpot)
    {
        var client = new HttpClient { BaseAddress = new Uri(hubSpot.ApiBaseUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    static async Task PostAsync(HttpClient http, string path, object body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
