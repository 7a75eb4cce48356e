using Microsoft.Extensions.Options;

namespace Switchyard.Dispatcher;

/// <summary>Checks <c>Dispatcher</c> at start-up, naming the key that is wrong.</summary>
public sealed class DispatcherOptionsValidator : IValidateOptions<DispatcherOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DispatcherOptions options)
    {
        var failures = new List<string>();
        if (options.DeliveryTimeout <= TimeSpan.Zero || options.DeliveryTimeout > TimeSpan.FromMinutes(5))
            failures.Add($"Dispatcher:DeliveryTimeout is {options.DeliveryTimeout}; it must be more than 0 and at most 5 minutes.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Subscriptions.Count; i++)
        {
            var key = $"Dispatcher:Subscriptions:{i}";
            var subscription = options.Subscriptions[i];
            if (string.IsNullOrWhiteSpace(subscription.Id))
                failures.Add($"{key}:Id is empty: give the subscription a stable id.");
            else if (!ids.Add(subscription.Id))
                failures.Add($"{key}:Id '{subscription.Id}' is used by another subscription.");

            if (!Uri.TryCreate(subscription.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                failures.Add($"{key}:Url must be an absolute http or https URL.");

            if (subscription.Events.Count == 0 || subscription.Events.Any(string.IsNullOrWhiteSpace))
                failures.Add($"{key}:Events must list at least one event type (or * for all), none empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
