using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;

namespace Switchyard.WebConsole.Webhooks;

/// <summary>
/// The dispatcher's API, called as the signed-in user: the console holds no privilege of its own over subscriptions.
/// It issues the user a short-lived bearer token with the key every service shares (<c>Auth:SigningKey</c>), so the
/// dispatcher sees the same client as when that user calls it with its API key.
/// </summary>
internal sealed class DispatcherClient(HttpClient http, TokenService tokens, IOptions<ConsoleOptions> options, IServer server)
{
    /// <summary>The HttpClient name.</summary>
    public const string HttpClientName = "console-dispatcher";

    public Task<List<SubscriptionItem>> SubscriptionsAsync(string user, CancellationToken cancellationToken) =>
        GetAsync<List<SubscriptionItem>>(user, "subscriptions", cancellationToken);

    public Task<SubscriptionItem> SubscriptionAsync(string user, string id, CancellationToken cancellationToken) =>
        GetAsync<SubscriptionItem>(user, $"subscriptions/{Uri.EscapeDataString(id)}", cancellationToken);

    public Task<SubscriptionItem> EnableAsync(string user, string id, CancellationToken cancellationToken) =>
        PostAsync<SubscriptionItem>(user, $"subscriptions/{Uri.EscapeDataString(id)}/enable", cancellationToken);

    public Task<SubscriptionItem> DisableAsync(string user, string id, CancellationToken cancellationToken) =>
        PostAsync<SubscriptionItem>(user, $"subscriptions/{Uri.EscapeDataString(id)}/disable", cancellationToken);

    public Task<RotatedSecret> RotateAsync(string user, string id, CancellationToken cancellationToken) =>
        PostAsync<RotatedSecret>(user, $"subscriptions/{Uri.EscapeDataString(id)}/rotate-secret", cancellationToken);

    public Task<QueuedDelivery> SendTestAsync(string user, string id, CancellationToken cancellationToken) =>
        PostAsync<QueuedDelivery>(user, $"subscriptions/{Uri.EscapeDataString(id)}/test", cancellationToken);

    public Task<DeliveryList> DeliveriesAsync(string user, DeliveryFilter filter, CancellationToken cancellationToken) =>
        GetAsync<DeliveryList>(user, "deliveries" + filter.ToQuery(), cancellationToken);

    public Task<DeliveryAttemptDetail> DeliveryAsync(string user, long id, CancellationToken cancellationToken) =>
        GetAsync<DeliveryAttemptDetail>(user, $"deliveries/{id}", cancellationToken);

    public Task<QueuedDelivery> RedeliverAsync(string user, long id, CancellationToken cancellationToken) =>
        PostAsync<QueuedDelivery>(user, $"deliveries/{id}/redeliver", cancellationToken);

    public Task<DeliveryStatistics> SummaryAsync(string user, int minutes, CancellationToken cancellationToken) =>
        GetAsync<DeliveryStatistics>(user, $"deliveries/summary?minutes={minutes}", cancellationToken);

    async Task<T> GetAsync<T>(string user, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address(path));
        return await SendAsync<T>(user, request, cancellationToken);
    }

    async Task<T> PostAsync<T>(string user, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address(path));
        return await SendAsync<T>(user, request, cancellationToken);
    }

    async Task<T> SendAsync<T>(string user, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(user).AccessToken);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DispatcherUnavailableException($"The dispatcher at {BaseAddress()} did not answer: {(e is TaskCanceledException ? "it took too long" : "it could not be reached")}. Check that it runs and Console:DispatcherUrl.");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
                return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken))!;

            var detail = await ProblemDetailAsync(response, cancellationToken);
            throw response.StatusCode switch
            {
                HttpStatusCode.NotFound => new DispatcherRefusedException(404, detail ?? "Not found."),
                HttpStatusCode.Unauthorized => new DispatcherUnavailableException(
                    "The dispatcher refused the console's token: give the console the same Auth:SigningKey as the dispatcher."),
                _ => new DispatcherRefusedException((int)response.StatusCode, detail ?? $"The dispatcher answered HTTP {(int)response.StatusCode}."),
            };
        }
    }

    static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    Uri Address(string path) => new(BaseAddress(), path);

    /// <summary>Console:DispatcherUrl, or else this host's own first address (AllInOne).</summary>
    Uri BaseAddress()
    {
        var text = options.Value.DispatcherUrl
                   ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?
                       .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                       .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                       .Replace("://+", "://localhost", StringComparison.Ordinal)
                       .Replace("://*", "://localhost", StringComparison.Ordinal)
                   ?? throw new DispatcherUnavailableException("Console:DispatcherUrl is not set and this host listens nowhere: set it to the dispatcher's address.");
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}

/// <summary>The dispatcher could not be asked.</summary>
internal sealed class DispatcherUnavailableException(string message) : Exception(message);

/// <summary>The dispatcher said no; the message is its problem's detail.</summary>
internal sealed class DispatcherRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>A subscription as the dispatcher lists it (never its secrets).</summary>
internal sealed record SubscriptionItem(string Id, string Source, string? Url, string? Inbox, IReadOnlyList<string> Events, string Status,
    string? StatusReason, DateTimeOffset? StatusChangedAt, DateTimeOffset? FailingSince, int ConsecutiveFailures, DateTimeOffset CreatedAt);

/// <summary>A new secret, shown once.</summary>
internal sealed record RotatedSecret(string Id, string Secret, DateTimeOffset PreviousSecretExpiresAt);

/// <summary>A delivery queued by a test or a redelivery.</summary>
internal sealed record QueuedDelivery(string WebhookId, string SubscriptionId, Guid EventId);

/// <summary>A page of the delivery log.</summary>
internal sealed record DeliveryList(IReadOnlyList<DeliveryItem> Items, long? Next);

/// <summary>One attempt in the log.</summary>
internal sealed record DeliveryItem(long Id, string WebhookId, Guid EventId, string EventType, string SubscriptionId, int Attempt,
    DateTimeOffset AttemptedAt, string Outcome, int? StatusCode, string? Error, double LatencyMs, DateTimeOffset? NextAttemptAt);

/// <summary>One attempt whole.</summary>
internal sealed record DeliveryAttemptDetail(DeliveryItem Attempt, IReadOnlyDictionary<string, string>? RequestHeaders, string? RequestBody, string? ResponseExcerpt);

/// <summary>Attempts per minute.</summary>
internal sealed record DeliveryStatistics(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DeliveryMinuteCount> Minutes, double? DeliveredLatencyP95Ms);

/// <summary>One minute's attempts by outcome.</summary>
internal sealed record DeliveryMinuteCount(DateTimeOffset Minute, IReadOnlyDictionary<string, int> Outcomes);

/// <summary>The delivery log's filters, as the page's form and the API take them.</summary>
internal sealed record DeliveryFilter(string? Subscription, string? EventType, string? Outcome, DateTimeOffset? Since, long? Before, int Limit = 50)
{
    public string ToQuery()
    {
        var parts = new List<string> { $"limit={Limit}" };
        if (!string.IsNullOrWhiteSpace(Subscription))
            parts.Add("subscription=" + Uri.EscapeDataString(Subscription));
        if (!string.IsNullOrWhiteSpace(EventType))
            parts.Add("eventType=" + Uri.EscapeDataString(EventType));
        if (!string.IsNullOrWhiteSpace(Outcome))
            parts.Add("outcome=" + Uri.EscapeDataString(Outcome));
        if (Since is { } since)
            parts.Add("since=" + Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        if (Before is { } before)
            parts.Add("before=" + before);
        return "?" + string.Join('&', parts);
    }
}
