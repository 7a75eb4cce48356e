using Microsoft.Extensions.Options;

namespace Switchyard.Receipt;

/// <summary>Checks the <c>Receipt</c> section at start-up.</summary>
public sealed class ReceiptOptionsValidator : IValidateOptions<ReceiptOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ReceiptOptions options)
    {
        var failures = new List<string>();
        if (options.PublishTimeout <= TimeSpan.Zero || options.PublishTimeout > TimeSpan.FromSeconds(30))
            failures.Add($"Receipt:PublishTimeout is {options.PublishTimeout}; it must be more than 0 and at most 30 seconds (HubSpot gives up after 5).");
        if (options.RetryAfterSeconds is < 1 or > 3600)
            failures.Add($"Receipt:RetryAfterSeconds is {options.RetryAfterSeconds}; it must be between 1 and 3600.");
        if (options.MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
            failures.Add($"Receipt:MaxBodyBytes is {options.MaxBodyBytes}; it must be between 1024 and 16777216.");
        if (options.Events.MaxPayloadBytes is < 64 or > 16 * 1024 * 1024)
            failures.Add($"Receipt:Events:MaxPayloadBytes is {options.Events.MaxPayloadBytes}; it must be between 64 and 16777216.");
        if (options.Events.MaxNameLength is < 1 or > 1000)
            failures.Add($"Receipt:Events:MaxNameLength is {options.Events.MaxNameLength}; it must be between 1 and 1000.");
        if (options.Events.IdempotencyWindow < TimeSpan.FromMinutes(1) || options.Events.IdempotencyWindow > TimeSpan.FromDays(7))
            failures.Add($"Receipt:Events:IdempotencyWindow is {options.Events.IdempotencyWindow}; it must be between 1 minute and 7 days.");
        if (options.Events.IdempotencyCapacity < 1)
            failures.Add("Receipt:Events:IdempotencyCapacity must be at least 1.");
        if (options.TokenRequestsPerMinute < 1)
            failures.Add("Receipt:TokenRequestsPerMinute must be at least 1.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
