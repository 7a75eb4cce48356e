using Microsoft.Extensions.Options;
using Switchyard.Storage;

namespace Switchyard.Processor;

/// <summary>Checks the <c>Processor</c> section at start-up.</summary>
public sealed class ProcessorOptionsValidator : IValidateOptions<ProcessorOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProcessorOptions options)
    {
        var failures = new List<string>();
        if (options.PartitionCount is < 1 or > 256)
            failures.Add($"Processor:PartitionCount is {options.PartitionCount}; it must be between 1 and 256.");
        for (var i = 0; i < options.SolutionIds.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SolutionIds[i]))
                failures.Add($"Processor:SolutionIds:{i} is empty.");
        }

        options.Submission.Validate(failures);
        StorageOptionsValidation.Validate(options.Storage, "Processor:Storage", "data/processor.db", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
