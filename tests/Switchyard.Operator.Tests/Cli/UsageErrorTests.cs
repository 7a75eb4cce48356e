using Switchyard.Operator.Tests.Fakes;

namespace Switchyard.Operator.Tests.Cli;

/// <summary>Bad command lines: exit code 2, one line on standard error that says how to fix it, nothing done.</summary>
public class UsageErrorTests
{
    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["errors", "replay"], "choose what to replay: --all, --group <fingerprint> or --id <message-id>" },
        { ["errors", "purge", "--yes"], "choose what to purge: --all, --group <fingerprint> or --id <message-id>" },
        { ["errors", "replay", "--all", "--id", "a1"], "give only one of --all, --group and --id to replay" },
        { ["errors", "replay", "--group", "timeouts"], "--group 'timeouts' is not a group fingerprint (12 hex digits" },
        { ["errors", "replay", "--all", "--rate", "0"], "--rate must be a number of messages per second" },
        { ["errors", "replay", "--all", "--rate", "fast"], "Cannot parse argument 'fast' for option '--rate'" },
        { ["errors", "replay", "--all", "--to", "processor_error"], "--to 'processor_error' is not a consumer queue" },
        { ["errors", "replay", "--all", "--to", "nowhere"], "there is no queue 'nowhere': use one of dispatcher, processor" },
        { ["errors", "list", "nowhere"], "there is no queue 'nowhere': use one of dispatcher, processor" },
        { ["errors", "import", "/no/such/file.jsonl"], "/no/such/file.jsonl does not exist; give a file written by errors export" },
        { ["errors", "export", "/no/such/folder/out.jsonl"], "the folder /no/such/folder does not exist" },
        { ["errors", "frobnicate"], "Unrecognized command or argument 'frobnicate'; see 'switchyard-operator errors --help'" },
        { ["queues", "--bogus"], "Unrecognized command or argument '--bogus'; see 'switchyard-operator queues --help'" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_bad_command_line_exits_with_2_and_one_line_that_names_the_fix(string[] args, string expected)
    {
        var broker = new FakeBroker().WithFailed("processor", Failed.Message("a1", "E", "m")).WithQueue("dispatcher");

        var result = await CliRun.RunAsync(broker, args);

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.Count.ShouldBe(1);
        result.ErrorLines[0].ShouldStartWith("error: ");
        result.ErrorLines[0].ShouldContain(expected);
        result.Error.ShouldNotContain("   at ");
        broker.Sent.ShouldBeEmpty();
        broker.Messages("processor_error").Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_transport_is_a_usage_error_that_lists_the_transports()
    {
        var result = await CliRun.RunAsync(null, "queues", "--transport", "Kafka");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.Single().ShouldBe("error: Bus:Transport 'Kafka' is not a transport: use InMemory, RabbitMq or AmazonSqs.");
    }

    [Fact]
    public async Task A_missing_settings_file_is_a_usage_error()
    {
        var result = await CliRun.RunAsync(null, "queues", "--settings", "/no/appsettings.json");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.Single().ShouldBe("error: the settings file '/no/appsettings.json' does not exist; give the path of an appsettings.json");
    }

    [Fact]
    public async Task An_export_over_an_existing_file_needs_force()
    {
        var file = Path.GetTempFileName();
        try
        {
            var result = await CliRun.RunAsync(new FakeBroker().WithQueue("processor"), "errors", "export", file);

            result.ExitCode.ShouldBe(2);
            result.ErrorLines.Single().ShouldBe($"error: {file} exists; choose another file or add --force to replace it");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_malformed_import_file_names_the_line_and_imports_nothing()
    {
        var broker = new FakeBroker().WithFailed("processor", Failed.Message("a1", "E", "m"));
        var file = Path.GetTempFileName();
        try
        {
            var good = await CliRun.RunAsync(broker, "errors", "show", "a1", "--json");
            await File.WriteAllLinesAsync(file, [good.Output.Trim(), "{\"format\":\"switchyard-error/1\",\"queue\":\"processor\"", ""], TestContext.Current.CancellationToken);
            var purged = await CliRun.RunAsync(broker, "errors", "purge", "--all", "--yes");
            purged.ExitCode.ShouldBe(0);

            var result = await CliRun.RunAsync(broker, "errors", "import", file);

            result.ExitCode.ShouldBe(2);
            result.ErrorLines.Single().ShouldStartWith($"error: {file} line 2: not a JSON record");
            result.ErrorLines.Single().ShouldEndWith("nothing was imported");
            broker.Messages("processor_error").ShouldBeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
