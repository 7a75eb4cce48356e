using Microsoft.Extensions.DependencyInjection;
using Switchyard.Processor.Quotas;
using Switchyard.Processor.Storage;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.Tests.Quotas;

/// <summary>Parked writes on a real SQLite store: one per key (the latest message wins), released in order, removed only as sent.</summary>
public class ParkedWritesTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Parking_a_key_again_keeps_one_write_with_the_latest_message_and_its_first_place()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 10, TimeSpan.FromMinutes(1), reserve: 0);
        var first = Guid.NewGuid();
        var latest = Guid.NewGuid();
        await Park(budget, PartnerCentralWrite.Update(1), WriteBudgetTests.Sync(1, nextSteps: "Call Ada"), first);
        budget.Clock.Advance(TimeSpan.FromSeconds(1));
        await Park(budget, PartnerCentralWrite.Update(2), WriteBudgetTests.Sync(2), Guid.NewGuid());
        budget.Clock.Advance(TimeSpan.FromSeconds(1));
        await Park(budget, PartnerCentralWrite.Update(1), WriteBudgetTests.Sync(1) with { Trigger = SyncTriggers.CompanyChanged }, latest);

        var all = await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().AllAsync(Cancellation));
        all.Select(p => p.Key).ShouldBe(["update/deal/1", "update/deal/2"], "deal 1 keeps the place it was first parked in");
        var one = all[0];
        one.Version.ShouldBe(2);
        one.MessageId.ShouldBe(latest);
        var (message, type) = await budget.InScopeAsync(s => Task.FromResult(s.GetRequiredService<ParkedWrites>().MessageOf(one)));
        type.ShouldBe(typeof(SyncOpportunity));
        var sync = message.ShouldBeOfType<SyncOpportunity>();
        sync.Trigger.ShouldBe(SyncTriggers.CompanyChanged, "the latest message wins");
        sync.NextSteps.ShouldBe("Call Ada", "a note's next steps come from the message, so they are kept");
    }

    [Fact]
    public async Task Priority_writes_come_out_first_and_oldest_first()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 10, TimeSpan.FromMinutes(1), reserve: 0);
        await Park(budget, PartnerCentralWrite.Update(1), WriteBudgetTests.Sync(1), null);
        budget.Clock.Advance(TimeSpan.FromSeconds(1));
        await Park(budget, PartnerCentralWrite.Creation(3), WriteBudgetTests.Sync(3), null);
        budget.Clock.Advance(TimeSpan.FromSeconds(1));
        await Park(budget, PartnerCentralWrite.Creation(2), WriteBudgetTests.Sync(2), null);

        var all = await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().AllAsync(Cancellation));
        all.Select(p => p.Key).ShouldBe(["create/deal/3", "create/deal/2", "update/deal/1"]);
        var priority = await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().OldestAsync(priority: true, 1, Cancellation));
        priority.ShouldHaveSingleItem().Key.ShouldBe("create/deal/3");
    }

    [Fact]
    public async Task A_sent_write_is_removed_only_if_nothing_was_parked_under_its_key_since()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 10, TimeSpan.FromMinutes(1), reserve: 0);
        await Park(budget, PartnerCentralWrite.Update(1), WriteBudgetTests.Sync(1), null);
        var sent = (await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().AllAsync(Cancellation))).ShouldHaveSingleItem();

        // While it was being sent, a later change of the deal was parked: it must still go.
        await Park(budget, PartnerCentralWrite.Update(1), WriteBudgetTests.Sync(1), null);
        (await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().RemoveSentAsync(sent, Cancellation))).ShouldBeFalse();
        var newer = (await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().AllAsync(Cancellation))).ShouldHaveSingleItem();
        newer.Version.ShouldBe(2);

        (await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().RemoveSentAsync(newer, Cancellation))).ShouldBeTrue();
        (await budget.InScopeAsync(s => s.GetRequiredService<ParkedWrites>().AllAsync(Cancellation))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_one_instance_holds_the_release_lease_until_it_gives_it_back_or_it_expires()
    {
        await using var budget = await BudgetUnderTest.StartAsync(perWindow: 10, TimeSpan.FromMinutes(1), reserve: 0);
        var duration = TimeSpan.FromSeconds(10);
        Task<bool> Hold(string holder) =>
            budget.InScopeAsync(s => s.GetRequiredService<Leases>().TryHoldAsync(Lease.ParkedWriteRelease, holder, duration, Cancellation));

        (await Hold("a")).ShouldBeTrue();
        (await Hold("b")).ShouldBeFalse();
        (await Hold("a")).ShouldBeTrue("the holder renews it");
        budget.Clock.Advance(duration + TimeSpan.FromSeconds(1));
        (await Hold("b")).ShouldBeTrue("a holder that stopped renewing loses it");
        await budget.InScopeAsync(async s =>
        {
            await s.GetRequiredService<Leases>().ReleaseAsync(Lease.ParkedWriteRelease, "b", Cancellation);
            return 0;
        });
        (await Hold("a")).ShouldBeTrue("given back, it is free at once");
    }

    static Task Park(BudgetUnderTest budget, PartnerCentralWrite write, SyncOpportunity message, Guid? messageId) =>
        budget.InScopeAsync(async s =>
        {
            await s.GetRequiredService<ParkedWrites>().ParkAsync(write, message, messageId, BudgetReasons.Reserve, Cancellation);
            return 0;
        });
}
