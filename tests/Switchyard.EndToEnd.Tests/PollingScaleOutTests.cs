using System.Collections.Concurrent;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Polling;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// Polling Partner Central with two processors on one RabbitMQ broker and one store, against the Partner Central
/// emulator over HTTP: both tick, one polls, about once per interval; when it stops, the other polls on from the
/// checkpoint they share.
/// </summary>
public class PollingScaleOutTests
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    // The measurement: ten intervals. On a loaded machine a poll's request may reach the emulator a while after the
    // poll started, so the window's count is bounded by the polls that started up to this long before it.
    const int IntervalsMeasured = 10;
    static readonly TimeSpan RequestDelayAllowed = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Two_processors_poll_Partner_Central_about_once_per_interval_and_when_the_polling_one_stops_the_other_resumes_from_the_shared_checkpoint()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("polling");
        await using var crm = await CrmEmulators.StartAsync();
        var emulator = crm.PartnerCentral.Emulator;
        var store = Path.Combine(Path.GetTempPath(), "switchyard-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(store)!);
        var settings = virtualHost.BusSettings.Concat(crm.ProcessorSettings).ToDictionary();
        settings["Processor:Storage:ConnectionString"] = $"Data Source={store};Pooling=false";
        settings["Processor:Polling:Interval"] = Interval.ToString("c", CultureInfo.InvariantCulture);
        // No overlap: a poll lists from the newest change already published, so any older change listed again after
        // the stop would be a poll that did not resume from the checkpoint.
        settings["Processor:Polling:Overlap"] = "00:00:00";
        var ticks = new[] { new PollTicks(), new PollTicks() };
        var published = new[] { new PublishRecorder(), new PublishRecorder() };
        var hosts = new SwitchyardTestHost?[2];
        try
        {
            for (var i = 0; i < hosts.Length; i++)
            {
                var (observer, recorder) = (ticks[i], published[i]);
                hosts[i] = await SwitchyardTestHost.StartAsync([new ProcessorModule()], settings, builder =>
                {
                    builder.Services.AddSendObserver(_ => observer);
                    builder.Services.AddConsumeObserver(_ => observer);
                    builder.Services.AddPublishObserver(_ => recorder);
                });
            }

            // Two changes before the stop; the second is the newest, where the checkpoint ends. The second processor
            // reads it from the store they share, whichever of them polled.
            var first = await CreateOpportunityAsync(hosts[0]!, "first");
            var second = await CreateOpportunityAsync(hosts[0]!, "second");
            var secondModified = Modified(emulator, second);
            await Poll.UntilAsync(async () => (await CheckpointAsync(hosts[1]!))?.LastModified == secondModified, "the checkpoint to reach the second change");

            // Both timers tick; one processor consumes the ticks, and polls about once an interval.
            var windowStart = DateTimeOffset.UtcNow;
            var windowEnd = windowStart + (Interval * IntervalsMeasured);
            await Poll.UntilAsync(() => Polls(emulator).Any(r => r.ReceivedAt >= windowEnd), "polls to go on for ten intervals");
            var polled = Polls(emulator).Count(r => r.ReceivedAt >= windowStart && r.ReceivedAt < windowEnd);
            var most = (int)Math.Floor((IntervalsMeasured * Interval + RequestDelayAllowed) / (0.9 * Interval)) + 1;
            TestContext.Current.TestOutputHelper?.WriteLine($"{polled} ListOpportunities calls in {IntervalsMeasured} intervals of {Interval}; " +
                $"ticks sent {ticks[0].SentBetween(windowStart, windowEnd)} and {ticks[1].SentBetween(windowStart, windowEnd)}, " +
                $"consumed {ticks[0].ConsumedBetween(windowStart, windowEnd)} and {ticks[1].ConsumedBetween(windowStart, windowEnd)}; " +
                $"failed: {string.Join("; ", ticks.SelectMany(t => t.Faults))}");
            polled.ShouldBeInRange(IntervalsMeasured / 2, most, $"ListOpportunities calls in {IntervalsMeasured} intervals, with two processors ticking");
            foreach (var tick in ticks)
                tick.SentBetween(windowStart, windowEnd).ShouldBeGreaterThanOrEqualTo(IntervalsMeasured / 2, "each processor's timer ticks");
            var polling = Array.FindIndex(ticks, t => t.ConsumedBetween(windowStart, windowEnd) > 0);
            polling.ShouldBeGreaterThanOrEqualTo(0);
            ticks[1 - polling].ConsumedBetween(windowStart, windowEnd).ShouldBe(0, "the standby consumes no tick while the other consumes the queue");

            // The polling processor stops (as SIGTERM stops it); the other takes the queue over.
            var checkpoint = (await CheckpointAsync(hosts[polling]!)).ShouldNotBeNull();
            checkpoint.LastModified.ShouldBe(secondModified);
            var before = published[polling].Of<PartnerCentralOpportunityChanged>();
            await hosts[polling]!.DisposeAsync();
            hosts[polling] = null;
            var stoppedAt = DateTimeOffset.UtcNow;
            var standby = 1 - polling;
            var publishedBeforeTheStop = published[standby].Of<PartnerCentralOpportunityChanged>().Count;

            emulator.SetReviewStatus(first, "Submitted");
            var firstChanged = Modified(emulator, first);
            await Poll.UntilAsync(() => published[standby].Of<PartnerCentralOpportunityChanged>().Any(c => c.Message.OpportunityId == first && c.Message.LastModifiedDate == firstChanged),
                "the other processor to publish the change made after the stop");

            var after = Polls(emulator).Where(r => r.ReceivedAt > stoppedAt).ToList();
            // Resumed from the checkpoint the stopped processor stored, not from InitialLookback.
            Since(after[0]).ShouldBe(checkpoint.LastModified);
            after.ShouldAllBe(r => Since(r) >= checkpoint.LastModified);
            ticks[standby].ConsumedBetween(stoppedAt, DateTimeOffset.MaxValue).ShouldBeGreaterThan(0);
            var changes = published[standby].Of<PartnerCentralOpportunityChanged>().Skip(publishedBeforeTheStop).ToList();
            // Of what changed before the stop, only the newest change, where the checkpoint is, is listed again: as the
            // same message it was the first time. The first opportunity's creation is not published again.
            changes.ShouldNotContain(c => c.Message.OpportunityId == first && c.Message.LastModifiedDate != firstChanged);
            foreach (var repeat in changes.Where(c => c.Message.OpportunityId == second))
            {
                repeat.Message.LastModifiedDate.ShouldBe(secondModified);
                before.Select(b => b.MessageId).ShouldContain(repeat.MessageId);
            }

            (await CheckpointAsync(hosts[standby]!))!.LastModified.ShouldBe(firstChanged);
        }
        finally
        {
            foreach (var host in hosts)
            {
                if (host is not null)
                    await host.DisposeAsync();
            }

            File.Delete(store);
            File.Delete(store + "-wal");
            File.Delete(store + "-shm");
        }
    }

    static List<PartnerCentralEmulatorRequest> Polls(PartnerCentralEmulator emulator) =>
        emulator.Requests.Where(r => r.Operation == "ListOpportunities" && r.StatusCode == 200).ToList();

    static DateTimeOffset Since(PartnerCentralEmulatorRequest request) =>
        DateTimeOffset.Parse((string)request.Json!["LastModifiedDate"]!["AfterLastModifiedDate"]!, CultureInfo.InvariantCulture);

    static DateTimeOffset Modified(PartnerCentralEmulator emulator, string opportunityId) =>
        DateTimeOffset.Parse((string)emulator.FindOpportunity(opportunityId)!["LastModifiedDate"]!, CultureInfo.InvariantCulture);

    /// <summary>
    /// Creates an opportunity as the partner's other tools might; the emulator holds it to AWS's write quota (one a
    /// second), so a refusal is tried again, under the same client token.
    /// </summary>
    static async Task<string> CreateOpportunityAsync(SwitchyardTestHost host, string name)
    {
        var request = new CreateOpportunityRequest { ClientToken = $"polling-scale-out-{name}-{Guid.NewGuid():N}" };
        string? id = null;
        await Poll.UntilAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            try
            {
                id = (await scope.ServiceProvider.GetRequiredService<IPartnerCentralClient>().CreateOpportunityAsync(request, TestContext.Current.CancellationToken)).Id;
                return true;
            }
            catch (PartnerCentralException e) when (e.ErrorType == "ThrottlingException")
            {
                return false;
            }
        }, $"Partner Central to create the {name} opportunity");
        return id!;
    }

    static async Task<PollingCheckpoint?> CheckpointAsync(SwitchyardTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IPollingCheckpoints>().ReadAsync(PartnerCentralPollConsumer.OpportunitiesStream, TestContext.Current.CancellationToken);
    }

    /// <summary>When a processor's timer sent a tick, and when the processor consumed one.</summary>
    sealed class PollTicks : ISendObserver, IConsumeObserver
    {
        readonly ConcurrentQueue<DateTimeOffset> _sent = new();
        readonly ConcurrentQueue<DateTimeOffset> _consumed = new();
        readonly ConcurrentQueue<string> _faults = new();

        /// <summary>The failures of consumed ticks (each retried by MassTransit).</summary>
        public IReadOnlyCollection<string> Faults => _faults;

        public int SentBetween(DateTimeOffset from, DateTimeOffset to) => _sent.Count(t => t >= from && t < to);

        public int ConsumedBetween(DateTimeOffset from, DateTimeOffset to) => _consumed.Count(t => t >= from && t < to);

        public Task PreSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

        public Task PostSend<T>(SendContext<T> context) where T : class
        {
            if (context.Message is PollPartnerCentral)
                _sent.Enqueue(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }

        public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is PollPartnerCentral)
                _consumed.Enqueue(DateTimeOffset.UtcNow);
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            if (context.Message is PollPartnerCentral)
                _faults.Enqueue($"{exception.GetType().Name}: {exception.Message}");
            return Task.CompletedTask;
        }
    }
}
