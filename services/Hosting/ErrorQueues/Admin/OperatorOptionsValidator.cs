using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;

namespace Switchyard.Hosting.ErrorQueues.Admin;

/// <summary>Checks the <c>Operator</c> section at start-up: every admin client must be one that can obtain a token.</summary>
public sealed class OperatorOptionsValidator(IOptions<AuthOptions> auth) : IValidateOptions<OperatorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        var failures = new List<string>();
        var clients = auth.Value.ApiKeys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

        for (var i = 0; i < options.AdminClients.Count; i++)
        {
            var client = options.AdminClients[i];
            if (string.IsNullOrWhiteSpace(client))
                failures.Add($"Operator:AdminClients:{i} is empty: name a client of Auth:ApiKeys.");
            else if (!clients.Contains(client))
                failures.Add($"Operator:AdminClients:{i} is '{client}', which is not the name of any Auth:ApiKeys entry: add an API key with that name, or remove it.");
        }

        if (options.InMemoryQueueCapacity is < 1 or > OperatorOptions.MaxInMemoryQueueCapacity)
            failures.Add($"Operator:InMemoryQueueCapacity is {options.InMemoryQueueCapacity}; it must be between 1 and {OperatorOptions.MaxInMemoryQueueCapacity}.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
