using System.Collections.Concurrent;
using System.Text.Json;
using Switchyard.Hosting;

namespace Switchyard.AllInOne.SampleSubscriber;

/// <summary>
/// A webhook subscriber inside the local run, subscribed by default, so a first run shows an event travel the whole
/// way without setting anything up. It keeps the last deliveries in memory and lists them.
/// </summary>
public sealed partial class SampleSubscriberModule : ISwitchyardModule
{
    /// <summary>Where the sample subscriber listens.</summary>
    public const string Path = "/sample-subscriber";

    const int Kept = 100;

    readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    /// <inheritdoc />
    public string Name => "sample-subscriber";

    /// <summary>It stands for a subscriber elsewhere, so it keeps taking deliveries while the host stops.</summary>
    public bool ServesWhileDraining => true;

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async (HttpRequest request, ILogger<SampleSubscriberModule> logger) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            var webhook = new ReceivedWebhook(request.Headers["webhook-id"].ToString(), DateTimeOffset.UtcNow, body);
            _received.Enqueue(webhook);
            while (_received.Count > Kept && _received.TryDequeue(out _))
            {
            }

            LogReceived(logger, body.TryGetProperty("type", out var type) ? type.GetString() : null, webhook.WebhookId);
            return Results.NoContent();
        });
        endpoints.MapGet(Path, () => Results.Ok(_received.Reverse()));
    }

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"See what subscribers receive at GET {new Uri(baseAddress, Path)}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample subscriber received {EventType} ({WebhookId})")]
    static partial void LogReceived(ILogger logger, string? eventType, string webhookId);

    /// <summary>One delivery the sample subscriber received.</summary>
    public sealed record ReceivedWebhook(string WebhookId, DateTimeOffset ReceivedAt, JsonElement Body);
}
