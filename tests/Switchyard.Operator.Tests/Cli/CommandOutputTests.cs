using System.Text.Json;
using Switchyard.Operator.Tests.Fakes;

namespace Switchyard.Operator.Tests.Cli;

public class CommandOutputTests
{
    static FakeBroker Broker() => new FakeBroker()
        .WithFailed("processor",
            Failed.Message("a1", "System.TimeoutException", "HubSpot did not answer within 30 seconds"),
            Failed.Message("b1", "System.InvalidOperationException", "Deal 4242 has no pipeline", at: DateTimeOffset.Parse("2026-11-22T11:00:00Z", System.Globalization.CultureInfo.InvariantCulture)),
            Failed.Message("a2", "System.TimeoutException", "HubSpot did not answer within 45 seconds"))
        .WithQueue("dispatcher");

    [Fact]
    public async Task Queues_shows_ready_error_and_skipped_counts_per_queue()
    {
        var result = await CliRun.RunAsync(Broker(), "queues");

        result.ExitCode.ShouldBe(0);
        var lines = result.Output.Split('\n');
        lines.ShouldContain(l => l.Contains("processor ") && l.Contains(" 3 ") && l.Contains(" ago"));
        lines.ShouldContain(l => l.Contains("dispatcher ") && l.Contains(" 0 "));
    }

    [Fact]
    public async Task Errors_list_json_gives_one_group_per_problem_with_its_message_ids()
    {
        var result = await CliRun.RunAsync(Broker(), "errors", "list", "--json");

        result.ExitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("total").GetInt32().ShouldBe(3);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        groups.Count.ShouldBe(2);
        var timeouts = groups.Single(g => g.GetProperty("exceptionType").GetString() == "System.TimeoutException");
        timeouts.GetProperty("count").GetInt32().ShouldBe(2);
        timeouts.GetProperty("message").GetString().ShouldBe("HubSpot did not answer within <n> seconds");
        timeouts.GetProperty("messageIds").EnumerateArray().Select(e => e.GetString()).ShouldBe(["a1", "a2"]);
        timeouts.GetProperty("sourceQueues").EnumerateArray().Single().GetString().ShouldBe("processor");
        timeouts.GetProperty("messageTypes").EnumerateArray().Single().GetString().ShouldBe("Switchyard.Contracts.HubSpot.DealCreated");
        // The most recent problem first.
        groups[0].GetProperty("exceptionType").GetString().ShouldBe("System.InvalidOperationException");
    }

    [Fact]
    public async Task Errors_list_prints_a_table_of_groups()
    {
        var result = await CliRun.RunAsync(Broker(), "errors", "list", "processor");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("│ TimeoutException ");
        result.Output.ShouldContain("HubSpot did not answer within <n> seconds");
        result.Output.ShouldContain("3 failed message(s) in 2 group(s)");
    }

    [Fact]
    public async Task Errors_show_prints_fault_details_headers_and_the_body_pretty_printed()
    {
        var result = await CliRun.RunAsync(Broker(), "errors", "show", "b1");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("System.InvalidOperationException");
        result.Output.ShouldContain("Deal 4242 has no pipeline");
        result.Output.ShouldContain("Switchyard.Processor.Sync.OpportunitySyncConsumer.Consume");
        result.Output.ShouldContain("MT-Fault-InputAddress");
        result.Output.ShouldContain("worker-1");
        result.Output.ShouldContain("\"dealId\": 4242");
    }

    [Fact]
    public async Task Errors_show_of_an_unknown_id_says_so_and_exits_with_1()
    {
        var result = await CliRun.RunAsync(Broker(), "errors", "show", "zzz");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.Single().ShouldBe("error: no failed message has the id zzz; errors list --json shows the ids");
    }

    [Fact]
    public async Task Replay_prints_each_move_and_a_final_tally()
    {
        var broker = Broker();

        var result = await CliRun.RunAsync(broker, "errors", "replay", "--id", "a1", "b1");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("moved a1 processor_error -> processor");
        result.Output.ShouldContain("moved b1 processor_error -> processor");
        result.Output.TrimEnd().Split('\n')[^1].ShouldBe("Replay: moved 2, skipped 0, failed 0");
        broker.Messages("processor_error").Single().MessageId.ShouldBe("a2");
    }

