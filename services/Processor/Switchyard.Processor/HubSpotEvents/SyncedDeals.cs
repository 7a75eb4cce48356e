using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>
/// Which deals a change reaches: tagged deals with an opportunity, and (for corrections) tagged deals whose creation
/// failed, so that fixing the deal, its company or a contact is how a user retries.
/// </summary>
public static class SyncedDeals
{
    /// <summary>Whether the deal's creation failed and waits for a correction: tagged, failed, no opportunity yet.</summary>
    public static bool AwaitsCorrection(HubSpotDeal deal, OpportunityMapper mapper) =>
        deal.Property(DealProperties.OpportunityId) is null
        && deal.Property(DealProperties.SyncStatus) == SyncStatuses.Failed
        && mapper.IsTagged(deal);

    /// <summary>
    /// The ids among <paramref name="dealIds"/> of deals that exist, carry the tag and have an opportunity or, when
    /// <paramref name="includeFailedCreations"/>, <see cref="AwaitsCorrection">await a correction</see>.
    /// </summary>
    public static async Task<IReadOnlyList<long>> AmongAsync(IHubSpotCrmClient crm, OpportunityMapper mapper, IEnumerable<long> dealIds,
        bool includeFailedCreations, CancellationToken cancellationToken)
    {
        var reached = new List<long>();
        foreach (var dealId in dealIds.Distinct())
        {
            var deal = await crm.GetDealAsync(dealId, cancellationToken);
            if (deal is null)
                continue;
            if ((deal.Property(DealProperties.OpportunityId) is not null && mapper.IsTagged(deal))
                || (includeFailedCreations && AwaitsCorrection(deal, mapper)))
                reached.Add(dealId);
        }

        return reached;
    }
}
