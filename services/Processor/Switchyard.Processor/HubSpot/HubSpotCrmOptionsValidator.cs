using Microsoft.Extensions.Options;

namespace Switchyard.Processor.HubSpot;

/// <summary>Checks the processor's <c>HubSpot</c> settings at start-up, one sentence per problem, never echoing the token.</summary>
public sealed class HubSpotCrmOptionsValidator : IValidateOptions<HubSpotCrmOptions>
{
    /// <summary>HubSpot's batch read takes at most 100 ids, so more contacts would need more than one request per deal.</summary>
    public const int MaxContactsLimit = 100;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HubSpotCrmOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AccessToken))
            failures.Add("HubSpot:AccessToken is not set: set it to the access token of the HubSpot private app the processor calls the CRM API as.");
        else if (options.AccessToken.Any(char.IsWhiteSpace) || options.AccessToken.Any(char.IsControl))
            failures.Add("HubSpot:AccessToken contains spaces, line breaks or other control characters: set it to the token exactly as HubSpot shows it.");

        if (options.ApiBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            failures.Add($"HubSpot:ApiBaseUrl must be an absolute http or https URL without query or fragment, e.g. {HubSpotCrmOptions.DefaultApiBaseUrl}.");

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
            failures.Add($"HubSpot:RequestTimeout is {options.RequestTimeout}; it must be more than 0 and at most 5 minutes.");

        if (options.MaxContacts is < 1 or > MaxContactsLimit)
            failures.Add($"HubSpot:MaxContacts is {options.MaxContacts}; it must be between 1 and {MaxContactsLimit}.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
