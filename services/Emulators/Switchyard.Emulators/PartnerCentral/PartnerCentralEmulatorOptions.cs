using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>The <c>Emulators:PartnerCentral</c> configuration section.</summary>
public sealed partial class PartnerCentralEmulatorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Emulators:PartnerCentral";

    /// <summary>The access keys the emulator accepts, each with its secret (and session token, when it must be sent).</summary>
    public List<PartnerCentralEmulatorCredential> Credentials { get; set; } = [];

    /// <summary>The region requests must be signed for; Partner Central Selling runs only in us-east-1.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The account id in the ARNs the emulator returns.</summary>
    public string AwsAccountId { get; set; } = "123456789012";

    /// <summary>Solutions to list from the start, e.g. for the local run.</summary>
    public List<PartnerCentralEmulatorSolution> Solutions { get; set; } = [];

    /// <summary>How many of the latest requests <see cref="PartnerCentralEmulator.Requests"/> keeps: 1000 unless set.</summary>
    public int KeptRequests { get; set; } = 1000;

    /// <summary>The quotas enforced (see <see cref="PartnerCentralQuotas"/>): AWS's unless set.</summary>
    public PartnerCentralEmulatorQuotaOptions Quotas { get; set; } = new();
}

/// <summary>An access key the emulator accepts.</summary>
public sealed class PartnerCentralEmulatorCredential
{
    /// <summary>The access key id, e.g. <c>AKIAEMULATOR00000001</c>.</summary>
    public string AccessKeyId { get; set; } = "";

    /// <summary>The secret that signs requests; never logged.</summary>
    public string SecretAccessKey { get; set; } = "";

    /// <summary>When set, requests with this key must carry it as <c>X-Amz-Security-Token</c>; never logged.</summary>
    public string? SessionToken { get; set; }

    /// <summary>
    /// Operations the key's IAM identity is not allowed (as a policy without <c>partnercentral:Operation</c> would):
    /// they answer <c>AccessDeniedException</c>. Empty unless set: everything is allowed.
    /// </summary>
    public List<string> DeniedOperations { get; set; } = [];
}

/// <summary>A solution the emulator lists from the start.</summary>
public sealed class PartnerCentralEmulatorSolution
{
    /// <summary><c>AWS</c> or <c>Sandbox</c>.</summary>
    public string Catalog { get; set; } = "AWS";

    /// <summary>The solution's name.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>Active</c>, <c>Inactive</c> or <c>Draft</c>.</summary>
    public string Status { get; set; } = "Active";

    /// <summary>E.g. <c>Software Product</c>, <c>Consulting Service</c>.</summary>
    public string Category { get; set; } = "Software Product";
}

/// <summary>Checks <c>Emulators:PartnerCentral</c> at start-up, naming the key that is wrong and never a secret.</summary>
public sealed partial class PartnerCentralEmulatorOptionsValidator : IValidateOptions<PartnerCentralEmulatorOptions>
{
    const string Key = PartnerCentralEmulatorOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PartnerCentralEmulatorOptions options)
    {
        var failures = new List<string>();
        if (options.Credentials.Count == 0)
            failures.Add($"{Key}:Credentials is empty: add an access key the emulator accepts ({Key}:Credentials:0:AccessKeyId and :SecretAccessKey), and give the same pair to PartnerCentral.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Credentials.Count; i++)
        {
            var credential = options.Credentials[i];
            if (!AccessKeyIdPattern().IsMatch(credential.AccessKeyId))
                failures.Add($"{Key}:Credentials:{i}:AccessKeyId must be 16 to 128 letters and digits.");
            else if (!ids.Add(credential.AccessKeyId))
                failures.Add($"{Key}:Credentials:{i}:AccessKeyId is listed twice.");
            if (string.IsNullOrWhiteSpace(credential.SecretAccessKey))
                failures.Add($"{Key}:Credentials:{i}:SecretAccessKey is empty.");
        }

        if (!RegionPattern().IsMatch(options.Region))
            failures.Add($"{Key}:Region '{options.Region}' is not a region name such as us-east-1.");
        if (!AccountPattern().IsMatch(options.AwsAccountId))
            failures.Add($"{Key}:AwsAccountId must be 12 digits.");
        if (options.KeptRequests is < 1 or > 100_000)
            failures.Add($"{Key}:KeptRequests is {options.KeptRequests}; it must be between 1 and 100000.");
        for (var i = 0; i < options.Solutions.Count; i++)
        {
            var solution = options.Solutions[i];
            if (!PartnerCentralEmulator.Catalogs.Contains(solution.Catalog, StringComparer.Ordinal))
                failures.Add($"{Key}:Solutions:{i}:Catalog '{solution.Catalog}' is not a catalog: use AWS or Sandbox.");
            if (string.IsNullOrWhiteSpace(solution.Name))
                failures.Add($"{Key}:Solutions:{i}:Name is empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9]{16,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();
}
