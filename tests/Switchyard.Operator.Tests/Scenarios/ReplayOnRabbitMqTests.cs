using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Operator.Tests.Fakes;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.Scenarios;

/// <summary>
/// The operator's day on the real broker: a dependency breaks, messages land in the error queue, the tool groups them
/// by problem, the dependency is fixed, and the tool replays what can now succeed.
/// </summary>
public sealed class ReplayOnRabbitMqTests : IAsyncLifetime
{
    readonly PaymentGateway _gateway = new();
    RabbitMqVirtualHost _virtualHost = null!;
    SwitchyardTestHost _billing = null!;

    public async ValueTask InitializeAsync()
    {
        var broker = RabbitMqBroker.Require();
        _virtualHost = await broker.CreateVirtualHostAsync("operator");
        _billing = await SwitchyardTestHost.StartAsync([new BillingModule(_gateway)],
            _virtualHost.BusSettings.Append(new("Bus:Retry:Enabled", "false")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_billing is not null)
            await _billing.DisposeAsync();
        if (_virtualHost is not null)
            await _virtualHost.DisposeAsync();
    }

    async Task<List<Guid>> FailAsync(string problem, params int[] numbers)
    {
        var bus = _billing.Services.GetRequiredService<IBus>();
        var ids = new List<Guid>();
        foreach (var number in numbers)
        {
            var id = NewId.NextGuid();
            await bus.Publish(new ChargeRequested(number, problem), context => context.MessageId = id, TestContext.Current.CancellationToken);
            ids.Add(id);
        }
        return ids;
    }

    Task WaitForErrorsAsync(uint count) =>
        Poll.UntilAsync(async () => await _virtualHost.CountMessagesAsync("billing_error") == count, $"{count} messages in billing_error");

    Task<CliResult> OperatorAsync(params string[] command) => CliRun.RunAsync(null, BrokerArguments.For(_virtualHost, command));

    [Fact]
    public async Task Two_problems_make_two_groups_and_replaying_one_group_after_the_fix_consumes_exactly_its_messages()
    {
        var timeouts = await FailAsync("timeout", 1, 2, 3);
        var locked = await FailAsync("locked", 4, 5);
        await WaitForErrorsAsync(5);

        var list = await OperatorAsync("errors", "list", "billing", "--json");
        list.ExitCode.ShouldBe(0, list.Error);
        using var json = JsonDocument.Parse(list.Output);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        groups.Count.ShouldBe(2);
        var timeoutGroup = groups.Single(g => g.GetProperty("exceptionType").GetString() == "System.TimeoutException");
        timeoutGroup.GetProperty("count").GetInt32().ShouldBe(3);
        timeoutGroup.GetProperty("message").GetString().ShouldBe("The gateway did not answer charge <n> within <n> ms");
        timeoutGroup.GetProperty("sourceQueues").EnumerateArray().Single().GetString().ShouldBe("billing");
        timeoutGroup.GetProperty("messageIds").EnumerateArray().Select(e => Guid.Parse(e.GetString()!)).ShouldBe(timeouts, ignoreOrder: true);
        groups.Single(g => g.GetProperty("exceptionType").GetString() == "System.InvalidOperationException")
            .GetProperty("count").GetInt32().ShouldBe(2);

        _gateway.Poisoned = false;
        var replay = await OperatorAsync("errors", "replay", "--group", timeoutGroup.GetProperty("fingerprint").GetString()!);

        replay.ExitCode.ShouldBe(0, replay.Output + replay.Error);
        replay.Output.ShouldContain("Replay: moved 3, skipped 0, failed 0");
        await Poll.UntilAsync(() => _gateway.Charged.Count == 3, "the three replayed charges to be consumed");
        _gateway.Charged.Select(c => c.MessageId!.Value).ShouldBe(timeouts, ignoreOrder: true);
        var left = await _virtualHost.PeekAsync("billing_error");
        left.Select(m => Guid.Parse(m.MessageId!)).ShouldBe(locked, ignoreOrder: true);
        left.ShouldAllBe(m => m.Headers["MT-Fault-ExceptionType"] == "System.InvalidOperationException");
    }

    [Fact]
    public async Task A_dry_run_changes_nothing()
    {
        await FailAsync("timeout", 1, 2);
        await WaitForErrorsAsync(2);
        var before = await _virtualHost.PeekAsync("billing_error");
        _gateway.Poisoned = false;

        var dryRun = await OperatorAsync("errors", "replay", "--all", "--dry-run");

        dryRun.ExitCode.ShouldBe(0, dryRun.Error);
        dryRun.Output.ShouldContain("Dry run: would move 2, skipped 0, failed 0; nothing was changed");
        var after = await _virtualHost.PeekAsync("billing_error");
        after.Select(m => m.MessageId).ShouldBe(before.Select(m => m.MessageId));
        after.Select(m => m.Body).ShouldBe(before.Select(m => m.Body));
        (await _virtualHost.CountMessagesAsync("billing")).ShouldBe(0u);
        _gateway.Charged.ShouldBeEmpty();
    }

    [Fact]
    public async Task Export_purge_import_and_replay_consume_every_message_exactly_once()
    {
        var ids = (await FailAsync("timeout", 1, 2, 3)).Concat(await FailAsync("locked", 4)).ToList();
        await WaitForErrorsAsync(4);
        var file = Path.Combine(Path.GetTempPath(), $"billing-errors-{Guid.NewGuid():N}.jsonl");
        try
        {
            (await OperatorAsync("errors", "export", file)).Output.ShouldContain("Export: wrote 4, skipped 0, failed 0");
            (await _virtualHost.CountMessagesAsync("billing_error")).ShouldBe(4u);
            (await OperatorAsync("errors", "purge", "--all", "--yes")).Output.ShouldContain("Purge: deleted 4, skipped 0, failed 0");
            (await _virtualHost.CountMessagesAsync("billing_error")).ShouldBe(0u);

            var import = await OperatorAsync("errors", "import", file);
            import.ExitCode.ShouldBe(0, import.Error);
            import.Output.ShouldContain("Import: imported 4, skipped 0, failed 0");
            (await _virtualHost.CountMessagesAsync("billing_error")).ShouldBe(4u);

            _gateway.Poisoned = false;
            (await OperatorAsync("errors", "replay", "--all")).Output.ShouldContain("Replay: moved 4, skipped 0, failed 0");

            await Poll.UntilAsync(() => _gateway.Charged.Count >= 4, "every imported charge to be consumed");
            _gateway.Charged.Select(c => c.MessageId!.Value).ShouldBe(ids, ignoreOrder: true);
            (await _virtualHost.CountMessagesAsync("billing_error")).ShouldBe(0u);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Queues_shows_the_error_count_and_the_age_of_the_oldest_error()
    {
        await FailAsync("locked", 1, 2);
        await WaitForErrorsAsync(2);

        var queues = await OperatorAsync("queues", "--json");

        queues.ExitCode.ShouldBe(0, queues.Error);
        using var json = JsonDocument.Parse(queues.Output);
        var billing = json.RootElement.EnumerateArray().Single(q => q.GetProperty("queue").GetString() == "billing");
        billing.GetProperty("errors").GetInt64().ShouldBe(2);
        billing.GetProperty("oldestErrorAgeSeconds").GetInt64().ShouldBeInRange(0, 600);
    }

    [Fact]
    public async Task Errors_show_prints_what_MassTransit_recorded_about_the_failure()
    {
        var id = (await FailAsync("locked", 7)).Single();
        await WaitForErrorsAsync(1);

        var show = await OperatorAsync("errors", "show", id.ToString());

        show.ExitCode.ShouldBe(0, show.Error);
        show.Output.ShouldContain("Account 9007 is locked");
        show.Output.ShouldContain("Switchyard.Operator.Tests.Scenarios.ChargeConsumer");
        show.Output.ShouldContain("PaymentGateway.Charge");
        show.Output.ShouldContain("\"problem\": \"locked\"");
    }
}
