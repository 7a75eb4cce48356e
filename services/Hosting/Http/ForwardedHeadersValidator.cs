using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Http;

/// <summary>Reports each unparsable proxy address or network with its key.</summary>
public sealed class ForwardedHeadersValidator : IValidateOptions<ForwardedHeadersSettings>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
