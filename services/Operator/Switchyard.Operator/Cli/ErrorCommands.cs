using System.CommandLine;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Failures;

namespace Switchyard.Operator.Cli;

/// <summary>The <c>errors</c> commands: list, show, replay, purge, export, import.</summary>
internal sealed class ErrorCommands(OperatorCli cli)
{
    public IEnumerable<Command> Build() =>
        [List(), Show(), Replay(), Purge(), Export(), Import(), HistoryCommand()];

    Command List()
    {
        var queue = new Argument<string?>("queue") { Description = "Only this queue's errors (e.g. processor or processor_error)", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Write JSON for scripts, with each group's message ids" };
        var command = new Command("list", "Failed messages grouped by fingerprint: exception type, normalised message, first application frame") { queue, json };
        command.SetAction((parsed, cancellationToken) => cli.WithBrokerAsync(parsed, cancellationToken, async (operations, _, _) =>
        {
            var messages = new List<FailedMessage>();
            await foreach (var message in operations.BrowseAsync(parsed.GetValue(queue), cancellationToken))
                messages.Add(message);
            var groups = FailureGroup.Of(messages);

            if (parsed.GetValue(json))
            {
                cli.Console.Json(JsonSerializer.Serialize(new
                {
                    total = messages.Count,
                    groups = groups.Select(g => new
                    {
                        fingerprint = g.Fingerprint,
                        count = g.Count,
                        exceptionType = g.ExceptionType,
                        message = g.Message,
                        frame = g.Frame,
                        firstFailure = g.FirstFailure,
                        lastFailure = g.LastFailure,
                        messageTypes = g.MessageTypes,
                        sourceQueues = g.SourceQueues,
                        errorQueues = g.ErrorQueues,
                        messageIds = messages.Where(m => m.Fingerprint == g.Fingerprint).Select(m => m.MessageId),
                    }),
                }, Formatting.Json));
                return ExitCodes.Success;
            }

            if (groups.Count == 0)
            {
                cli.Console.Line("No failed messages.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Group", "Count", "Exception", "Message", "Message type", "Source queue", "First failure", "Last failure");
            foreach (var group in groups)
            {
                table.AddRow(
                    new Text(group.Fingerprint),
                    new Text(group.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new Text(Formatting.ShortTypeName(group.ExceptionType)),
                    new Text(group.Message),
                    new Text(string.Join(", ", group.MessageTypes.Select(Formatting.ShortTypeName))),
                    new Text(string.Join(", ", group.SourceQueues)),
                    new Text(Formatting.Time(group.FirstFailure)),
                    new Text(Formatting.Time(group.LastFailure)));
            }
            cli.Console.Out.Write(table);
            cli.Console.Line($"{messages.Count} failed message(s) in {groups.Count} group(s). " +
                             "Replay a group with: errors replay --group <group>");
            return ExitCodes.Success;
        }));
        return command;
    }

    Command Show()
    {
        var id = new Argument<string>("message-id") { Description = "The message's id (errors list --json shows them)" };
        var queue = QueueOption();
        var json = new Option<bool>("--json") { Description = "Write the message as an export line (JSON)" };
        var command = new Command("show", "One failed message: headers, fault details and body") { id, queue, json };
        command.SetAction((parsed, cancellationToken) => cli.WithBrokerAsync(parsed, cancellationToken, async (operations, _, _) =>
        {
            var wanted = parsed.GetValue(id)!.Trim();
            FailedMessage? found = null;
            await foreach (var message in operations.BrowseAsync(parsed.GetValue(queue), cancellationToken))
            {
                if (string.Equals(message.MessageId, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    found = message;
                    break;
                }
            }

            if (found is null)
            {
                cli.Console.Error.WriteLine($"error: no failed message has the id {wanted}; errors list --json shows the ids");
                return ExitCodes.Partial;
            }

            if (parsed.GetValue(json))
            {
                cli.Console.Json(JsonSerializer.Serialize(ExportRecord.Of(found), ExportRecord.Json));
                return ExitCodes.Success;
            }

            WriteMessage(found);
            return ExitCodes.Success;
        }));
        return command;
    }

    void WriteMessage(FailedMessage message)
    {
        var fault = message.Fault;
        var summary = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => summary.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value ?? "-"));
        Row("Message id", message.MessageId);
        Row("Message type", message.MessageType);
        Row("Error queue", message.ErrorQueue);
        Row("Failed on", message.SourceQueue);
        Row("Group", message.Fingerprint);
        Row("Exception", fault.ExceptionType);
        Row("Message", fault.Message);
        Row("Consumer", fault.ConsumerType);
        Row("Failed at", Formatting.Time(fault.Timestamp));
        Row("Retries", fault.RetryCount?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("Redeliveries", fault.RedeliveryCount?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row("Host", fault.MachineName);
        cli.Console.Out.Write(summary);

        cli.Console.Out.Write(new Rule("Stack trace").LeftJustified());
        cli.Console.Line(fault.StackTrace ?? "(none recorded)");

        cli.Console.Out.Write(new Rule("Headers").LeftJustified());
        var headers = new Table().AddColumns("Header", "Value");
        headers.AddRow(new Text("(content type)"), new Text(message.Message.ContentType ?? "-"));
        foreach (var (name, value) in message.Message.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!string.Equals(name, MassTransit.MessageHeaders.FaultStackTrace, StringComparison.OrdinalIgnoreCase))
                headers.AddRow(new Text(name), new Text(HeaderValues.ToText(value) ?? ""));
        }
        cli.Console.Out.Write(headers);

        cli.Console.Out.Write(new Rule($"Body ({message.Message.Body.Length} bytes)").LeftJustified());
        cli.Console.Line(PrettyBody(message.Message));
    }

    static string PrettyBody(TransportMessage message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Body);
            return JsonSerializer.Serialize(document.RootElement, Formatting.Json);
        }
        catch (JsonException)
        {
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(message.Body);
            }
            catch (DecoderFallbackException)
            {
                return "(binary, base64) " + Convert.ToBase64String(message.Body);
            }
        }
    }

