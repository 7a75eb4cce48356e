using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// Delivers one event to one subscription and records the attempt. A failed attempt throws: the bus's retry and
/// redelivery take over, and when they are spent (or the failure is permanent) the command lands in the error queue.
/// </summary>
public sealed partial class DeliverWebhookConsumer(SubscriptionStore subscriptions, WebhookClient client, DeliveryLog log,
    SubscriptionHealth health, RetrySchedule schedule, DispatcherMetrics metrics, TimeProvider clock, ILogger<DeliverWebhookConsumer> logger)
    : IConsumer<DeliverWebhook>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<DeliverWebhook> context)
    {
        var webhook = context.Message;
        var cancellationToken = context.CancellationToken;
        var attempt = schedule.AttemptNumber(context);
        var now = clock.GetUtcNow();

        var subscription = await subscriptions.FindAsync(webhook.SubscriptionId, cancellationToken);
        if (subscription is null || subscription.Status == SubscriptionStatuses.Deactivated || subscription.IsInbox)
        {
            var why = subscription is null ? "it no longer exists" : subscription.IsInbox ? "it is an inbox subscription" : "it is deactivated";
            LogDropped(logger, webhook.EventType, webhook.WebhookId, webhook.SubscriptionId, why);
            log.Record(Attempt(webhook, attempt, now, DeliveryOutcomes.Dropped, null, $"Not attempted: the subscription {why}.", TimeSpan.Zero, null));
            return;
        }

        if (subscription.Status == SubscriptionStatuses.Disabled)
        {
            var parked = new SubscriptionDisabledException(subscription.Id);
            log.Record(Attempt(webhook, attempt, now, DeliveryOutcomes.Failed, null, parked.Message, TimeSpan.Zero, null));
            throw parked;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new WebhookPayload(webhook.EventType, webhook.OccurredAt, webhook.Data), JsonSerializerOptions.Web);
        var result = await client.DeliverAsync(subscription, webhook, body, cancellationToken);

        switch (result.Verdict)
        {
            case DeliveryVerdict.Delivered:
                Record(DeliveryOutcomes.Delivered, null);
                if (!subscription.Healthy)
                    await health.SucceededAsync(subscription.Id, cancellationToken);
                LogDelivered(logger, webhook.EventType, webhook.WebhookId, subscription.Id, attempt);
                return;

            case DeliveryVerdict.Gone:
                Record(DeliveryOutcomes.Gone, null);
                await health.GoneAsync(subscription.Id, cancellationToken);
                return;

            case DeliveryVerdict.Transient:
                var next = schedule.NextAttempt(context, clock.GetUtcNow(), result.RetryAfter);
                Record(next is null ? DeliveryOutcomes.Failed : DeliveryOutcomes.Retrying, next);
                await health.AttemptFailedAsync(subscription.Id, cancellationToken);
                LogFailedAttempt(logger, webhook.EventType, webhook.WebhookId, subscription.Id, attempt, result.Error);
                throw new TransientDeliveryException(subscription.Id, result.Error!, result.RetryAfter);

            default:
                Record(DeliveryOutcomes.Failed, null);
                await health.AttemptFailedAsync(subscription.Id, cancellationToken);
                LogFailedAttempt(logger, webhook.EventType, webhook.WebhookId, subscription.Id, attempt, result.Error);
                throw new PermanentDeliveryException(subscription.Id, result.Error!);
        }

        void Record(string outcome, DateTimeOffset? nextAttempt)
        {
            metrics.Attempted(webhook.SubscriptionId, attempt, outcome, result.Latency);
            var record = Attempt(webhook, attempt, now, outcome, result.StatusCode, result.Error, result.Latency, nextAttempt);
            record.RequestHeaders = result.RequestHeaders is { } headers ? JsonSerializer.Serialize(headers) : null;
            record.RequestBody = System.Text.Encoding.UTF8.GetString(body);
            record.ResponseExcerpt = result.ResponseExcerpt;
            log.Record(record);
        }
    }

    static DeliveryAttemptRecord Attempt(DeliverWebhook webhook, int attempt, DateTimeOffset at, string outcome, int? status, string? error,
        TimeSpan latency, DateTimeOffset? next) => new()
    {
        WebhookId = webhook.WebhookId,
        EventId = webhook.EventId,
        EventType = webhook.EventType,
        SubscriptionId = webhook.SubscriptionId,
        Attempt = attempt,
        AttemptedAt = at.UtcDateTime,
        Outcome = outcome,
        StatusCode = status,
        Error = error,
        LatencyMs = latency.TotalMilliseconds,
        NextAttemptAt = next?.UtcDateTime,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {EventType} {WebhookId} for subscription {SubscriptionId}: {Reason}")]
    static partial void LogDropped(ILogger logger, string eventType, string webhookId, string subscriptionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {EventType} {WebhookId} to subscription {SubscriptionId} (attempt {Attempt})")]
    static partial void LogDelivered(ILogger logger, string eventType, string webhookId, string subscriptionId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} of {EventType} {WebhookId} to subscription {SubscriptionId} failed: {Error}")]
    static partial void LogFailedAttempt(ILogger logger, string eventType, string webhookId, string subscriptionId, int attempt, string? error);
}

/// <summary>The body subscribers receive: the Standard Webhooks shape.</summary>
public sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, JsonElement Data);
