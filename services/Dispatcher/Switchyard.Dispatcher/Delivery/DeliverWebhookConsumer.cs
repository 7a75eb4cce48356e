using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>Delivers one event to one subscription. A failed attempt throws, and the bus's retry takes over.</summary>
public sealed partial class DeliverWebhookConsumer(ISubscriptionStore subscriptions, WebhookClient client, ILogger<DeliverWebhookConsumer> logger)
    : IConsumer<DeliverWebhook>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<DeliverWebhook> context)
    {
        var webhook = context.Message;
        var subscription = await subscriptions.FindAsync(webhook.SubscriptionId, context.CancellationToken);
        if (subscription is null)
        {
            LogSubscriptionGone(logger, webhook.EventType, webhook.WebhookId, webhook.SubscriptionId);
            return;
        }

        await client.DeliverAsync(subscription, webhook, context.CancellationToken);
        LogDelivered(logger, webhook.EventType, webhook.WebhookId, subscription.Id, context.GetRetryAttempt() + 1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped {EventType} {WebhookId}: subscription {SubscriptionId} no longer exists")]
    static partial void LogSubscriptionGone(ILogger logger, string eventType, string webhookId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {EventType} {WebhookId} to subscription {SubscriptionId} (attempt {Attempt})")]
    static partial void LogDelivered(ILogger logger, string eventType, string webhookId, string subscriptionId, int attempt);
}
