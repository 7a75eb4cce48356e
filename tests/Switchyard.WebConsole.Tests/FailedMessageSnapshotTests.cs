using System.Globalization;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.Operator.Failures;
using Switchyard.Testing;
using Switchyard.WebConsole.Failures;

namespace Switchyard.WebConsole.Tests;

/// <summary>
/// The failed-messages pages' shared read of the error queues: views share one read for a while, and what the console
/// does to the queues shows at once. The console on the in-memory transport, whose error queues it reads in process.
/// </summary>
public sealed class FailedMessageSnapshotTests : IAsyncLifetime
{
    readonly string _data = Path.Combine(Path.GetTempPath(), "switchyard-console-snapshot-" + Guid.NewGuid().ToString("N"));
    SwitchyardTestHost _host = null!;

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        _host = await SwitchyardTestHost.StartAsync([new ConsoleModule()], new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            ["Auth:SigningKey"] = "console-snapshot-test-signing-key-0123456789",
            ["Console:Storage:ConnectionString"] = $"Data Source={Path.Combine(_data, "console.db")}",
            ["Console:HistoryFile"] = Path.Combine(_data, "history.jsonl"),
            // Longer than the test: only what the console does, or a view asking for it, may bring a new read.
            ["Console:FailedMessagesMaxAge"] = "00:05:00",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    static byte[] Body(string id, int n) => Encoding.UTF8.GetBytes($"{{\"messageId\":\"{id}\",\"message\":{{\"n\":{n}}}}}");

    string Fail(int n, string? id = null, string exception = "System.TimeoutException")
    {
        id ??= NewId.NextGuid().ToString();
        _host.Services.GetRequiredService<InMemoryErrorQueues>().Import("console_error", new TransportMessage
        {
            MessageId = id,
            ContentType = "application/vnd.masstransit+json",
            Body = Body(id, n),
            Headers = new Dictionary<string, object>
            {
                [MessageHeaders.FaultExceptionType] = exception,
                [MessageHeaders.FaultMessage] = $"Attempt {n} timed out.",
                [MessageHeaders.FaultTimestamp] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                [MessageHeaders.FaultInputAddress] = "loopback://localhost/console",
                [MessageHeaders.Reason] = "fault",
            },
        });
        return id;
    }

    [Fact]
    public async Task Views_share_one_read_until_asked_for_a_new_one_and_a_purge_by_the_console_shows_on_the_next_view()
    {
        var snapshot = _host.Services.GetRequiredService<FailedMessageSnapshot>();
        var first = Fail(1);
        Fail(2);

        var read = await snapshot.GetAsync(fresh: false, Cancellation);
        read.Messages.Count.ShouldBe(2);
        var group = read.Groups.ShouldHaveSingleItem();
        group.Count.ShouldBe(2);
        read.InGroup(group.Fingerprint).Select(m => m.MessageId).ShouldContain(first);
        read.Find(first).ShouldNotBeNull().Message.Body.ShouldBe(Body(first, 1));

        // A failure since the read: the next views show the shared read, as the page says, until one asks for a new one.
        Fail(3);
        (await snapshot.GetAsync(fresh: false, Cancellation)).ShouldBeSameAs(read);
        var again = await snapshot.GetAsync(fresh: true, Cancellation);
        again.Messages.Count.ShouldBe(3);
        (await snapshot.GetAsync(fresh: false, Cancellation)).ShouldBeSameAs(again);
        // What the first read worked out for a message still there unchanged is kept, not worked out again.
        again.Find(first).ShouldBeSameAs(read.Find(first));

        // The console's own operation acts on the broker, and the next view reads it again without being asked.
        var runner = _host.Services.GetRequiredService<OperationRunner>();
        runner.Start("ops", ConsoleActions.Purge, Selection.OfIds([first]), rate: null);
        await Poll.UntilAsync(() => runner.Running.Count == 0, "the purge to end", TimeSpan.FromSeconds(60));
        var afterPurge = await snapshot.GetAsync(fresh: false, Cancellation);
        afterPurge.ShouldNotBeSameAs(again);
        afterPurge.Messages.Count.ShouldBe(2);
        afterPurge.Find(first).ShouldBeNull();
        _host.Services.GetRequiredService<InMemoryErrorQueues>().Count("console_error").ShouldBe(2);
    }

    [Fact]
    public async Task Views_that_come_while_a_read_is_under_way_share_it()
    {
        var snapshot = _host.Services.GetRequiredService<FailedMessageSnapshot>();
        for (var i = 0; i < 300; i++)
            Fail(i);

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => snapshot.GetAsync(fresh: false, Cancellation)));

        reads.Distinct().ShouldHaveSingleItem().Messages.Count.ShouldBe(300);
    }

    [Fact]
    public async Task A_message_that_failed_again_differently_since_the_last_read_is_read_anew_with_its_new_fault()
    {
        var snapshot = _host.Services.GetRequiredService<FailedMessageSnapshot>();
        var queues = _host.Services.GetRequiredService<InMemoryErrorQueues>();
        var id = Fail(1);
        var before = (await snapshot.GetAsync(fresh: false, Cancellation)).Find(id).ShouldNotBeNull();

        // Replayed by another tool and failed again, for another reason: the same id, a new fault.
        queues.Remove("console_error", id).ShouldBeTrue();
        Fail(1, id, "System.InvalidOperationException");
        var after = await snapshot.GetAsync(fresh: true, Cancellation);

        var message = after.Find(id).ShouldNotBeNull();
        message.ShouldNotBeSameAs(before);
        message.Fault.ExceptionType.ShouldBe("System.InvalidOperationException");
        after.Groups.ShouldHaveSingleItem().ExceptionType.ShouldBe("System.InvalidOperationException");
        message.Fingerprint.ShouldNotBe(before.Fingerprint);
    }
}