    [Fact]
    public async Task A_replay_that_leaves_messages_behind_exits_with_1_and_says_why()
    {
        var broker = Broker();
        broker.Unroutable.Add("processor");

        var result = await CliRun.RunAsync(broker, "errors", "replay", "--all");

        result.ExitCode.ShouldBe(1);
        result.Output.TrimEnd().Split('\n')[^1].ShouldBe("Replay: moved 0, skipped 0, failed 3");
        result.Output.ShouldContain("a1: there is no queue 'processor' to replay to; the message stays in processor_error");
    }

    [Fact]
    public async Task A_dry_run_says_what_would_move()
    {
        var broker = Broker();

        var result = await CliRun.RunAsync(broker, "errors", "replay", "--all", "--dry-run");

        result.ExitCode.ShouldBe(0);
        result.Output.ShouldContain("would move a2 processor_error -> processor");
        result.Output.ShouldContain("Dry run: would move 3, skipped 0, failed 0; nothing was changed");
        broker.Sent.ShouldBeEmpty();
    }

    [Fact]
    public async Task Purge_asks_first_and_deletes_nothing_unless_confirmed()
    {
        var broker = Broker();

        var declined = await CliRun.AnsweringAsync(broker, "n\n", "errors", "purge", "--all");
        declined.ExitCode.ShouldBe(1);
        declined.Output.ShouldContain("Delete 3 failed message(s) (all) from every error queue for good? [y/N]");
        broker.Messages("processor_error").Count.ShouldBe(3);

        var confirmed = await CliRun.AnsweringAsync(broker, "y\n", "errors", "purge", "--id", "a1");
        confirmed.ExitCode.ShouldBe(0);
        confirmed.Output.ShouldContain("Purge: deleted 1, skipped 0, failed 0");
        broker.Messages("processor_error").Select(m => m.MessageId).ShouldBe(["b1", "a2"]);
    }

    [Fact]
    public async Task Purge_without_an_answer_deletes_nothing()
    {
        var broker = Broker();

        var result = await CliRun.AnsweringAsync(broker, "", "errors", "purge", "--all");

        result.ExitCode.ShouldBe(1);
        result.ErrorLines.Single().ShouldBe("error: purge not confirmed; nothing was deleted (add --yes to skip the question)");
        broker.Messages("processor_error").Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_broker_that_cannot_be_reached_is_one_line_and_exit_code_1()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = Switchyard.Operator.Cli.OperatorConsole.Plain(output, error, new StringReader(""));

        var exit = await Switchyard.Operator.Cli.OperatorCli.RunAsync(["queues"], console,
            (_, _) => throw new InvalidOperationException("RabbitMQ is not answering at localhost:5672 (vhost /)\nmore detail"),
            cancellationToken: TestContext.Current.CancellationToken);

        exit.ShouldBe(1);
        error.ToString().Trim().ShouldBe("error: RabbitMQ is not answering at localhost:5672 (vhost /)");
    }

    [Fact]
    public async Task Replays_purges_and_imports_are_recorded_in_the_history_and_dry_runs_are_not()
    {
        var broker = Broker();
        var history = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.jsonl");
        try
        {
            (await CliRun.RecordingAsync(broker, history, "errors", "replay", "--all", "--dry-run")).ExitCode.ShouldBe(0);
            (await CliRun.RecordingAsync(broker, history, "errors", "replay", "--id", "a1")).ExitCode.ShouldBe(0);
            (await CliRun.RecordingAsync(broker, history, "errors", "purge", "--id", "b1", "--yes")).ExitCode.ShouldBe(0);

            var json = await CliRun.RecordingAsync(broker, history, "errors", "history", "--json");
            var table = await CliRun.RecordingAsync(broker, history, "errors", "history");

            var entries = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            entries.Select(e => e.GetProperty("action").GetString()).ShouldBe(["replay", "purge"]);
            entries[0].GetProperty("messageIds").EnumerateArray().Single().GetString().ShouldBe("a1");
            entries[0].GetProperty("selection").GetString().ShouldBe("1 message id(s)");
            entries[1].GetProperty("done").GetInt32().ShouldBe(1);
            entries[1].GetProperty("broker").GetString().ShouldBe("fake broker");
            table.Output.ShouldContain("purge");
        }
        finally
        {
            File.Delete(history);
        }
    }
}
