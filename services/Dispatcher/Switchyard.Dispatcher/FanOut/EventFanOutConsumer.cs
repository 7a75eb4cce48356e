using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using Switchyard.Contracts.Delivery;
using Switchyard.Contracts.Processing;
using Switchyard.Contracts.Triggers;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.FanOut;

/// <summary>
/// Turns each event the dispatcher forwards into one <see cref="DeliverWebhook"/> per matching subscription, so that
/// every (event, subscription) pair is retried and failed on its own and one dead endpoint holds up no other.
/// </summary>
public sealed class EventFanOutConsumer(ISubscriptionStore subscriptions) :
    IConsumer<TriggerEventReceived>,
    IConsumer<OpportunityCreated>,
    IConsumer<OpportunityUpdated>,
    IConsumer<SyncSkipped>,
    IConsumer<SyncBlocked>,
    IConsumer<SyncFailed>
{
    /// <summary>The address of the delivery queue.</summary>
    public static readonly Uri DeliveryAddress = new($"queue:{DispatcherModule.DeliveryEndpointName}");

    /// <inheritdoc />
    public Task Consume(ConsumeContext<TriggerEventReceived> context) =>
        FanOutAsync(context, context.Message.EventId, context.Message.Type, context.Message.ReceivedAt, context.Message.Payload);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunityCreated> context) =>
        FanOutAsync(context, OutcomeEventTypes.OpportunityCreated, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunityUpdated> context) =>
        FanOutAsync(context, OutcomeEventTypes.OpportunityUpdated, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<SyncSkipped> context) =>
        FanOutAsync(context, OutcomeEventTypes.SyncSkipped, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<SyncBlocked> context) =>
        FanOutAsync(context, OutcomeEventTypes.SyncBlocked, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<SyncFailed> context) =>
        FanOutAsync(context, OutcomeEventTypes.SyncFailed, context.Message.OccurredAt);

    Task FanOutAsync<T>(ConsumeContext<T> context, string eventType, DateTimeOffset occurredAt) where T : class
    {
        // The message id is the event's id: a redelivered outcome keeps it, so its webhook-ids stay the same too.
        var eventId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a MessageId.");
        return FanOutAsync(context, eventId, eventType, occurredAt, JsonSerializer.SerializeToElement(context.Message, JsonSerializerOptions.Web));
    }

    async Task FanOutAsync(ConsumeContext context, Guid eventId, string eventType, DateTimeOffset occurredAt, JsonElement data)
    {
        var matching = await subscriptions.FindMatchingAsync(eventType, context.CancellationToken);
        if (matching.Count == 0)
            return;

        var endpoint = await context.GetSendEndpoint(DeliveryAddress);
        foreach (var subscription in matching)
        {
            await endpoint.Send(new DeliverWebhook
            {
                WebhookId = WebhookIdFor(eventId, subscription.Id),
                SubscriptionId = subscription.Id,
                EventId = eventId,
                EventType = eventType,
                OccurredAt = occurredAt,
                Data = data,
            }, context.CancellationToken);
        }
    }

    /// <summary>The same for every attempt of one event to one subscription, and different across subscriptions.</summary>
    public static string WebhookIdFor(Guid eventId, string subscriptionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId:N}/{subscriptionId}"));
        return "msg_" + Convert.ToHexStringLower(hash, 0, 16);
    }
}
