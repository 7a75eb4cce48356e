using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Operator.Tests.Fakes;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.Scenarios;

/// <summary>No message lost: the tool killed in the middle of a large replay, then run again.</summary>
public sealed class CrashDuringReplayTests : IAsyncLifetime
{
    const int Messages = 300;

    readonly PaymentGateway _gateway = new();
    RabbitMqVirtualHost _virtualHost = null!;
    SwitchyardTestHost _billing = null!;

    public async ValueTask InitializeAsync()
    {
        _virtualHost = await RabbitMqBroker.Require().CreateVirtualHostAsync("operator-crash");
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

    [Fact]
    public async Task Killing_the_tool_mid_replay_and_running_it_again_consumes_every_message_with_at_most_one_duplicate()
    {
        var bus = _billing.Services.GetRequiredService<IBus>();
        var ids = Enumerable.Range(1, Messages).Select(_ => NewId.NextGuid()).ToList();
        for (var i = 0; i < Messages; i++)
        {
            var id = ids[i];
            await bus.Publish(new ChargeRequested(i + 1, "timeout"), context => context.MessageId = id, TestContext.Current.CancellationToken);
        }
        await Poll.UntilAsync(async () => await _virtualHost.CountMessagesAsync("billing_error") == Messages, $"{Messages} messages in billing_error");
        _gateway.Poisoned = false;

        // Slow enough (100 a second) that the kill lands mid-way, whatever the machine's speed.
        await using (var tool = OperatorProcess.Start(BrokerArguments.For(_virtualHost, "errors", "replay", "--all", "--rate", "100")))
        {
            await Poll.UntilAsync(() => tool.HasExited || tool.Output.Count(l => l.StartsWith("moved ", StringComparison.Ordinal)) >= 40,
                "the tool to move 40 messages");
            tool.HasExited.ShouldBeFalse(string.Join('\n', tool.Output));
            await tool.KillAsync();
        }

        // The messages the dead tool held unacknowledged are back in the error queue; the ones it moved are not.
        await Poll.UntilAsync(async () => await _virtualHost.CountMessagesAsync("billing_error") is > 0 and <= Messages - 40,
            "the killed tool's held messages to be back in billing_error");

        var rerun = await CliRun.RunAsync(null, BrokerArguments.For(_virtualHost, "errors", "replay", "--all"));
        rerun.ExitCode.ShouldBe(0, rerun.Output + rerun.Error);

        await Poll.UntilAsync(() => _gateway.Charged.Select(c => c.MessageId).Distinct().Count() == Messages, "every charge to be consumed");
        _gateway.Charged.Select(c => c.MessageId!.Value).Distinct().ShouldBe(ids, ignoreOrder: true);
        // At most the one message in flight when the tool died went twice: sent and confirmed, not yet removed.
        _gateway.Charged.Count.ShouldBeLessThanOrEqualTo(Messages + 1);
        (await _virtualHost.CountMessagesAsync("billing_error")).ShouldBe(0u);
        (await _virtualHost.CountMessagesAsync("billing")).ShouldBe(0u);
    }
}
