using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;
using Switchyard.Storage;

namespace Switchyard.WebConsole;

/// <summary>Checks <c>Console</c> at start-up against <c>Auth:ApiKeys</c>. Messages never hold a key.</summary>
public sealed class ConsoleOptionsValidator(IOptions<AuthOptions> auth) : IValidateOptions<ConsoleOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var failures = new List<string>();
        var clients = auth.Value.ApiKeys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

        CheckClients("Operators", options.Operators);
        CheckClients("Viewers", options.Viewers);

        if (options.DispatcherUrl is { } dispatcher && !IsHttpUrl(dispatcher))
            failures.Add($"Console:DispatcherUrl '{dispatcher}' is not an http(s) URL; give the dispatcher's address, e.g. http://dispatcher:5083, or leave it unset in AllInOne.");
        if (options.ProcessorMetricsUrl is { Length: > 0 } metrics && !IsHttpUrl(metrics))
            failures.Add($"Console:ProcessorMetricsUrl '{metrics}' is not an http(s) URL; give the processor's scrape endpoint, e.g. http://processor:9464/metrics, or leave it unset.");
        foreach (var (service, url) in options.Services)
        {
            if (!IsHttpUrl(url))
                failures.Add($"Console:Services:{service} '{url}' is not an http(s) URL; give the service's address, e.g. http://receipt:5081.");
        }

        StorageOptionsValidation.Validate(options.Storage, "Console:Storage", "data/console.db", failures);
        if (string.IsNullOrWhiteSpace(options.HistoryFile))
            failures.Add("Console:HistoryFile is empty: name the file that records replays and purges.");
        if (options.FailedMessagesMaxAge < TimeSpan.Zero || options.FailedMessagesMaxAge > TimeSpan.FromMinutes(5))
            failures.Add($"Console:FailedMessagesMaxAge is {options.FailedMessagesMaxAge}; it must be between 00:00:00 (every view reads the broker) and 00:05:00.");
        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(7))
            failures.Add($"Console:SessionLifetime is {options.SessionLifetime}; it must be between 5 minutes and 7 days.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckClients(string list, List<string> names)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (!clients.Contains(names[i]))
                    failures.Add($"Console:{list}:{i} '{names[i]}' is not a client of Auth:ApiKeys: add an API key with that name, or remove it from the list.");
            }
        }
    }

    static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";
}
