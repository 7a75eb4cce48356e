using System.Collections.Concurrent;
using System.Diagnostics;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The AllInOne binary run as a user runs it (<c>dotnet run --project services/AllInOne</c> runs the same build output
/// from the same folder), with its output captured.
/// </summary>
internal sealed class AllInOneProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();
    readonly ConcurrentQueue<string> _errors = new();

    AllInOneProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
    }

    public IReadOnlyList<string> Output => _output.ToArray();

    public IReadOnlyList<string> Errors => _errors.ToArray();

    public static AllInOneProcess Start(params string[] arguments)
    {
        var assembly = BuildOutput.File("services/AllInOne", "Switchyard.AllInOne.dll");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        // Only the test's arguments configure it, whatever the machine's environment says; Development, as the
        // launch profile of 'dotnet run' sets it.
        foreach (var key in start.Environment.Keys.Where(IsSwitchyardSetting).ToList())
            start.Environment.Remove(key);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";

        var process = new AllInOneProcess(Process.Start(start)!);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    static readonly string[] SettingPrefixes =
        ["Bus__", "Dispatcher__", "Receipt__", "Serilog__", "Logging__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "URLS"];

    static bool IsSwitchyardSetting(string key) =>
        SettingPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null) =>
        Poll.UntilAsync(() =>
        {
            if (_process.HasExited && !Output.Any(line => line.Contains(text, StringComparison.Ordinal)))
                throw new InvalidOperationException($"AllInOne exited with {_process.ExitCode}:\n{string.Join('\n', Output.Concat(Errors))}");
            return Output.Any(line => line.Contains(text, StringComparison.Ordinal));
        }, $"AllInOne to print '{text}'", timeout);

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Poll.DefaultTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
