using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Auth;

/// <summary>Checks <c>Auth</c> at start-up. Messages never hold a key.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    const int MinimumApiKeyLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();

        if (options.SigningKey is { } key && Encoding.UTF8.GetByteCount(key) < AuthOptions.MinimumSigningKeyBytes)
            failures.Add($"Auth:SigningKey is too short: use at least {AuthOptions.MinimumSigningKeyBytes} characters.");
        if (options.SigningKey is null && options.ApiKeys.Count > 0 && !environment.IsDevelopment())
            failures.Add($"Auth:SigningKey is required when Auth:ApiKeys are configured: set it to a random string of at least {AuthOptions.MinimumSigningKeyBytes} characters, the same in every service.");
        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromDays(1))
            failures.Add($"Auth:TokenLifetime is {options.TokenLifetime}; it must be between 1 minute and 1 day.");
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
            failures.Add("Auth:Issuer and Auth:Audience must not be empty.");

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var apiKey = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(apiKey.Name))
                failures.Add($"Auth:ApiKeys:{i}:Name is empty: name the client.");
            else if (!names.Add(apiKey.Name))
                failures.Add($"Auth:ApiKeys:{i}:Name '{apiKey.Name}' is used by another key.");
            if (apiKey.Key.Length < MinimumApiKeyLength)
                failures.Add($"Auth:ApiKeys:{i}:Key is too short: use at least {MinimumApiKeyLength} random characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
