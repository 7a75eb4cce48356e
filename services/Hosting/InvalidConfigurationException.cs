namespace Switchyard.Hosting;

/// <summary>The configuration cannot run: each problem names the key and how to fix it.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> problems)
    : Exception("The configuration is invalid: " + string.Join(" ", problems))
{
    /// <summary>One sentence per problem.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
