using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>What MassTransit really puts in an error queue, read and sent back to the real consumer.</summary>
public class RabbitMqMassTransitReplayTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_message_MassTransit_faulted_and_sent_back_without_its_fault_headers_is_consumed_by_the_real_consumer()
    {
        await using var bed = await ErrorQueueTestBed.StartAsync("replay");
        await using var host = await SwitchyardTestHost.StartAsync([new FlakyModule()], bed.VirtualHost.BusSettings);
        var flaky = host.Services.GetRequiredService<FlakySwitch>();
        var errorQueue = ErrorQueueNames.ErrorQueueOf(FlakyModule.Queue);
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{FlakyModule.Queue}"));
        await endpoint.Send(new OperatorProbe("deal 42"), Cancellation);
        await bed.WaitForCountAsync(errorQueue, 1);
        await using var broker = await bed.ConnectAsync();

        // The listing shows the failure, and not the host's temporary bus queue beside it.
        var queues = await broker.GetQueuesAsync(Cancellation);
        var status = queues.ShouldHaveSingleItem();
        status.Name.ShouldBe(FlakyModule.Queue);
        status.Errors.ShouldBe(1);
        status.OldestError.ShouldNotBeNull();

        flaky.Failing = false;
        string? replayed = null;
        await foreach (var entry in broker.ReadAsync(errorQueue, Cancellation))
        {
            entry.Fault.ExceptionType.ShouldBe(typeof(InvalidOperationException).FullName);
            entry.Fault.Message.ShouldBe("The probe 'deal 42' cannot be handled yet.");
            entry.Fault.StackTrace.ShouldNotBeNullOrEmpty();
            entry.Fault.Reason.ShouldBe("fault");
            entry.Fault.Timestamp.ShouldBe(status.OldestError);
            entry.Fault.ConsumerType.ShouldNotBeNull().ShouldContain(nameof(FlakyConsumer));
            var target = ErrorQueueNames.QueueNameOf(entry.Fault.InputAddress);
            target.ShouldBe(FlakyModule.Queue);

            var clean = entry.Message.WithoutHeaders(name =>
                name.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase) || name.Equals("MT-Reason", StringComparison.OrdinalIgnoreCase));
            await broker.SendAsync(target!, clean, Cancellation);
            await entry.RemoveAsync(Cancellation);
            replayed = entry.Message.MessageId;
        }

        replayed.ShouldNotBeNull();
        await Poll.UntilAsync(() => !flaky.Consumed.IsEmpty, "the consumer to take the replayed message");
        var consumed = flaky.Consumed.ShouldHaveSingleItem();
        consumed.Message.ShouldBe(new OperatorProbe("deal 42"));
        consumed.MessageId.ToString().ShouldBe(replayed);
        (await bed.VirtualHost.CountMessagesAsync(errorQueue)).ShouldBe(0u);
    }
}
