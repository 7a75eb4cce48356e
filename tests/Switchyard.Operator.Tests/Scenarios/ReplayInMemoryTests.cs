using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Operator.Tests.Fakes;
using Switchyard.Operator.Tests.InMemory;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.Scenarios;

/// <summary>The same day on the in-memory transport: the tool reaches the host's error queues over its admin surface.</summary>
public sealed class ReplayInMemoryTests : IAsyncLifetime
{
    readonly PaymentGateway _gateway = new();
    SwitchyardTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await SwitchyardTestHost.StartAsync([new ReceiptModule(), new BillingModule(_gateway)],
            OperatorHost.Settings.Append(new("Bus:Retry:Enabled", "false")));

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync();
    }

    Task<CliResult> OperatorAsync(params string[] command) =>
        CliRun.ConfiguredAsync(new Dictionary<string, string?>
        {
            ["Operator:Client"] = OperatorHost.Admin,
            ["Operator:ApiKey"] = OperatorHost.AdminKey,
        }, [.. command, "--transport", "InMemory", "--url", _host.BaseAddress.ToString()]);

    [Fact]
    public async Task The_tool_lists_groups_and_replays_one_group_on_the_in_memory_host()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var timeouts = new List<Guid>();
        foreach (var (number, problem) in new[] { (1, "timeout"), (2, "locked"), (3, "timeout") })
        {
            var id = NewId.NextGuid();
            await bus.Publish(new ChargeRequested(number, problem), context => context.MessageId = id, TestContext.Current.CancellationToken);
            if (problem == "timeout")
                timeouts.Add(id);
        }
        await Poll.UntilAsync(async () =>
        {
            var queues = await OperatorAsync("queues", "--json");
            return queues.ExitCode == 0 && JsonDocument.Parse(queues.Output).RootElement.EnumerateArray()
                .Any(q => q.GetProperty("queue").GetString() == "billing" && q.GetProperty("errors").GetInt64() == 3);
        }, "three failed charges in the in-memory error store");

        var list = await OperatorAsync("errors", "list", "--json");
        list.ExitCode.ShouldBe(0, list.Error);
        var groups = JsonDocument.Parse(list.Output).RootElement.GetProperty("groups").EnumerateArray().ToList();
        groups.Count.ShouldBe(2);
        var timeoutGroup = groups.Single(g => g.GetProperty("count").GetInt32() == 2);

        _gateway.Poisoned = false;
        var replay = await OperatorAsync("errors", "replay", "--group", timeoutGroup.GetProperty("fingerprint").GetString()!);

        replay.ExitCode.ShouldBe(0, replay.Output + replay.Error);
        replay.Output.ShouldContain("Replay: moved 2, skipped 0, failed 0");
        await Poll.UntilAsync(() => _gateway.Charged.Count == 2, "the replayed charges to be consumed");
        _gateway.Charged.Select(c => c.MessageId!.Value).ShouldBe(timeouts, ignoreOrder: true);
        var left = await OperatorAsync("errors", "list", "--json");
        JsonDocument.Parse(left.Output).RootElement.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_key_the_tool_says_how_to_give_one()
    {
        var result = await CliRun.ConfiguredAsync(new Dictionary<string, string?> { ["Operator:ApiKey"] = "" },
            "queues", "--transport", "InMemory", "--url", _host.BaseAddress.ToString());

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.Single().ShouldBe("error: Operator:ApiKey is not set: set the environment variable Operator__ApiKey to the key of an admin client of that host");
    }
}
