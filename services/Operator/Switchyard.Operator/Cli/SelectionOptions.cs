using System.CommandLine;
using Switchyard.Operator.Failures;

namespace Switchyard.Operator.Cli;

/// <summary>--all, --group and --id: which failed messages a command acts on, exactly one of them.</summary>
internal sealed class SelectionOptions
{
    readonly Option<bool> _all = new("--all") { Description = "Every failed message in scope" };
    readonly Option<string?> _group = new("--group") { Description = "The messages of one group (errors list shows the groups)", HelpName = "fingerprint" };
    readonly Option<string[]> _ids = new("--id") { Description = "These messages (repeat or list several)", HelpName = "message-id", AllowMultipleArgumentsPerToken = true };

    public void AddTo(Command command)
    {
        command.Add(_all);
        command.Add(_group);
        command.Add(_ids);
    }

    /// <summary>The selection, or null when none was given.</summary>
    /// <exception cref="UsageException">More than one was given, or a value is malformed.</exception>
    public Selection? Read(ParseResult parsed, string verb, bool required)
    {
        var all = parsed.GetValue(_all);
        var group = parsed.GetValue(_group);
        var ids = parsed.GetValue(_ids) ?? [];
        var given = (all ? 1 : 0) + (group is null ? 0 : 1) + (ids.Length == 0 ? 0 : 1);
        if (given > 1)
            throw new UsageException($"give only one of --all, --group and --id to {verb}");
        if (group is not null && !System.Text.RegularExpressions.Regex.IsMatch(group.Trim(), "^[0-9a-fA-F]{12}$"))
            throw new UsageException($"--group '{group}' is not a group fingerprint (12 hex digits, as errors list shows them)");
        if (ids.Any(string.IsNullOrWhiteSpace))
            throw new UsageException("--id needs a message id");
        return all ? Selection.All
            : group is not null ? Selection.OfGroup(group)
            : ids.Length > 0 ? Selection.OfIds(ids)
            : required ? null : Selection.All;
    }

    public static string Missing(string verb) =>
        $"choose what to {verb}: --all, --group <fingerprint> or --id <message-id> (errors list shows groups and ids)";
}
