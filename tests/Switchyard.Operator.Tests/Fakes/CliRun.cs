using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Cli;

namespace Switchyard.Operator.Tests.Fakes;

/// <summary>What a run of the tool printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the tool in-process against a given broker, capturing its output.</summary>
internal static class CliRun
{
    public static Task<CliResult> RunAsync(IErrorQueueBroker? broker, params string[] args) => AnsweringAsync(broker, "", args);

    public static async Task<CliResult> AnsweringAsync(IErrorQueueBroker? broker, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var reader = new StringReader(input);
        var console = OperatorConsole.Plain(output, error, reader);
        var exit = await OperatorCli.RunAsync(args, console,
            broker is null ? null : (_, _) => Task.FromResult(broker),
            TestContext.Current.CancellationToken);
        return new CliResult(exit, output.ToString(), error.ToString());
    }
}
