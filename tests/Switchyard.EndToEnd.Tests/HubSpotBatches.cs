using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.Receipt.HubSpot;

namespace Switchyard.EndToEnd.Tests;

/// <summary>HubSpot webhook bodies, and requests signed, as HubSpot sends them.</summary>
internal static class HubSpotBatches
{
    public static StringContent DealCreated(long dealId) => Json(DealCreatedBody(dealId));

    public static string DealCreatedBody(long dealId) => $$"""
        [{"eventId":{{dealId % 100000}},"subscriptionId":1234,"portalId":62515,"appId":98765,
          "occurredAt":{{Now()}},"subscriptionType":"deal.creation","attemptNumber":0,"objectId":{{dealId}},"changeSource":"CRM_UI"}]
        """;

    public static string DealPropertyChangedBody(long dealId, string propertyName, string propertyValue) => $$"""
        [{"eventId":{{(dealId % 100000) + 1}},"subscriptionId":1235,"portalId":62515,"appId":98765,
          "occurredAt":{{Now()}},"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":{{dealId}},
          "propertyName":"{{propertyName}}","propertyValue":"{{propertyValue}}","changeSource":"CRM_UI"}]
        """;

    /// <summary>A POST of <paramref name="body"/> to <paramref name="url"/> with HubSpot's v3 signature over exactly those bytes.</summary>
    public static HttpRequestMessage SignedV3(Uri url, string body, string clientSecret)
    {
        var timestamp = Now();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Json(body) };
        request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        request.Headers.Add("X-HubSpot-Signature-v3",
            HubSpotSignature.ComputeV3(clientSecret, "POST", url.ToString(), Encoding.UTF8.GetBytes(body), timestamp));
        return request;
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    static string Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
