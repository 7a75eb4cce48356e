using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Mapping;

/// <summary>Checks the <c>Mapping</c> section at start-up, naming each bad key and what it must be instead.</summary>
public sealed class MappingOptionsValidator : IValidateOptions<MappingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = MappingOptions.Section;

        if (!PartnerCentralValues.Stages.Contains(options.DefaultStage))
            failures.Add($"{section}:DefaultStage is '{options.DefaultStage}'; it must be one of {OneOf(PartnerCentralValues.Stages)}.");

        foreach (var (hubSpotStage, stage) in options.StageMap ?? [])
        {
            if (string.IsNullOrWhiteSpace(hubSpotStage))
                failures.Add($"{section}:StageMap has an empty HubSpot stage id.");
            else if (!PartnerCentralValues.Stages.Contains(stage))
                failures.Add($"{section}:StageMap:{hubSpotStage} is '{stage}'; it must be one of {OneOf(PartnerCentralValues.Stages)}.");
        }

        CheckList(failures, "DefaultDeliveryModels", options.DefaultDeliveryModels, PartnerCentralValues.DeliveryModels);
        CheckList(failures, "DefaultPrimaryNeeds", options.DefaultPrimaryNeeds, PartnerCentralValues.PrimaryNeeds);

        if (!PartnerCentralValues.CustomerUseCases.Contains(options.DefaultUseCase))
            failures.Add($"{section}:DefaultUseCase is '{options.DefaultUseCase}'; it must be one of {OneOf(PartnerCentralValues.CustomerUseCases)}.");

        if (string.IsNullOrEmpty(options.Tag) || options.Tag[0] != '#' || options.Tag.Length < 2 || options.Tag.Any(char.IsWhiteSpace))
            failures.Add($"{section}:Tag is '{options.Tag}'; it must be '#' and at least one more character, without spaces.");

        if (options.FallbackCloseDateDays is < 1 or > 3650)
            failures.Add($"{section}:FallbackCloseDateDays is {options.FallbackCloseDateDays}; it must be between 1 and 3650.");

        if (options.DefaultPhoneCountry is { } country && Countries.Find(country)?.CallingCode is null)
            failures.Add($"{section}:DefaultPhoneCountry is '{country}'; it must name a country with a calling code, e.g. 'US' or 'Germany', or be unset.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void CheckList(List<string> failures, string key, string? value, AllowedValues allowed)
    {
        var parts = (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            failures.Add($"{MappingOptions.Section}:{key} is empty; it must list at least one of {OneOf(allowed)}, separated by ';'.");
            return;
        }

        foreach (var part in parts.Where(p => !allowed.Contains(p)))
            failures.Add($"{MappingOptions.Section}:{key} has '{part}'; each value must be one of {OneOf(allowed)}.");
    }

    static string OneOf(AllowedValues allowed) => string.Join(", ", allowed.Values.Select(v => $"'{v}'"));
}
