using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Cli;

namespace Switchyard.Operator.Tests.Fakes;

/// <summary>What a run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the tool in-process against a given broker (or the configured one when null), capturing its output.</summary>
internal static class CliRun
{
    /// <summary>Where runs record their history unless a test says otherwise: never the user's own file.</summary>
    public static readonly string SharedHistory = Path.Combine(Path.GetTempPath(), $"switchyard-operator-tests-{Environment.ProcessId}.jsonl");

    public static Task<CliResult> RunAsync(IErrorQueueBroker? broker, params string[] args) =>
        RunAsync(broker, "", SharedHistory, args);

    public static Task<CliResult> AnsweringAsync(IErrorQueueBroker? broker, string input, params string[] args) =>
        RunAsync(broker, input, SharedHistory, args);

    public static Task<CliResult> RecordingAsync(IErrorQueueBroker? broker, string historyFile, params string[] args) =>
        RunAsync(broker, "", historyFile, args);

    /// <summary>Runs against the broker the configuration names, with <paramref name="settings"/> as the environment would give them.</summary>
    public static Task<CliResult> ConfiguredAsync(IReadOnlyDictionary<string, string?> settings, params string[] args) =>
        RunAsync(null, "", SharedHistory, args, settings);

    static async Task<CliResult> RunAsync(IErrorQueueBroker? broker, string input, string historyFile, string[] args,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var console = OperatorConsole.Plain(output, error, reader);
        var exit = await OperatorCli.RunAsync(args, console,
            broker is null ? null : (_, _) => Task.FromResult(broker),
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Operator:HistoryFile"] = historyFile },
            TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