    Command Replay()
    {
        var selection = new SelectionOptions();
        var queue = QueueOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would move, and move nothing" };
        var rate = new Option<double?>("--rate") { Description = "At most this many messages per second, to spare a recovering dependency", HelpName = "msgs/s" };
        var to = new Option<string?>("--to") { Description = "Send to this queue instead of the one each message failed on", HelpName = "queue" };
        var command = new Command("replay", "Move failed messages back to the queue they failed on, without the fault headers, same id and body");
        selection.AddTo(command);
        command.Add(queue);
        command.Add(dryRun);
        command.Add(rate);
        command.Add(to);
        command.SetAction((parsed, cancellationToken) =>
        {
            if (selection.Read(parsed, "replay", required: true) is not { } chosen)
                return Task.FromResult(cli.Usage(SelectionOptions.Missing("replay")));
            if (parsed.GetValue(rate) is { } perSecond && !(perSecond > 0 && perSecond <= 10_000))
                return Task.FromResult(cli.Usage("--rate must be a number of messages per second between 0 and 10000, e.g. --rate 50"));
            var target = parsed.GetValue(to) is { } text ? ErrorQueueNames.QueueNameOf(text) ?? "" : null;
            if (target is not null && (target.Length == 0 || ErrorQueueNames.IsErrorQueue(target)))
                return Task.FromResult(cli.Usage($"--to '{parsed.GetValue(to)}' is not a consumer queue; name the queue to replay to, e.g. --to processor"));

            return cli.WithBrokerAsync(parsed, cancellationToken, async (operations, broker, history) =>
            {
                if (target is not null)
                {
                    var queues = await broker.GetQueuesAsync(cancellationToken);
                    if (!queues.Any(q => q.Name == target))
                        throw new UnknownQueueException(target, queues.Select(q => q.Name).ToList());
                }

                var dry = parsed.GetValue(dryRun);
                var verb = dry ? "would move" : "moved";
                var tally = await ProgressView.RunAsync(cli.Console, dry ? "Dry run" : "Replaying",
                    m => $"{verb} {m.MessageId} {m.ErrorQueue} -> {target ?? m.SourceQueue}",
                    progress => operations.ReplayAsync(parsed.GetValue(queue), chosen, target, dry, parsed.GetValue(rate), progress, cancellationToken));
                if (!dry)
                    await RecordAsync(history, broker, "replay", chosen.ToString(), parsed.GetValue(queue), target, tally, cancellationToken);
                return Report(tally, dry ? "Dry run: would move" : "Replay: moved", dry ? "nothing was changed" : null);
            });
        });
        return command;
    }

