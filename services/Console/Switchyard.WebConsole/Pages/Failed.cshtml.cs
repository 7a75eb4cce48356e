using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Switchyard.Operator.Failures;
using Switchyard.WebConsole.Failures;

namespace Switchyard.WebConsole.Pages;

/// <summary>Failed messages by group, with replay, purge, export and the history of what was done.</summary>
internal sealed class FailedModel(FailedMessageSnapshot snapshot, OperationRunner runner, ConsoleHistory history, ConsoleBroker brokers) : ConsolePage
{
    /// <summary>What was read; null when the broker could not be read.</summary>
    public FailedMessages? Failures { get; private set; }

    /// <summary>Why nothing could be read.</summary>
    public string? Error { get; private set; }

    /// <summary>Replays and purges under way.</summary>
    public IReadOnlyList<RunningOperation> Running { get; private set; } = [];

    /// <summary>What was done, newest first.</summary>
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    /// <summary>The page; <paramref name="fresh"/> reads the broker again rather than show the last read.</summary>
    public async Task OnGetAsync(bool fresh, CancellationToken cancellationToken)
    {
        Running = runner.Running;
        History = await history.ReadAsync(20, cancellationToken);
        try
        {
            Failures = await snapshot.GetAsync(fresh, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The tool's messages for an unreachable broker or a configuration that does not say how to reach it.
            Error = $"The failed messages could not be read: {e.Message}";
        }
    }

    /// <summary>Replays all, a group or one message, at an optional rate, in the background.</summary>
    public IActionResult OnPostReplay(bool all, string? group, string? id, double? rate)
    {
        if (RefuseViewer() is { } refused)
            return refused;
        if (rate is { } r && (r < 0.1 || r > 1000))
        {
            Problem("The rate must be between 0.1 and 1000 messages per second.");
            return RedirectToPage();
        }

        if (Choose(all, group, id) is not { } selection)
            return RedirectToPage();
        runner.Start(UserName, ConsoleActions.Replay, selection, rate);
        Notice($"Replay of {selection} started: each message goes back to the queue it failed on, then leaves its error queue. The history below shows the result.");
        return Redirect("/console/failed");
    }

    /// <summary>Deletes all, a group or one message for good, once confirmed.</summary>
    public IActionResult OnPostPurge(bool all, string? group, string? id, string? confirm)
    {
        if (RefuseViewer() is { } refused)
            return refused;
        if (!string.Equals(confirm?.Trim(), "purge", StringComparison.OrdinalIgnoreCase))
        {
            Problem("Nothing was purged: type purge in the box to confirm that the messages are to be deleted for good.");
            return RedirectToPage();
        }

        if (Choose(all, group, id) is not { } selection)
            return RedirectToPage();
        runner.Start(UserName, ConsoleActions.Purge, selection, rate: null);
        Notice($"Purge of {selection} started. The history below shows the result.");
        return Redirect("/console/failed");
    }

    /// <summary>
    /// The selected messages as the tool's export file (one JSON line each, <c>switchyard-error/1</c>), leaving them
    /// where they are; <c>switchyard-operator errors import</c> reads it.
    /// </summary>
    public async Task OnGetExportAsync(string? group, CancellationToken cancellationToken)
    {
        var selection = group is { Length: > 0 } ? Selection.OfGroup(group) : Selection.All;
        Response.ContentType = "application/x-ndjson; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"switchyard-errors-{DateTime.UtcNow:yyyyMMddTHHmmss}Z.jsonl\"";
        await using var broker = await brokers.OpenAsync(cancellationToken);
        await foreach (var message in new ErrorQueueOperations(broker).BrowseAsync(null, cancellationToken))
        {
            if (!selection.Matches(message))
                continue;
            await Response.WriteAsync(JsonSerializer.Serialize(ExportRecord.Of(message), ExportRecord.Json) + "\n", Encoding.UTF8, cancellationToken);
        }
    }

    Selection? Choose(bool all, string? group, string? id)
    {
        if (!string.IsNullOrWhiteSpace(id))
            return Selection.OfIds([id]);
        if (!string.IsNullOrWhiteSpace(group))
            return Selection.OfGroup(group);
        if (all)
            return Selection.All;
        Problem("Choose what to act on: all, a group or a message.");
        return null;
    }
}
