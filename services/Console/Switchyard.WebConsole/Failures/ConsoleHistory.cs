using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Operator.Failures;

namespace Switchyard.WebConsole.Failures;

/// <summary>
/// What operators did to failed messages from the console, by whom: the tool's history format
/// (<see cref="History"/>), in the console host's own file (<c>Console:HistoryFile</c>), one JSON line each.
/// </summary>
internal sealed partial class ConsoleHistory(IOptions<ConsoleOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<ConsoleHistory> logger)
    : IDisposable
{
    readonly History _history = new(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.HistoryFile)));
    readonly SemaphoreSlim _write = new(1, 1);

    /// <summary>Appends an entry; a history that cannot be written is logged, not fatal: the messages have moved either way.</summary>
    public async Task AppendAsync(string user, string broker, string action, string selection, Tally tally, CancellationToken cancellationToken)
    {
        // One line at a time: operations that end together must not interleave their lines.
        var line = new HistoryEntry
        {
            At = clock.GetUtcNow(),
            User = user,
            Broker = broker,
            Action = action,
            Selection = selection,
            Done = tally.Done,
            Skipped = tally.Skipped,
            Failed = tally.Failed,
            MessageIds = tally.DoneIds,
        };
        await _write.WaitAsync(cancellationToken);
        try
        {
            await _history.AppendAsync(line, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogNotRecorded(logger, action, _history.Path, e.Message);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _write.Dispose();

    /// <summary>The last <paramref name="count"/> entries, newest first.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadAsync(int count, CancellationToken cancellationToken) =>
        (await _history.ReadAsync(count, cancellationToken)).Reverse().ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the console's {Action} in {Path}: {Reason}")]
    static partial void LogNotRecorded(ILogger logger, string action, string path, string reason);
}
