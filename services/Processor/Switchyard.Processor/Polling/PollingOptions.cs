using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Polling;

/// <summary>
/// The <c>Processor:Polling</c> section: how often the processor asks Partner Central what changed, the safety net
/// under EventBridge's best-effort events and the only way back on hosts without them.
/// </summary>
public sealed class PollingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Processor:Polling";

    /// <summary>Whether this processor's timer asks for polls (a tick sent by another instance is still consumed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often: 5 minutes unless set (a few seconds in Development and AllInOne).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far before the checkpoint each poll starts again, so a change stamped a moment before the newest one seen
    /// but listed a moment after is not missed; repeats cost a read and change nothing.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the very first poll looks, when there is no checkpoint yet.</summary>
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Checks <c>Processor:Polling</c> at start-up.</summary>
public sealed class PollingOptionsValidator : IValidateOptions<PollingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PollingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(24))
            failures.Add($"{PollingOptions.Section}:Interval is {options.Interval}; it must be between 00:00:01 and 1.00:00:00.");
        if (options.Overlap < TimeSpan.Zero || options.Overlap > TimeSpan.FromHours(1))
            failures.Add($"{PollingOptions.Section}:Overlap is {options.Overlap}; it must be between 00:00:00 and 01:00:00.");
        if (options.InitialLookback < TimeSpan.Zero || options.InitialLookback > TimeSpan.FromDays(90))
            failures.Add($"{PollingOptions.Section}:InitialLookback is {options.InitialLookback}; it must be between 00:00:00 and 90.00:00:00.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
