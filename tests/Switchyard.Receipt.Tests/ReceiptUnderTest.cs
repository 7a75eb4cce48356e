using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

/// <summary>How a test request to the webhook endpoint is signed.</summary>
public enum Signing
{
    None,
    V1,
    V2,
    V3,
}

/// <summary>
/// The receipt running on loopback with a known client secret, signing key and API key, and MassTransit's test
/// harness in place of a broker, so tests see exactly what was published.
/// </summary>
internal sealed class ReceiptUnderTest : IAsyncDisposable
{
    public const string ClientSecret = "test-client-secret-6a1f";
    public const string SigningKey = "test-signing-key-0123456789abcdef0123456789";
    public const string ApiKeyName = "billing";
    public const string ApiKey = "billing-api-key-0123456789";

    ReceiptUnderTest(SwitchyardTestHost host)
    {
        Host = host;
        Harness = host.Services.GetRequiredService<ITestHarness>();
        Published = host.Services.GetRequiredService<PublishRecorder>();
    }

    public SwitchyardTestHost Host { get; }

    public ITestHarness Harness { get; }

    /// <summary>Every publish, duplicates included.</summary>
    public PublishRecorder Published { get; }

    public HttpClient Client => Host.Client;

    public static Dictionary<string, string?> Settings() => new()
    {
        ["HubSpot:ClientSecret"] = ClientSecret,
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:ApiKeys:0:Name"] = ApiKeyName,
        ["Auth:ApiKeys:0:Key"] = ApiKey,
    };

    public static async Task<ReceiptUnderTest> StartAsync(IDictionary<string, string?>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var settings = Settings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
        return new ReceiptUnderTest(await SwitchyardTestHost.StartAsync([new ReceiptModule()], settings, builder =>
        {
            builder.Services.AddMassTransitTestHarness();
            builder.Services.AddSingleton<PublishRecorder>();
            builder.Services.AddPublishObserver(provider => provider.GetRequiredService<PublishRecorder>());
            services?.Invoke(builder.Services);
        }));
    }

    /// <summary>The URL HubSpot would have called to reach this receipt, e.g. http://127.0.0.1:40123/webhooks/hubspot.</summary>
    public string WebhookUrl(string pathAndQuery = "webhooks/hubspot") => new Uri(Host.BaseAddress, pathAndQuery).AbsoluteUri;

    /// <summary>Posts a webhook body, signed as HubSpot would sign it for <paramref name="signedUri"/> (default: the URL called).</summary>
    public async Task<HttpResponseMessage> PostHubSpotAsync(string body, Signing signing = Signing.V3, string pathAndQuery = "webhooks/hubspot",
        string? signedUri = null, long? timestamp = null, string secret = ClientSecret, Action<HttpRequestMessage>? adjust = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(pathAndQuery, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var uri = signedUri ?? WebhookUrl(pathAndQuery);
        switch (signing)
        {
            case Signing.V3:
                var stamp = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
                request.Headers.Add("X-HubSpot-Signature-v3", TestSignatures.V3(secret, "POST", uri, body, stamp));
                request.Headers.Add("X-HubSpot-Request-Timestamp", stamp);
                break;
            case Signing.V2:
                request.Headers.Add("X-HubSpot-Signature", TestSignatures.V2(secret, "POST", uri, body));
                request.Headers.Add("X-HubSpot-Signature-Version", "v2");
                break;
            case Signing.V1:
                request.Headers.Add("X-HubSpot-Signature", TestSignatures.V1(secret, body));
                request.Headers.Add("X-HubSpot-Signature-Version", "v1");
                break;
        }

        adjust?.Invoke(request);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<string> TokenAsync()
    {
        using var response = await Client.PostAsync(new Uri("token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = ApiKeyName,
            ["password"] = ApiKey,
        }), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return (await JsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    public async Task<HttpResponseMessage> PostEventAsync(string body, string? token, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("events", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>HubSpot batch bodies for tests.</summary>
internal static class Batches
{
    public static string Event(long objectId, string type = "deal.creation", long eventId = 100, long portalId = 62515, long occurredAt = 1763800000000,
        string extra = "") =>
        $$"""{"eventId":{{eventId}},"subscriptionId":200,"portalId":{{portalId}},"appId":400,"occurredAt":{{occurredAt}},"subscriptionType":"{{type}}","attemptNumber":0,"objectId":{{objectId}},"changeSource":"CRM_UI"{{extra}}}""";

    public static string Of(params string[] events) => "[" + string.Join(",", events) + "]";
}
