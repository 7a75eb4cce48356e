using System.Globalization;
using System.Text;

namespace Switchyard.EndToEnd.Tests;

/// <summary>HubSpot webhook bodies as HubSpot sends them.</summary>
internal static class HubSpotBatches
{
    public static StringContent DealCreated(long dealId) => new($$"""
        [{"eventId":{{dealId % 100000}},"subscriptionId":1234,"portalId":62515,"appId":98765,
          "occurredAt":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}},
          "subscriptionType":"deal.creation","attemptNumber":0,"objectId":{{dealId}},"changeSource":"CRM_UI"}]
        """, Encoding.UTF8, "application/json");
}
