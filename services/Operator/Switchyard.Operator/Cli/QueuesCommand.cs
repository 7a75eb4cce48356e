using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Switchyard.Operator.Cli;

/// <summary><c>queues</c>: every Switchyard queue with its ready, error and skipped counts.</summary>
internal sealed class QueuesCommand(OperatorCli cli)
{
    readonly Option<bool> _json = new("--json") { Description = "Write JSON for scripts" };

    public Command Build()
    {
        var command = new Command("queues", "Every queue with messages ready, in error and skipped, and the age of the oldest error") { _json };
        command.SetAction((parsed, cancellationToken) => cli.WithBrokerAsync(parsed, cancellationToken, async (_, broker, _) =>
        {
            var queues = await broker.GetQueuesAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            if (parsed.GetValue(_json))
            {
                cli.Console.Json(JsonSerializer.Serialize(queues.Select(q => new
                {
                    queue = q.Name,
                    ready = q.Ready,
                    errors = q.Errors,
                    skipped = q.Skipped,
                    oldestError = q.OldestError,
                    oldestErrorAgeSeconds = q.OldestError is { } at ? (long?)(now - at).TotalSeconds : null,
                }), Formatting.Json));
                return ExitCodes.Success;
            }

            cli.Console.Line(broker.Description);
            if (queues.Count == 0)
            {
                cli.Console.Line("No queues yet: they appear once the services have started on this broker.");
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Queue", "Ready", "Errors", "Skipped", "Oldest error");
            foreach (var queue in queues)
            {
                table.AddRow(
                    new Text(queue.Name),
                    new Text(Formatting.Count(queue.Ready)),
                    new Text(Formatting.Count(queue.Errors), queue.Errors > 0 ? new Style(Color.Red) : Style.Plain),
                    new Text(Formatting.Count(queue.Skipped), queue.Skipped > 0 ? new Style(Color.Yellow) : Style.Plain),
                    new Text(queue.OldestError is { } at ? $"{Formatting.Age(now - at)} ago" : "-"));
            }
            cli.Console.Out.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
