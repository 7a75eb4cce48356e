using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>Checks the <c>PartnerCentral</c> section at start-up: one sentence per problem, naming the key, never a secret.</summary>
public sealed partial class PartnerCentralOptionsValidator : IValidateOptions<PartnerCentralOptions>
{
    const string Key = PartnerCentralOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PartnerCentralOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Catalog is not ("AWS" or "Sandbox"))
            failures.Add($"{Key}:Catalog '{options.Catalog}' is not a catalog: use AWS for real opportunities or Sandbox for testing.");

        if (!RegionPattern().IsMatch(options.Region ?? ""))
            failures.Add($"{Key}:Region '{options.Region}' is not a region name: use {PartnerCentralOptions.DefaultRegion}.");
        else if (options.Region != PartnerCentralOptions.DefaultRegion && options.ServiceUrl is null)
            failures.Add($"{Key}:Region is '{options.Region}', but Partner Central Selling runs only in {PartnerCentralOptions.DefaultRegion}: use that, or set {Key}:ServiceUrl.");

        if (options.ServiceUrl is { } url
            && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.Query.Length > 0 || url.Fragment.Length > 0))
            failures.Add($"{Key}:ServiceUrl must be an absolute http or https URL without query or fragment, e.g. http://localhost:5080/emulators/partner-central/.");

        var hasKeyId = !string.IsNullOrWhiteSpace(options.AccessKeyId);
        var hasSecret = !string.IsNullOrWhiteSpace(options.SecretAccessKey);
        if (hasKeyId && !hasSecret)
            failures.Add($"{Key}:AccessKeyId is set without {Key}:SecretAccessKey: set both, or neither to use the role or the default credential chain.");
        if (hasSecret && !hasKeyId)
            failures.Add($"{Key}:SecretAccessKey is set without {Key}:AccessKeyId: set both, or neither to use the role or the default credential chain.");
        if (hasKeyId && !AccessKeyIdPattern().IsMatch(options.AccessKeyId!))
            failures.Add($"{Key}:AccessKeyId is not an access key id (16 to 128 letters and digits).");
        if (!string.IsNullOrWhiteSpace(options.SessionToken) && !(hasKeyId && hasSecret))
            failures.Add($"{Key}:SessionToken is set without {Key}:AccessKeyId and {Key}:SecretAccessKey: a session token belongs to temporary keys.");

        var hasRole = !string.IsNullOrWhiteSpace(options.RoleArn);
        if (hasRole && !RoleArnPattern().IsMatch(options.RoleArn!))
            failures.Add($"{Key}:RoleArn '{options.RoleArn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/PartnerCentralSync.");
        if (!string.IsNullOrEmpty(options.ExternalId))
        {
            if (!hasRole)
                failures.Add($"{Key}:ExternalId is set without {Key}:RoleArn: an external id only applies when assuming a role.");
            else if (!ExternalIdPattern().IsMatch(options.ExternalId))
                failures.Add($"{Key}:ExternalId must be 2 to 1224 letters, digits and +=,.@:/- characters.");
        }

        if (!string.IsNullOrEmpty(options.RoleSessionName))
        {
            if (!hasRole)
                failures.Add($"{Key}:RoleSessionName is set without {Key}:RoleArn: a session name only applies when assuming a role.");
            else if (!RoleSessionNamePattern().IsMatch(options.RoleSessionName))
                failures.Add($"{Key}:RoleSessionName '{options.RoleSessionName}' must be 2 to 64 letters, digits and +=,.@- characters.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
            failures.Add($"{Key}:RequestTimeout is {options.RequestTimeout}; it must be between 1 second and 5 minutes.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^[A-Za-z0-9]{16,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@-]{2,64}$")]
    private static partial Regex RoleSessionNamePattern();
}
