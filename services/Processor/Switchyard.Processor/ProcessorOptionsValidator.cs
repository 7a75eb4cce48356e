using Microsoft.Extensions.Options;

namespace Switchyard.Processor;

/// <summary>Checks the <c>Processor</c> section at start-up.</summary>
public sealed class ProcessorOptionsValidator : IValidateOptions<ProcessorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProcessorOptions options)
    {
        var failures = new List<string>();
        if (options.SyncsPerSecond is < 1 or > 100)
            failures.Add($"Processor:SyncsPerSecond is {options.SyncsPerSecond}; it must be between 1 and 100 (Partner Central allows 1 write per second).");
        if (options.PartitionCount is < 1 or > 256)
            failures.Add($"Processor:PartitionCount is {options.PartitionCount}; it must be between 1 and 256.");
        for (var i = 0; i < options.SolutionIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SolutionIds[i]))
                failures.Add($"Processor:SolutionIds:{i} is empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
