using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Which of a set of deals have an opportunity and are still tagged: the ones a company, contact or note change reaches.</summary>
public static class SyncedDeals
{
    /// <summary>The ids among <paramref name="dealIds"/> of deals that exist, have an opportunity and carry the tag.</summary>
    public static async Task<IReadOnlyList<long>> AmongAsync(IHubSpotCrmClient crm, OpportunityMapper mapper, IEnumerable<long> dealIds, CancellationToken cancellationToken)
    {
        var synced = new List<long>();
        foreach (var dealId in dealIds.Distinct())
        {
            var deal = await crm.GetDealAsync(dealId, cancellationToken);
            if (deal?.Property(DealProperties.OpportunityId) is not null && mapper.IsTagged(deal))
                synced.Add(dealId);
        }

        return synced;
    }
}
