using System.Collections.Concurrent;
using System.Diagnostics;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.Scenarios;

/// <summary>The tool run as its own process, as an operator runs it, so a test can kill it mid-way.</summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    OperatorProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
    }

    public IReadOnlyList<string> Output => _output.ToArray();

    public static OperatorProcess Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BuildOutput.File("services/Operator/Switchyard.Operator", "switchyard-operator.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Bus__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Operator__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["Operator__HistoryFile"] = Fakes.CliRun.SharedHistory;

        var process = new OperatorProcess(Process.Start(start)!);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills the process at once, as a crash or a lost machine would.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}
