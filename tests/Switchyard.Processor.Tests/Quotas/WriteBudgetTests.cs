using Microsoft.Extensions.DependencyInjection;
using Switchyard.Processor.Quotas;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.Tests.Quotas;

/// <summary>The write budget on a real SQLite store: the window slides, the reserve keeps updates back, AWS's refusals teach it.</summary>
public class WriteBudgetTests
{
    static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task The_window_refuses_the_write_past_its_quota_until_the_oldest_write_leaves_it()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 3, Window, reserve: 0);
        var first = budget.Clock.GetUtcNow();
        for (var deal = 1; deal <= 3; deal++)
        {
            await budget.WriteAsync(PartnerCentralWrite.Creation(deal));
            budget.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var deferred = (await budget.RequestAsync(PartnerCentralWrite.Creation(4))).ShouldBeOfType<BudgetDecision.Deferred>();
        deferred.Reason.ShouldBe(BudgetReasons.WritesPerWindow);
        deferred.Until.ShouldBe(first + Window, "the first write leaves the window a whole window after it completed");
        (await budget.SnapshotAsync()).Remaining.ShouldBe(0);

        budget.Clock.Advance(first + Window - budget.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        (await budget.RequestAsync(PartnerCentralWrite.Creation(4))).ShouldBeOfType<BudgetDecision.Deferred>("a second early");
        budget.Clock.Advance(TimeSpan.FromSeconds(1));
        (await budget.RequestAsync(PartnerCentralWrite.Creation(4))).ShouldBeOfType<BudgetDecision.Granted>();
        (await budget.RequestAsync(PartnerCentralWrite.Creation(5))).ShouldBeOfType<BudgetDecision.Deferred>("the second write is still in the window");
    }

    [Fact]
    public async Task Updates_stop_at_the_reserve_while_creations_go_on_until_the_window_is_used_up()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 5, Window, reserve: 2);
        for (var deal = 1; deal <= 3; deal++)
            await budget.WriteAsync(PartnerCentralWrite.Update(deal));

        var update = (await budget.RequestAsync(PartnerCentralWrite.Update(4))).ShouldBeOfType<BudgetDecision.Deferred>("2 left is the reserve");
        update.Reason.ShouldBe(BudgetReasons.Reserve);
        await budget.WriteAsync(PartnerCentralWrite.Creation(5));
        await budget.WriteAsync(PartnerCentralWrite.Association("O1", "S-1"));
        (await budget.RequestAsync(PartnerCentralWrite.Creation(6))).ShouldBeOfType<BudgetDecision.Deferred>()
            .Reason.ShouldBe(BudgetReasons.WritesPerWindow);
    }

    [Fact]
    public async Task Parked_priority_work_is_kept_back_from_updates()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 5, Window, reserve: 1);
        await budget.WriteAsync(PartnerCentralWrite.Update(1));
        await budget.WriteAsync(PartnerCentralWrite.Update(2));
        await budget.InScopeAsync(async s =>
        {
            var parked = s.GetRequiredService<ParkedWrites>();
            await parked.ParkAsync(PartnerCentralWrite.Creation(10), Sync(10), null, BudgetReasons.WritesPerSecond, TestContext.Current.CancellationToken);
            await parked.ParkAsync(PartnerCentralWrite.Creation(11), Sync(11), null, BudgetReasons.WritesPerSecond, TestContext.Current.CancellationToken);
            return 0;
        });

        // 3 remain, 2 of them for the parked creations, 1 the reserve.
        (await budget.RequestAsync(PartnerCentralWrite.Update(3))).ShouldBeOfType<BudgetDecision.Deferred>().Reason.ShouldBe(BudgetReasons.Reserve);
        (await budget.RequestAsync(PartnerCentralWrite.Creation(10))).ShouldBeOfType<BudgetDecision.Granted>();
    }

    [Fact]
    public async Task The_second_holds_at_most_WritesPerSecond()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 100, Window, reserve: 0, perSecond: 2);
        await budget.WriteAsync(PartnerCentralWrite.Creation(1));
        budget.Clock.Advance(TimeSpan.FromMilliseconds(300));
        await budget.WriteAsync(PartnerCentralWrite.Creation(2));
        budget.Clock.Advance(TimeSpan.FromMilliseconds(300));

        var wait = (await budget.RequestAsync(PartnerCentralWrite.Creation(3))).ShouldBeOfType<BudgetDecision.Wait>();
        wait.Reason.ShouldBe(BudgetReasons.WritesPerSecond);
        wait.For.ShouldBe(TimeSpan.FromMilliseconds(400), "until the first write is a second old");
        budget.Clock.Advance(wait.For);
        (await budget.RequestAsync(PartnerCentralWrite.Creation(3))).ShouldBeOfType<BudgetDecision.Granted>();
    }

    [Fact]
    public async Task A_refusal_without_Retry_After_is_taken_for_the_second_then_a_second_one_for_the_window()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 100, Window, reserve: 0, perSecond: 1);
        var start = budget.Clock.GetUtcNow();
        await budget.WriteAsync(PartnerCentralWrite.Creation(1));
        budget.Clock.Advance(TimeSpan.FromSeconds(2));

        var first = (await budget.RequestAsync(PartnerCentralWrite.Creation(2))).ShouldBeOfType<BudgetDecision.Granted>();
        var (until, reason) = await Throttled(budget, first.EntryId);
        reason.ShouldBe(BudgetReasons.WritesPerSecond);
        until.ShouldBe(budget.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        (await budget.RequestAsync(PartnerCentralWrite.Creation(2))).ShouldBeOfType<BudgetDecision.Wait>("not again before AWS's second is over");

        budget.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = (await budget.RequestAsync(PartnerCentralWrite.Creation(2))).ShouldBeOfType<BudgetDecision.Granted>();
        (until, reason) = await Throttled(budget, second.EntryId);
        reason.ShouldBe(BudgetReasons.WritesPerWindow, "refused again with no write through: the window, not the second");
        until.ShouldBe(start + Window, "when the window's oldest write leaves it");

        var deferred = (await budget.RequestAsync(PartnerCentralWrite.Creation(2))).ShouldBeOfType<BudgetDecision.Deferred>();
        deferred.Reason.ShouldBe(BudgetReasons.WritesPerWindow);
        (await budget.SnapshotAsync()).Remaining.ShouldBe(0, "the budget believes AWS over its own count");
        (await budget.SnapshotAsync()).Used.ShouldBe(1, "refused writes are not in the ledger");
    }

    [Fact]
    public async Task A_refusal_with_a_long_Retry_After_blocks_the_window_for_that_long()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 100, Window, reserve: 0, perSecond: 1);
        var granted = (await budget.RequestAsync(PartnerCentralWrite.Update(1))).ShouldBeOfType<BudgetDecision.Granted>();
        var (until, reason) = await budget.InScopeAsync(s =>
            s.GetRequiredService<WriteBudget>().ThrottledAsync(granted.EntryId, TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken));
        reason.ShouldBe(BudgetReasons.WritesPerWindow);
        until.ShouldBe(budget.Clock.GetUtcNow() + TimeSpan.FromMinutes(3));
        (await budget.RequestAsync(PartnerCentralWrite.Creation(2))).ShouldBeOfType<BudgetDecision.Deferred>().Until.ShouldBe(until);
        budget.Clock.Advance(TimeSpan.FromMinutes(3));
        (await budget.RequestAsync(PartnerCentralWrite.Creation(2))).ShouldBeOfType<BudgetDecision.Granted>();
    }

    [Fact]
    public async Task The_ledger_outlives_the_instance_that_wrote_it()
    {
        var file = Path.Combine(Path.GetTempPath(), "switchyard-tests", $"{Guid.NewGuid():N}.db");
        var active = await BudgetUnderTest.StartAsync(perWindow: 2, Window, reserve: 0, file: file);
        await active.WriteAsync(PartnerCentralWrite.Creation(1));
        await active.WriteAsync(PartnerCentralWrite.Creation(2));
        await active.DisposeAsync(keepFile: true);

        // The standby takes over on the same store, as a second processor instance would.
        await using var standby = await BudgetUnderTest.StartAsync(perWindow: 2, Window, reserve: 0, file: file);
        (await standby.SnapshotAsync()).Used.ShouldBe(2);
        (await standby.RequestAsync(PartnerCentralWrite.Creation(3))).ShouldBeOfType<BudgetDecision.Deferred>().Reason.ShouldBe(BudgetReasons.WritesPerWindow);
    }

    static Task<(DateTimeOffset Until, string Reason)> Throttled(BudgetUnderTest budget, long entryId) =>
        budget.InScopeAsync(s => s.GetRequiredService<WriteBudget>().ThrottledAsync(entryId, null, TestContext.Current.CancellationToken));

    internal static SyncOpportunity Sync(long dealId, string? nextSteps = null) => new()
    {
        PortalId = 62515,
        DealId = dealId,
        SubscriptionType = "deal.propertyChange",
        Trigger = SyncTriggers.DealChanged,
        SourceObjectType = "deal",
        SourceObjectId = dealId,
        NextSteps = nextSteps,
    };
}
