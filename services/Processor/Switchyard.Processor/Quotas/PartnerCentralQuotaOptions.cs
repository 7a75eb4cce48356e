using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// The <c>PartnerCentral:Quotas</c> section: Partner Central's quotas per partner account, which every processor
/// instance shares. The defaults are AWS's: "Write actions ... 1 per second; 10,000 per 24 hours", "Read actions ... 10
/// per second" (https://docs.aws.amazon.com/partner-central/latest/selling-api/quotas.html); change them when AWS
/// raises the account's quotas.
/// </summary>
public sealed class PartnerCentralQuotaOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "PartnerCentral:Quotas";

    /// <summary>Writes (every write operation together) per second.</summary>
    public int WritesPerSecond { get; set; } = 1;

    /// <summary>Writes per <see cref="Window"/>.</summary>
    public int WritesPerWindow { get; set; } = 10_000;

    /// <summary>The rolling window of <see cref="WritesPerWindow"/>: AWS's "daily quotas reset on a rolling 24 hour period".</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Writes of the window kept for creations, submissions and invitation answers: when this many or fewer remain,
    /// updates wait. Unset: a tenth of <see cref="WritesPerWindow"/>.
    /// </summary>
    public int? ReserveForPriorityWork { get; set; }

    /// <summary>Reads per second, per processor instance.</summary>
    public int ReadsPerSecond { get; set; } = 10;

    /// <summary>How often parked writes are looked at, and sent again when the budget allows.</summary>
    public TimeSpan ReleaseInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The reserve in effect.</summary>
    public int EffectiveReserve => ReserveForPriorityWork ?? WritesPerWindow / 10;
}

/// <summary>Checks <c>PartnerCentral:Quotas</c> at start-up, one sentence per problem naming the key.</summary>
public sealed class PartnerCentralQuotaOptionsValidator : IValidateOptions<PartnerCentralQuotaOptions>
{
    const string Key = PartnerCentralQuotaOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PartnerCentralQuotaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.WritesPerSecond is < 1 or > 100)
            failures.Add($"{Key}:WritesPerSecond is {options.WritesPerSecond}; it must be between 1 and 100 (AWS allows 1 unless it raised the account's quota).");
        if (options.WritesPerWindow is < 1 or > 10_000_000)
            failures.Add($"{Key}:WritesPerWindow is {options.WritesPerWindow}; it must be between 1 and 10000000 (AWS allows 10000 per 24 hours unless it raised the account's quota).");
        if (options.Window < TimeSpan.FromSeconds(1) || options.Window > TimeSpan.FromDays(31))
            failures.Add($"{Key}:Window is {options.Window}; it must be between 00:00:01 and 31.00:00:00 (AWS's is 1.00:00:00).");
        if (options.ReserveForPriorityWork is { } reserve && (reserve < 0 || reserve >= options.WritesPerWindow))
            failures.Add($"{Key}:ReserveForPriorityWork is {reserve}; it must be at least 0 and less than WritesPerWindow ({options.WritesPerWindow}), or unset for a tenth of it.");
        if (options.ReadsPerSecond is < 1 or > 1000)
            failures.Add($"{Key}:ReadsPerSecond is {options.ReadsPerSecond}; it must be between 1 and 1000 (AWS allows 10).");
        if (options.ReleaseInterval < TimeSpan.FromMilliseconds(100) || options.ReleaseInterval > TimeSpan.FromMinutes(10))
            failures.Add($"{Key}:ReleaseInterval is {options.ReleaseInterval}; it must be between 00:00:00.1 and 00:10:00.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
