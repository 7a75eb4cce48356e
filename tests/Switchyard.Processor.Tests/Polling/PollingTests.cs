using Switchyard.Hosting.Messaging;
using System.Globalization;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Polling;
using Switchyard.Processor.Tests.Consumers;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Polling;

/// <summary>
/// Polling Partner Central: from the checkpoint less the overlap, every page, the same change messages as the events
/// (a repeat under the same id), the checkpoint moved to the newest change, ticks sooner than the interval skipped,
/// and a restart resuming from the checkpoint in the processor's store, on SQLite and on PostgreSQL.
/// </summary>
public sealed class PollingTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // FakePartnerCentral dates its opportunities from 2026-01-01 on, a second apart.
    static readonly DateTimeOffset BeforeTheFirst = new(2025, 12, 31, 0, 0, 0, TimeSpan.Zero);

    sealed class Poller : IAsyncDisposable
    {
        Poller(ModuleHarness module, PublishRecorder published)
        {
            Module = module;
            Published = published;
        }

        public ModuleHarness Module { get; }

        public PublishRecorder Published { get; }

        /// <summary>
        /// A processor on <paramref name="store"/> (its <c>Processor:Storage</c> settings; a fresh SQLite file when
        /// none), the checkpoints kept there as the processor keeps them.
        /// </summary>
        public static async Task<Poller> StartAsync(FakePartnerCentral partnerCentral, string interval = "01:00:00", IReadOnlyDictionary<string, string?>? store = null,
            bool timer = false)
        {
            var settings = ProcessorUnderTest.Settings();
            settings["Processor:Polling:Interval"] = interval;
            settings["Processor:Polling:Overlap"] = "00:00:10";
            // The test ticks, unless it is the timer's ticks it looks at.
            settings["Processor:Polling:Enabled"] = timer ? "true" : "false";
            foreach (var (key, value) in store ?? new Dictionary<string, string?>())
                settings[key] = value;
            var published = new PublishRecorder();
            var module = await ModuleHarness.StartAsync([new ProcessorModule()], settings, services =>
            {
                services.AddSingleton<IHubSpotCrmClient>(new FakeHubSpotCrm());
                services.AddSingleton<IPartnerCentralClient>(partnerCentral);
                services.AddPublishObserver(_ => published);
            });
            return new Poller(module, published);
        }

        public async Task TickAsync(int expectedTicks)
        {
            var endpoint = await Module.Harness.Bus.GetSendEndpoint(new Uri($"queue:{PartnerCentralPollConsumerDefinition.QueueName}"));
            await endpoint.Send(new PollPartnerCentral { RequestedAt = DateTimeOffset.UtcNow }, Cancel);
            await Poll.UntilAsync(() => Module.Harness.Consumed.Select<PollPartnerCentral>(c => c.Exception is null, Cancel).Count() >= expectedTicks,
                "the tick to be consumed", TimeSpan.FromSeconds(60));
        }

        public IReadOnlyList<(Guid? MessageId, PartnerCentralOpportunityChanged Message)> Changes => Published.Of<PartnerCentralOpportunityChanged>();

        /// <summary>The opportunities' checkpoint, read from the store as a poll reads it.</summary>
        public async Task<PollingCheckpoint?> CheckpointAsync()
        {
            await using var scope = Module.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IPollingCheckpoints>().ReadAsync(PartnerCentralPollConsumer.OpportunitiesStream, Cancel);
        }

        /// <summary>Stores the opportunities' checkpoint, as a poll before this one would have.</summary>
        public async Task SetCheckpointAsync(PollingCheckpoint checkpoint)
        {
            await using var scope = Module.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IPollingCheckpoints>().WriteAsync(PartnerCentralPollConsumer.OpportunitiesStream, checkpoint, Cancel);
        }

        public async ValueTask DisposeAsync() => await Module.DisposeAsync();
    }

    static string Seed(FakePartnerCentral partnerCentral, string dealId) => partnerCentral.Seed(new JsonObject
    {
        ["PartnerOpportunityIdentifier"] = dealId,
        ["LifeCycle"] = new JsonObject { ["ReviewStatus"] = "Submitted" },
    });

    static DateTimeOffset Modified(FakePartnerCentral partnerCentral, string id) =>
        DateTimeOffset.Parse((string)partnerCentral.Opportunities[id]["LastModifiedDate"]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_poll_publishes_every_page_since_the_checkpoint_less_the_overlap_and_moves_the_checkpoint_to_the_newest_change()
    {
        var partnerCentral = new FakePartnerCentral { ListPageSize = 2 };
        var ids = Enumerable.Range(1, 5).Select(i => Seed(partnerCentral, $"80{i}")).ToList();
        partnerCentral.Invitations["engi-1"] = new ReceivedInvitation("engi-1", "PENDING", BeforeTheFirst);
        await using var poller = await Poller.StartAsync(partnerCentral);
        await poller.SetCheckpointAsync(new PollingCheckpoint(BeforeTheFirst, BeforeTheFirst));

        await poller.TickAsync(1);

        partnerCentral.ListedSince.ShouldBe([BeforeTheFirst - TimeSpan.FromSeconds(10)]);
        partnerCentral.Calls.Count(c => c == "ListOpportunities").ShouldBe(3);
        poller.Changes.Select(c => c.Message.OpportunityId).ShouldBe(ids);
        poller.Changes.ShouldAllBe(c => c.Message.Source == PartnerCentralChangeSources.Polling && c.Message.Change == PartnerCentralChangeSources.Polled && c.Message.Catalog == "Sandbox");
        poller.Changes.Select(c => c.Message.LastModifiedDate).ShouldBe(ids.Select(id => (DateTimeOffset?)Modified(partnerCentral, id)));
        var invitation = poller.Published.Of<PartnerCentralInvitationChanged>().ShouldHaveSingleItem().Message;
        (invitation.InvitationId, invitation.Status, invitation.Source).ShouldBe(("engi-1", "PENDING", PartnerCentralChangeSources.Polling));
        (await poller.CheckpointAsync())!.LastModified.ShouldBe(Modified(partnerCentral, ids[^1]));
    }

    [Fact]
    public async Task The_timer_ticks_in_one_message_group_so_that_on_SQS_one_instance_at_a_time_polls()
    {
        var partnerCentral = new FakePartnerCentral();
        await using var poller = await Poller.StartAsync(partnerCentral, interval: "00:00:01", timer: true);

        await Poll.UntilAsync(() => poller.Module.Harness.Consumed.Select<PollPartnerCentral>(Cancel).Any(), "the timer's first tick", TimeSpan.FromSeconds(60));

        var tick = poller.Module.Harness.Consumed.Select<PollPartnerCentral>(Cancel).First().Context;
        tick.GetOrderingKey().ShouldBe(PartnerCentralPollTimer.TickGroup);
    }

    [Fact]
    public async Task A_tick_sooner_than_the_interval_after_the_last_poll_is_skipped()
    {
        var partnerCentral = new FakePartnerCentral();
        Seed(partnerCentral, "811");
        await using var poller = await Poller.StartAsync(partnerCentral);
        await poller.SetCheckpointAsync(new PollingCheckpoint(BeforeTheFirst, BeforeTheFirst));

        await poller.TickAsync(1);
        await poller.TickAsync(2);

        partnerCentral.Calls.Count(c => c == "ListOpportunities").ShouldBe(1);
        poller.Changes.Count.ShouldBe(1);
    }

    [Fact]
    public Task A_restarted_processor_resumes_from_the_checkpoint_in_its_SQLite_store_and_a_change_seen_twice_is_the_same_message()
    {
        var file = Path.Combine(Path.GetTempPath(), "switchyard-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return RestartResumesFromTheStoredCheckpointAsync(new Dictionary<string, string?> { ["Processor:Storage:ConnectionString"] = $"Data Source={file};Pooling=false" },
            () =>
            {
                File.Delete(file);
                File.Delete(file + "-wal");
                File.Delete(file + "-shm");
            });
    }

    [Fact]
    public async Task A_restarted_processor_resumes_from_the_checkpoint_in_its_PostgreSQL_store()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync("polling");
        await RestartResumesFromTheStoredCheckpointAsync(new Dictionary<string, string?>
        {
            ["Processor:Storage:Provider"] = "PostgreSql",
            ["Processor:Storage:ConnectionString"] = database.ConnectionString,
        }, () => { });
    }

    /// <summary>
    /// A processor polls and stops; a new one on the same store (a new container, nothing shared in memory) resumes
    /// from the checkpoint the first stored, not from the one before it nor from the initial lookback.
    /// </summary>
    static async Task RestartResumesFromTheStoredCheckpointAsync(IReadOnlyDictionary<string, string?> store, Action cleanUp)
    {
        try
        {
            var partnerCentral = new FakePartnerCentral();
            var first = Seed(partnerCentral, "821");
            var second = Seed(partnerCentral, "822");
            IReadOnlyList<(Guid? MessageId, PartnerCentralOpportunityChanged Message)> before;
            PollingCheckpoint stored;
            await using (var poller = await Poller.StartAsync(partnerCentral, interval: "00:00:01", store: store))
            {
                await poller.SetCheckpointAsync(new PollingCheckpoint(BeforeTheFirst, BeforeTheFirst));
                await poller.TickAsync(1);
                before = poller.Changes;
                stored = (await poller.CheckpointAsync())!;
            }

            var newest = Modified(partnerCentral, second);
            stored.LastModified.ShouldBe(newest);
            partnerCentral.Touch(first);
            // The interval since the last poll has passed: the new instance's tick polls.
            await Poll.UntilAsync(() => DateTimeOffset.UtcNow - stored.PolledAt > TimeSpan.FromSeconds(1), "an interval to pass", TimeSpan.FromSeconds(30));
            await using var restarted = await Poller.StartAsync(partnerCentral, interval: "00:00:01", store: store);
            (await restarted.CheckpointAsync()).ShouldBe(stored);

            await restarted.TickAsync(1);

            partnerCentral.ListedSince.Count.ShouldBe(2);
            partnerCentral.ListedSince.Last().ShouldBe(newest - TimeSpan.FromSeconds(10));
            // The overlap lists the newest change again: the same message id as the first time.
            restarted.Changes.Single(c => c.Message.OpportunityId == second).MessageId.ShouldBe(before.Single(c => c.Message.OpportunityId == second).MessageId);
            restarted.Changes.Single(c => c.Message.OpportunityId == first).MessageId.ShouldNotBe(before.Single(c => c.Message.OpportunityId == first).MessageId);
            (await restarted.CheckpointAsync())!.LastModified.ShouldBe(Modified(partnerCentral, first));
        }
        finally
        {
            cleanUp();
        }
    }

    [Theory]
    [InlineData("00:00:00", "00:01:00", "Interval")]
    [InlineData("2.00:00:00", "00:01:00", "Interval")]
    [InlineData("00:05:00", "-00:00:01", "Overlap")]
    public void Settings_out_of_range_are_refused_with_their_name(string interval, string overlap, string name)
    {
        var result = new PollingOptionsValidator().Validate(null, new PollingOptions
        {
            Interval = TimeSpan.Parse(interval, CultureInfo.InvariantCulture),
            Overlap = TimeSpan.Parse(overlap, CultureInfo.InvariantCulture),
        });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain($"Processor:Polling:{name}");
        new PollingOptionsValidator().Validate(null, new PollingOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task A_poll_lists_pending_invitations_and_those_that_ended_in_the_last_sixteen_days_as_received_ones()
    {
        var partnerCentral = new FakePartnerCentral();
        var now = DateTimeOffset.UtcNow;
        partnerCentral.Invitations["engi-pending"] = new ReceivedInvitation("engi-pending", "PENDING", now.AddDays(-3));
        partnerCentral.Invitations["engi-accepted"] = new ReceivedInvitation("engi-accepted", "ACCEPTED", now.AddDays(-14));
        partnerCentral.Invitations["engi-rejected"] = new ReceivedInvitation("engi-rejected", "REJECTED", now.AddHours(-1));
        partnerCentral.Invitations["engi-long-expired"] = new ReceivedInvitation("engi-long-expired", "EXPIRED", now.AddDays(-17));
        partnerCentral.Invitations["engi-older"] = new ReceivedInvitation("engi-older", "ACCEPTED", now.AddDays(-40));
        await using var poller = await Poller.StartAsync(partnerCentral);

        await poller.TickAsync(1);

        var invitations = poller.Published.Of<PartnerCentralInvitationChanged>().Select(i => i.Message).ToList();
        invitations.Select(i => (i.InvitationId, i.Status)).ShouldBe(
            [("engi-pending", "PENDING"), ("engi-rejected", "REJECTED"), ("engi-accepted", "ACCEPTED")], ignoreOrder: true);
        invitations.ShouldAllBe(i => i.ParticipantType == "Receiver" && i.Source == PartnerCentralChangeSources.Polling);
    }

    [Fact]
    public async Task A_later_poll_reports_the_invitations_new_or_changed_since_one_whose_expiry_reminder_became_due_and_every_accepted_one()
    {
        var partnerCentral = new FakePartnerCentral();
        var now = DateTimeOffset.UtcNow;
        partnerCentral.Invitations["engi-a"] = new ReceivedInvitation("engi-a", "PENDING", now.AddDays(-1), now.AddDays(14));
        partnerCentral.Invitations["engi-b"] = new ReceivedInvitation("engi-b", "PENDING", now.AddDays(-2), now.AddDays(13));
        partnerCentral.Invitations["engi-r"] = new ReceivedInvitation("engi-r", "PENDING", now.AddDays(-3), now.AddDays(12));
        await using var poller = await Poller.StartAsync(partnerCentral);
        await poller.TickAsync(1);
        poller.Published.Of<PartnerCentralInvitationChanged>().Count.ShouldBe(3);

        // Since: engi-a accepted, engi-c sent, engi-b unchanged, and engi-r's reminder (2 days before it expires) due.
        var afterFirst = DateTimeOffset.UtcNow;
        partnerCentral.Invitations["engi-a"] = partnerCentral.Invitations["engi-a"] with { Status = "ACCEPTED" };
        partnerCentral.Invitations["engi-c"] = new ReceivedInvitation("engi-c", "PENDING", afterFirst, afterFirst.AddDays(15));
        partnerCentral.Invitations["engi-r"] = partnerCentral.Invitations["engi-r"] with { ExpirationDate = afterFirst + TimeSpan.FromDays(2) };
        await poller.SetCheckpointAsync(new PollingCheckpoint(BeforeTheFirst, BeforeTheFirst));
        await poller.TickAsync(2);

        poller.Published.Of<PartnerCentralInvitationChanged>().Skip(3).Select(i => (i.Message.InvitationId, i.Message.Status)).ShouldBe(
            [("engi-c", "PENDING"), ("engi-r", "PENDING"), ("engi-a", "ACCEPTED")], ignoreOrder: true);

        // Nothing new since: only the accepted one is reported again (its opportunity may come after the acceptance).
        await poller.SetCheckpointAsync(new PollingCheckpoint(BeforeTheFirst, BeforeTheFirst));
        await poller.TickAsync(3);
        poller.Published.Of<PartnerCentralInvitationChanged>().Skip(6).Select(i => (i.Message.InvitationId, i.Message.Status)).ShouldBe([("engi-a", "ACCEPTED")]);
        partnerCentral.Calls.Count(c => c == "ListEngagementInvitations").ShouldBe(6);
    }
}
