using System.Text.Json;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Operator.Tests.Fakes;

namespace Switchyard.Operator.Tests.Crm;

/// <summary><c>partner-central check</c> against the Partner Central emulator, signed as the processor signs, over loopback HTTP.</summary>
public class PartnerCentralCheckTests
{
    const string AccessKeyId = "AKIACHECKTEST0000001";
    const string Secret = "check-test-secret-never-shown";

    static Task<PartnerCentralEmulatorServer> StartAsync(params string[] denied) =>
        PartnerCentralEmulatorServer.StartAsync(options =>
        {
            options.Credentials.Add(new PartnerCentralEmulatorCredential { AccessKeyId = AccessKeyId, SecretAccessKey = Secret, DeniedOperations = [.. denied] });
            options.Solutions.Add(new PartnerCentralEmulatorSolution { Catalog = "Sandbox", Name = "Our product" });
            options.Solutions.Add(new PartnerCentralEmulatorSolution { Catalog = "Sandbox", Name = "Retired product", Status = "Inactive" });
        }, cancellationToken: TestContext.Current.CancellationToken);

    static Dictionary<string, string?> Settings(PartnerCentralEmulatorServer partnerCentral, string solutionId = "S-0000001", string secret = Secret) => new()
    {
        ["PartnerCentral:ServiceUrl"] = partnerCentral.ServiceUrl.ToString(),
        ["PartnerCentral:Catalog"] = "Sandbox",
        ["PartnerCentral:AccessKeyId"] = AccessKeyId,
        ["PartnerCentral:SecretAccessKey"] = secret,
        ["Processor:SolutionIds:0"] = solutionId,
    };

    [Fact]
    public async Task Keys_that_may_read_pass_every_check_and_the_writes_are_named_not_tried()
    {
        await using var partnerCentral = await StartAsync();

        var result = await CliRun.ConfiguredAsync(Settings(partnerCentral), "partner-central", "check", "--json");

        result.ExitCode.ShouldBe(0, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("catalog").GetString().ShouldBe("Sandbox");
        json.RootElement.GetProperty("credentials").GetString().ShouldBe("with the configured access keys");
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("operation").GetString()).ShouldBe(["ListSolutions", "ListOpportunities", "ListEngagementInvitations"]);
        checks.ShouldAllBe(c => c.GetProperty("passed").GetBoolean());
        checks[0].GetProperty("detail").GetString().ShouldBe("2 solution(s) in the Sandbox catalog, 1 active; S-0000001 active");
        json.RootElement.GetProperty("writesNotTried").EnumerateArray().Select(w => w.GetString()).ShouldContain("partnercentral:CreateOpportunity");
        // Reads only, each signed with the configured key and valid against AWS's model.
        partnerCentral.Emulator.Requests.Select(r => r.Operation).ShouldBe(["ListSolutions", "ListOpportunities", "ListEngagementInvitations"]);
        partnerCentral.Emulator.Requests.ShouldAllBe(r => r.StatusCode == 200 && r.AccessKeyId == AccessKeyId);
    }

    [Fact]
    public async Task A_read_the_policy_does_not_allow_fails_naming_the_permission_to_add()
    {
        await using var partnerCentral = await StartAsync("ListOpportunities");

        var result = await CliRun.ConfiguredAsync(Settings(partnerCentral), "partner-central", "check");

        result.ExitCode.ShouldBe(1);
        result.Output.ShouldContain("FAILED");
        result.Error.Trim().ShouldStartWith("error: ListOpportunities: AccessDeniedException:");
        result.Error.Trim().ShouldEndWith("allow partnercentral:ListOpportunities to the credentials' IAM identity");
    }

    [Fact]
    public async Task A_configured_solution_the_catalog_lacks_or_has_inactive_fails_the_check()
    {
        await using var partnerCentral = await StartAsync();

        var missing = await CliRun.ConfiguredAsync(Settings(partnerCentral, solutionId: "S-0009999"), "partner-central", "check");
        var inactive = await CliRun.ConfiguredAsync(Settings(partnerCentral, solutionId: "S-0000002"), "partner-central", "check");

        missing.ExitCode.ShouldBe(1);
        missing.Error.ShouldContain("S-0009999 (Processor:SolutionIds) is not one of the catalog's solutions");
        inactive.ExitCode.ShouldBe(1);
        inactive.Error.ShouldContain("S-0000002 is Inactive, not Active");
    }

    [Fact]
    public async Task A_wrong_secret_says_to_check_the_keys_and_never_shows_a_secret()
    {
        await using var partnerCentral = await StartAsync();
        const string wrong = "not-the-right-secret-either";

        var result = await CliRun.ConfiguredAsync(Settings(partnerCentral, secret: wrong), "partner-central", "check");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("check PartnerCentral:AccessKeyId and SecretAccessKey");
        (result.Output + result.Error).ShouldNotContain(wrong);
        (result.Output + result.Error).ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Settings_that_do_not_validate_are_a_one_line_usage_error()
    {
        await using var partnerCentral = await StartAsync();
        var settings = Settings(partnerCentral);
        settings["PartnerCentral:Catalog"] = "Production";

        var result = await CliRun.ConfiguredAsync(settings, "partner-central", "check");

        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe("error: PartnerCentral:Catalog 'Production' is not a catalog: use AWS for real opportunities or Sandbox for testing.");
        partnerCentral.Emulator.Requests.ShouldBeEmpty();
    }
}
