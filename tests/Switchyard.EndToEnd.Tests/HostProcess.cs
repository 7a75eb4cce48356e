using System.Collections.Concurrent;
using System.Diagnostics;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// A host binary run as a user runs it (<c>dotnet run --project ...</c> runs the same build output from the same
/// folder), configured only by the test's arguments, with its output captured; it can be told to stop as docker and
/// Kubernetes tell it (SIGTERM).
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();
    readonly ConcurrentQueue<string> _errors = new();

    HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
    }

    /// <summary>
    /// How long a host may take to start: a few seconds on an idle machine, but a minute or more on a two-core one
    /// running other work (the dispatcher's first database migration and the runtime's compiling are the slow parts).
    /// </summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);

    public IReadOnlyList<string> Output => _output.ToArray();

    public IReadOnlyList<string> Errors => _errors.ToArray();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The local run: receipt, processor, dispatcher and sample subscriber in memory.</summary>
    public static HostProcess AllInOne(params string[] arguments) => Start("services/AllInOne", "Switchyard.AllInOne.dll", arguments);

    public static HostProcess Receipt(params string[] arguments) =>
        Start("services/Receipt/Switchyard.Receipt.Host", "Switchyard.Receipt.Host.dll", arguments);

    public static HostProcess Processor(params string[] arguments) =>
        Start("services/Processor/Switchyard.Processor.Host", "Switchyard.Processor.Host.dll", arguments);

    public static HostProcess Dispatcher(params string[] arguments) =>
        Start("services/Dispatcher/Switchyard.Dispatcher.Host", "Switchyard.Dispatcher.Host.dll", arguments);

    /// <summary>Command-line arguments for <paramref name="settings"/>, e.g. <c>--Bus:Transport=RabbitMq</c>.</summary>
    public static string[] Arguments(IEnumerable<KeyValuePair<string, string?>> settings) =>
        settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();

    static HostProcess Start(string projectFolder, string assemblyName, string[] arguments)
    {
        var assembly = BuildOutput.File(projectFolder, assemblyName);

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

        var process = new HostProcess(Process.Start(start)!);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    static readonly string[] SettingPrefixes =
        ["Bus__", "Dispatcher__", "Receipt__", "Serilog__", "Logging__", "Shutdown__", "HubSpot__", "PartnerCentral__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "URLS"];

    static bool IsSwitchyardSetting(string key) =>
        SettingPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    public Task WaitForOutputAsync(string text) =>
        Poll.UntilAsync(() =>
        {
            if (_process.HasExited && !Output.Any(line => line.Contains(text, StringComparison.Ordinal)))
                throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited with {_process.ExitCode}:\n{string.Join('\n', Output.Concat(Errors))}");
            return Output.Any(line => line.Contains(text, StringComparison.Ordinal));
        }, $"the host to print '{text}'", StartupTimeout);

    /// <summary>Sends SIGTERM, what <c>docker stop</c> and Kubernetes send first.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed with exit code {kill.ExitCode}.");
    }

    /// <summary>Waits for the process to end, at most <paramref name="timeout"/> (<see cref="StartupTimeout"/> when not given).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? StartupTimeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not exit within {timeout ?? StartupTimeout}:\n{string.Join('\n', Output.TakeLast(40))}");
        }

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
