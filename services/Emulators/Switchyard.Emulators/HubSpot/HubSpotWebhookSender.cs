using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Switchyard.Emulators.HubSpot;

/// <summary>
/// Sends webhook events the way HubSpot does: JSON arrays of at most 100 events, POSTed to the app's target URL,
/// signed with the app's client secret (signature v3: HMAC-SHA256 of method, URL, body and timestamp, in
/// <c>X-HubSpot-Signature-v3</c> with <c>X-HubSpot-Request-Timestamp</c>) when one is given.
/// </summary>
public static class HubSpotWebhookSender
{
    /// <summary>HubSpot's largest batch.</summary>
    public const int MaxBatch = 100;

    /// <summary>POSTs <paramref name="events"/> to <paramref name="target"/> in batches; returns each batch's status.</summary>
    public static async Task<IReadOnlyList<int>> SendAsync(HttpClient http, Uri target, IReadOnlyList<HubSpotWebhookEvent> events,
        string? clientSecret = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(events);
        var statuses = new List<int>();
        foreach (var batch in events.Chunk(MaxBatch))
        {
            var body = new JsonArray(batch.Select(e => (JsonNode?)e.ToJson()).ToArray()).ToJsonString();
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (clientSecret is not null)
            {
                var timestamp = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                var signed = Encoding.UTF8.GetBytes($"POST{target.AbsoluteUri}{body}{timestamp}");
                request.Headers.Add("X-HubSpot-Signature-v3", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), signed)));
                request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}
