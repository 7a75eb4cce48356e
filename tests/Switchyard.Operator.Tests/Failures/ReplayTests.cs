using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Failures;
using Switchyard.Operator.Tests.Fakes;

namespace Switchyard.Operator.Tests.Failures;

public class ReplayTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static FakeBroker TwoProblems() => new FakeBroker()
        .WithFailed("processor",
            Failed.Message("a1", "System.TimeoutException", "HubSpot did not answer within 30 seconds"),
            Failed.Message("b1", "System.InvalidOperationException", "Deal 4242 has no pipeline"),
            Failed.Message("a2", "System.TimeoutException", "HubSpot did not answer within 31 seconds"))
        .WithQueue("dispatcher");

    [Fact]
    public async Task Replaying_a_group_moves_exactly_its_messages_back_to_the_queue_they_failed_on()
    {
        var broker = TwoProblems();
        var operations = new ErrorQueueOperations(broker);
        var timeouts = Fingerprint.Of(FaultDetails.FromHeaders(broker.Messages("processor_error")[0]));

        var tally = await operations.ReplayAsync(null, Selection.OfGroup(timeouts), null, dryRun: false, rate: null, NoProgress.Instance, Token);

        tally.Done.ShouldBe(2);
        tally.Complete.ShouldBeTrue();
        broker.Messages("processor").Select(m => m.MessageId).ShouldBe(["a1", "a2"]);
        broker.Messages("processor_error").Select(m => m.MessageId).ShouldBe(["b1"]);
    }

    [Fact]
    public async Task A_replayed_message_keeps_its_id_body_and_own_headers_and_loses_the_marks_of_its_failure()
    {
        var broker = TwoProblems();
        var original = broker.Messages("processor_error").Single(m => m.MessageId == "b1");

        await new ErrorQueueOperations(broker).ReplayAsync(null, Selection.OfIds(["b1"]), null, false, null, NoProgress.Instance, Token);

        var replayed = broker.Messages("processor").Single();
        replayed.MessageId.ShouldBe("b1");
        replayed.Body.ShouldBe(original.Body);
        replayed.ContentType.ShouldBe(original.ContentType);
        replayed.Headers.Keys.Order().ShouldBe(["MT-Activity-Id", "OrderingKey"]);
    }

    [Fact]
    public async Task A_dry_run_counts_what_would_move_and_changes_nothing()
    {
        var broker = TwoProblems();

        var tally = await new ErrorQueueOperations(broker).ReplayAsync(null, Selection.All, null, dryRun: true, rate: null, NoProgress.Instance, Token);

        tally.Done.ShouldBe(3);
        broker.Sent.ShouldBeEmpty();
        broker.Messages("processor_error").Count.ShouldBe(3);
    }

    [Fact]
    public async Task Replaying_to_a_chosen_queue_sends_there()
    {
        var broker = TwoProblems();

        await new ErrorQueueOperations(broker).ReplayAsync(null, Selection.OfIds(["a1"]), "dispatcher", false, null, NoProgress.Instance, Token);

        broker.Messages("dispatcher").Single().MessageId.ShouldBe("a1");
        broker.Messages("processor").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_message_whose_target_queue_is_missing_stays_in_the_error_queue_and_counts_as_failed()
    {
        var broker = TwoProblems();
        broker.Unroutable.Add("processor");

        var tally = await new ErrorQueueOperations(broker).ReplayAsync(null, Selection.OfIds(["a1"]), null, false, null, NoProgress.Instance, Token);

        tally.Failed.ShouldBe(1);
        tally.Problems.Single().ShouldContain("there is no queue 'processor'");
        broker.Messages("processor_error").Select(m => m.MessageId).ShouldContain("a1");
    }

    [Fact]
    public async Task Ids_that_are_not_in_any_error_queue_are_reported_as_skipped()
    {
        var tally = await new ErrorQueueOperations(TwoProblems()).ReplayAsync(null, Selection.OfIds(["a1", "nope"]), null, false, null, NoProgress.Instance, Token);

        tally.Done.ShouldBe(1);
        tally.Skipped.ShouldBe(1);
        tally.Problems.Single().ShouldStartWith("nope: not found");
    }

    [Fact]
    public async Task A_consumer_that_still_fails_does_not_make_the_replay_chase_its_own_tail()
    {
        var broker = TwoProblems();
        // The consumer fails again at once: every replayed message lands back in the error queue.
        broker.AfterSend = (queue, message) =>
        {
            if (queue == "processor")
                broker.SendAsync("processor_error", Failed.Message(message.MessageId, "System.TimeoutException", "again"), Token);
        };

        var tally = await new ErrorQueueOperations(broker).ReplayAsync(null, Selection.All, null, false, null, NoProgress.Instance, Token);

        tally.Done.ShouldBe(3);
        broker.Sent.Count(s => s.Queue == "processor").ShouldBe(3);
        broker.Messages("processor_error").Count.ShouldBe(3);
    }

    [Fact]
    public async Task Export_then_purge_then_import_restores_every_message_byte_for_byte_and_a_second_import_adds_nothing()
    {
        var broker = TwoProblems();
        var before = broker.Messages("processor_error");
        var file = Path.Combine(Path.GetTempPath(), $"errors-{Guid.NewGuid():N}.jsonl");
        var operations = new ErrorQueueOperations(broker);
        try
        {
            await using (var writer = ExportWriter.Create(file))
            {
                (await operations.ExportAsync(null, Selection.All, writer, NoProgress.Instance, Token)).Done.ShouldBe(3);
                await writer.CommitAsync(overwrite: false);
            }
            (await operations.PurgeAsync(null, Selection.All, NoProgress.Instance, Token)).Done.ShouldBe(3);
            broker.Messages("processor_error").ShouldBeEmpty();

            var records = await ExportReader.ReadAsync(file, Token);
            (await operations.ImportAsync(records, null, false, NoProgress.Instance, Token)).Done.ShouldBe(3);
            var again = await operations.ImportAsync(records, null, false, NoProgress.Instance, Token);

            again.Done.ShouldBe(0);
            again.Skipped.ShouldBe(3);
            var after = broker.Messages("processor_error");
            after.Select(m => m.MessageId).ShouldBe(before.Select(m => m.MessageId));
            for (var i = 0; i < before.Count; i++)
            {
                after[i].Body.ShouldBe(before[i].Body);
                after[i].Headers.ShouldBe(before[i].Headers, ignoreOrder: true);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_export_that_fails_half_way_leaves_no_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"errors-{Guid.NewGuid():N}.jsonl");
        await using (var writer = ExportWriter.Create(file))
            await writer.WriteAsync(ExportRecord.Of(new FailedMessage("processor_error", Failed.Message("a", "E", "m"), new FaultDetails())), Token);

        File.Exists(file).ShouldBeFalse();
        Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*").ShouldBeEmpty();
    }
}