    Command Purge()
    {
        var selection = new SelectionOptions();
        var queue = QueueOption();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        var command = new Command("purge", "Delete failed messages for good (export them first to keep them)");
        selection.AddTo(command);
        command.Add(queue);
        command.Add(yes);
        command.SetAction((parsed, cancellationToken) =>
        {
            if (selection.Read(parsed, "purge", required: true) is not { } chosen)
                return Task.FromResult(cli.Usage(SelectionOptions.Missing("purge")));

            return cli.WithBrokerAsync(parsed, cancellationToken, async (operations, broker, history) =>
            {
                var scope = parsed.GetValue(queue);
                if (!parsed.GetValue(yes))
                {
                    var count = (await operations.CountAsync(scope, chosen, cancellationToken)).Done;
                    if (count == 0)
                    {
                        cli.Console.Line("Nothing to purge.");
                        return ExitCodes.Success;
                    }

                    cli.Console.Out.Write(new Text($"Delete {count} failed message(s) ({chosen}) from {(scope is null ? "every error queue" : ErrorQueueNames.ErrorQueueOf(ErrorQueueNames.ConsumerQueueOf(scope)))} for good? [y/N] "));
                    var answer = (await cli.Console.Input.ReadLineAsync(cancellationToken))?.Trim();
                    if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                    {
                        cli.Console.Error.WriteLine("error: purge not confirmed; nothing was deleted (add --yes to skip the question)");
                        return ExitCodes.Partial;
                    }
                }

                var tally = await ProgressView.RunAsync(cli.Console, "Purging", m => $"deleted {m.MessageId} from {m.ErrorQueue}",
                    progress => operations.PurgeAsync(scope, chosen, progress, cancellationToken));
                await RecordAsync(history, broker, "purge", chosen.ToString(), scope, null, tally, cancellationToken);
                return Report(tally, "Purge: deleted", null);
            });
        });
        return command;
    }

