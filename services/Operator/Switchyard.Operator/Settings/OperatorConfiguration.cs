using Microsoft.Extensions.Configuration;

namespace Switchyard.Operator.Settings;

/// <summary>
/// The tool's configuration, read like a service's: its own appsettings.json (defaults for the local run), an
/// appsettings file the operator names (a service's own, say), environment variables such as <c>Bus__Transport</c>,
/// then the command line's options, each overriding the one before.
/// </summary>
internal static class OperatorConfiguration
{
    public static IConfiguration Build(string? settingsFile, IReadOnlyDictionary<string, string?> options)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        if (settingsFile is not null)
        {
            if (!File.Exists(settingsFile))
                throw new UsageException($"the settings file '{settingsFile}' does not exist; give the path of an appsettings.json");
            builder.AddJsonFile(Path.GetFullPath(settingsFile), optional: false);
        }

        return builder
            .AddEnvironmentVariables()
            .AddInMemoryCollection(options.Where(o => o.Value is not null))
            .Build();
    }
}
