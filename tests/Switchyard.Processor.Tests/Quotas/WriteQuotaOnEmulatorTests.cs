using Switchyard.Contracts.HubSpot;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Tests.Conformance;

namespace Switchyard.Processor.Tests.Quotas;

/// <summary>
/// The processor against the Partner Central emulator enforcing small quotas (12 writes per 20 s, 5 a second) with
/// the same budget configured: more work than a window allows all gets done, priority work first, updates coalesced,
/// and no write is refused twice for the same reason.
/// </summary>
public class WriteQuotaOnEmulatorTests
{
    const int PerWindow = 12;
    const int Reserve = 4;
    static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task More_writes_than_the_window_allows_all_end_synced_creations_before_updates_and_updates_coalesced()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync(options =>
        {
            options.Quotas.Enabled = true;
            options.Quotas.WritesPerSecond = 5;
            options.Quotas.WritesPerWindow = PerWindow;
            options.Quotas.Window = Window;
            options.Quotas.ReadsPerSecond = 1000;
        }, new Dictionary<string, string?>
        {
            ["PartnerCentral:Quotas:WritesPerSecond"] = "5",
            ["PartnerCentral:Quotas:WritesPerWindow"] = PerWindow.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PartnerCentral:Quotas:Window"] = "00:00:20",
            ["PartnerCentral:Quotas:ReserveForPriorityWork"] = Reserve.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PartnerCentral:Quotas:ReadsPerSecond"] = "1000",
        });

        // Four deals, each a creation and an association: 8 writes, which leaves the reserve.
        for (var deal = 1; deal <= 4; deal++)
            AddDeal(processor, deal);
        for (var deal = 1; deal <= 4; deal++)
            await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, deal);
        await ProcessorOnEmulator.UntilAsync(() => Writes(processor, "AssociateOpportunity").Count, 4, "the first deals' associations");

        // Then, before any new deal, three changes to each of two synced deals; then four new deals.
        var firstOfSecondRound = processor.Emulator.Requests.Count;
        foreach (var deal in new long[] { 1, 2 })
        {
            for (var change = 1; change <= 3; change++)
            {
                Change(processor, deal, (DealProperties.Amount, (1000 * change + deal).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, deal, DealProperties.Amount);
            }
        }

        for (var deal = 5; deal <= 8; deal++)
        {
            AddDeal(processor, deal);
            await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, deal);
        }

        // 8 + 8 priority writes and 2 updates: more than a window's 12, so this waits for the window to slide.
        await ProcessorOnEmulator.UntilAsync(() => Writes(processor, "AssociateOpportunity").Count + Writes(processor, "UpdateOpportunity").Count, 10,
            "every association and update", stall: TimeSpan.FromSeconds(90));
        await ProcessorOnEmulator.UntilAsync(() => Enumerable.Range(1, 8).Count(d => processor.Crm.DealProperty(d, DealProperties.SyncStatus) == "synced"), 8,
            "every deal synced");

        for (var deal = 1; deal <= 8; deal++)
            processor.Crm.DealProperty(deal, DealProperties.OpportunityId).ShouldNotBeNull($"deal {deal} has its opportunity");
        var opportunities = processor.Emulator.Requests.Where(r => r.Operation == "CreateOpportunity" && r.StatusCode == 200).Select(r => (string?)r.Response!["Id"]).ToHashSet();
        opportunities.Count.ShouldBe(8);

        // Priority: the updates were asked for before the second round's creations, and made after all of them.
        var secondRound = processor.Emulator.Requests.Skip(firstOfSecondRound).Where(r => r.StatusCode == 200).ToList();
        var lastPriority = secondRound.FindLastIndex(r => r.Operation is "CreateOpportunity" or "AssociateOpportunity");
        var firstUpdate = secondRound.FindIndex(r => r.Operation == "UpdateOpportunity");
        firstUpdate.ShouldBeGreaterThan(lastPriority, "updates wait while priority work needs what is left of the window");

        // Coalescing: three changes of each deal, one update of its opportunity, with the latest amount.
        var updates = Writes(processor, "UpdateOpportunity");
        updates.GroupBy(r => (string?)r.Json!["Identifier"]).Select(g => g.Count()).ShouldBe([1, 1]);
        foreach (var update in updates)
            ((string?)update.Json!["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]).ShouldStartWith("300");

        // Every refusal (if any: the budget should have kept within the quotas) was the first for its write and quota.
        var refusals = processor.Emulator.Quotas.Refusals;
        refusals.GroupBy(r => (r.Operation, r.Body, r.Quota)).ShouldAllBe(g => g.Count() == 1);
        processor.Emulator.Requests.Count(r => IsWrite(r.Operation) && r.StatusCode == 200).ShouldBeGreaterThan(PerWindow, "more writes than one window allows");
    }

    static List<PartnerCentralEmulatorRequest> Writes(ProcessorOnEmulator processor, string operation) =>
        processor.Emulator.Requests.Where(r => r.Operation == operation && r.StatusCode == 200).ToList();

    static bool IsWrite(string? operation) => operation is "CreateOpportunity" or "UpdateOpportunity" or "AssociateOpportunity";

    static void AddDeal(ProcessorOnEmulator processor, long deal)
    {
        processor.Crm.AddCompany(100 + deal, $"Customer {deal} Inc");
        processor.Crm.AddDeal(deal, $"Migration {deal} #AWS", companyId: 100 + deal,
            properties: [(DealProperties.Amount, (100 + deal).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    static void Change(ProcessorOnEmulator processor, long dealId, params (string Name, string? Value)[] changes)
    {
        var deal = processor.Crm.Deals[dealId];
        var properties = new Dictionary<string, string?>(deal.Properties);
        foreach (var (name, value) in changes)
            properties[name] = value;
        processor.Crm.Deals[dealId] = deal with { Properties = properties };
    }
}