    Command Export()
    {
        var file = new Argument<string>("file") { Description = "The file to write, one JSON line per message (.jsonl)" };
        var selection = new SelectionOptions();
        var queue = QueueOption();
        var force = new Option<bool>("--force") { Description = "Replace the file if it exists" };
        var command = new Command("export", "Write failed messages to a file (headers, body, fault, error queue), leaving them in place") { file };
        selection.AddTo(command);
        command.Add(queue);
        command.Add(force);
        command.SetAction((parsed, cancellationToken) =>
        {
            var chosen = selection.Read(parsed, "export", required: false) ?? Selection.All;
            var path = parsed.GetValue(file)!;
            if (File.Exists(path) && !parsed.GetValue(force))
                return Task.FromResult(cli.Usage($"{path} exists; choose another file or add --force to replace it"));
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory && !Directory.Exists(directory))
                return Task.FromResult(cli.Usage($"the folder {directory} does not exist; create it or choose another file"));

            return cli.WithBrokerAsync(parsed, cancellationToken, async (operations, _, _) =>
            {
                Tally tally;
                await using (var writer = ExportWriter.Create(path))
                {
                    tally = await ProgressView.RunAsync(cli.Console, "Exporting", m => $"exported {m.MessageId} from {m.ErrorQueue}",
                        progress => operations.ExportAsync(parsed.GetValue(queue), chosen, writer, progress, cancellationToken));
                    await writer.CommitAsync(overwrite: parsed.GetValue(force));
                }
                return Report(tally, "Export: wrote", $"to {path}; the messages are still in their error queues");
            });
        });
        return command;
    }

    Command Import()
    {
        var file = new Argument<string>("file") { Description = "A file written by errors export" };
        var queue = new Option<string?>("--queue") { Description = "Put every message into this queue's error queue instead of the one it came from", HelpName = "queue" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and say what would be imported" };
        var command = new Command("import", "Put exported messages back into their error queues (then replay them)") { file, queue, dryRun };
        command.SetAction((parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
                return Task.FromResult(cli.Usage($"{path} does not exist; give a file written by errors export"));

            return cli.WithBrokerAsync(parsed, cancellationToken, async (operations, broker, history) =>
            {
                var records = await ExportReader.ReadAsync(path, cancellationToken);
                var dry = parsed.GetValue(dryRun);
                var tally = await ProgressView.RunAsync(cli.Console, "Importing", m => $"{(dry ? "would import" : "imported")} {m.MessageId} into {m.ErrorQueue}",
                    progress => operations.ImportAsync(records, parsed.GetValue(queue), dry, progress, cancellationToken));
                if (!dry)
                    await RecordAsync(history, broker, "import", Path.GetFullPath(path), parsed.GetValue(queue), null, tally, cancellationToken);
                return Report(tally, dry ? "Dry run: would import" : "Import: imported", dry ? "nothing was changed" : null);
            });
        });
        return command;
    }

    Command HistoryCommand()
    {
        var last = new Option<int>("--last") { Description = "How many entries to show", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Write JSON lines for scripts, with the message ids" };
        var command = new Command("history", "The replays, purges and imports run from this machine, most recent last") { last, json };
        command.SetAction((parsed, cancellationToken) =>
        {
            if (parsed.GetValue(last) < 1)
                return Task.FromResult(cli.Usage("--last must be at least 1, e.g. --last 50"));
            return cli.WithHistoryAsync(parsed, cancellationToken, async history =>
            {
                var entries = await history.ReadAsync(parsed.GetValue(last), cancellationToken);
                if (parsed.GetValue(json))
                {
                    foreach (var entry in entries)
                        cli.Console.Json(JsonSerializer.Serialize(entry));
                    return ExitCodes.Success;
                }

                if (entries.Count == 0)
                {
                    cli.Console.Line($"No replays, purges or imports recorded in {history.Path} yet.");
                    return ExitCodes.Success;
                }

                var table = new Table().AddColumns("When", "Who", "Action", "Selection", "Queue", "Done", "Skipped", "Failed", "Broker");
                foreach (var entry in entries)
                {
                    table.AddRow(new Text(Formatting.Time(entry.At)), new Text(entry.User), new Text(entry.Action), new Text(entry.Selection),
                        new Text(entry.Queue ?? "-"), new Text($"{entry.Done}"), new Text($"{entry.Skipped}"), new Text($"{entry.Failed}"), new Text(entry.Broker));
                }
                cli.Console.Out.Write(table);
                return ExitCodes.Success;
            });
        });
        return command;
    }

    async Task RecordAsync(History history, IErrorQueueBroker broker, string action, string selection, string? queue, string? to,
        Tally tally, CancellationToken cancellationToken)
    {
        try
        {
            await history.AppendAsync(new HistoryEntry
            {
                At = DateTimeOffset.UtcNow,
                User = Environment.UserName,
                Broker = broker.Description,
                Action = action,
                Selection = selection,
                Queue = queue,
                To = to,
                Done = tally.Done,
                Skipped = tally.Skipped,
                Failed = tally.Failed,
                MessageIds = tally.DoneIds,
            }, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The messages have moved either way; say so rather than fail the command over its log.
            cli.Console.Error.WriteLine($"warning: could not record this in {history.Path}: {e.Message}");
        }
    }

    int Report(Tally tally, string done, string? note)
    {
        foreach (var problem in tally.Problems)
            cli.Console.Line($"  {problem}");
        cli.Console.Line($"{done} {tally.Done}, skipped {tally.Skipped}, failed {tally.Failed}{(note is null ? "" : $"; {note}")}");
        return tally.Complete ? ExitCodes.Success : ExitCodes.Partial;
    }

    static Option<string?> QueueOption() =>
        new("--queue") { Description = "Only this queue's errors (e.g. processor or processor_error)", HelpName = "queue" };
}
