using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Receipt.HubSpot;

/// <summary>Checks the receipt's <c>HubSpot</c> settings at start-up.</summary>
public sealed class HubSpotWebhookOptionsValidator(IHostEnvironment environment) : IValidateOptions<HubSpotWebhookOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HubSpotWebhookOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.ClientSecret) && !environment.IsDevelopment())
            failures.Add("HubSpot:ClientSecret is not set, so HubSpot's webhook signatures cannot be verified: set it to " +
                         "your HubSpot app's client secret (only in Development are unsigned webhooks accepted without it).");
        if (options.PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
            failures.Add("HubSpot:PublicBaseUrl must be an absolute http or https URL, e.g. https://hooks.example.com.");
        if (options.MaxEventsPerBatch is < 1 or > 1000)
            failures.Add($"HubSpot:MaxEventsPerBatch is {options.MaxEventsPerBatch}; it must be between 1 and 1000.");
        if (options.TimestampTolerance < TimeSpan.FromSeconds(10) || options.TimestampTolerance > TimeSpan.FromHours(1))
            failures.Add($"HubSpot:TimestampTolerance is {options.TimestampTolerance}; it must be between 10 seconds and 1 hour.");
        if (options.SubscriptionTypes is { } types && types.Any(string.IsNullOrWhiteSpace))
            failures.Add("HubSpot:SubscriptionTypes has an empty entry.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
