using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>Posts one event to one subscriber's webhook.</summary>
public sealed class WebhookClient(HttpClient http, TimeProvider clock)
{
    /// <summary>The HttpClient name, for configuring the handler.</summary>
    public const string HttpClientName = "webhooks";

    static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Delivers the event; throws <see cref="WebhookDeliveryException"/> unless the subscriber answers 2xx.</summary>
    public async Task DeliverAsync(Subscription subscription, DeliverWebhook webhook, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookPayload(webhook.EventType, webhook.OccurredAt, webhook.Data), JsonSerializerOptions.Web);

        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        request.Headers.Add("webhook-id", webhook.WebhookId);
        request.Headers.Add("webhook-timestamp", clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new WebhookDeliveryException(subscription.Id, (int)response.StatusCode);
    }

    /// <summary>The body subscribers receive: the Standard Webhooks shape.</summary>
    public sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, JsonElement Data);
}
