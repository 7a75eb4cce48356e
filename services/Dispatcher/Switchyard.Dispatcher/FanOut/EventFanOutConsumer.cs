using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Delivery;
using Switchyard.Contracts.Processing;
using Switchyard.Contracts.Triggers;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Inbox;
using Switchyard.Dispatcher.Samples;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.FanOut;

/// <summary>
/// Turns each event the dispatcher forwards into one <see cref="DeliverWebhook"/> per matching webhook subscription,
/// so that every (event, subscription) pair is retried and failed on its own and one dead endpoint holds up no other;
/// puts it in the inbox of each matching inbox subscription; and keeps it as a sample of its type.
/// </summary>
public sealed class EventFanOutConsumer(SubscriptionStore subscriptions, SampleStore samples, InboxStore inbox,
    IOptions<DispatcherOptions> options, DispatcherMetrics metrics) :
    IConsumer<TriggerEventReceived>,
    IConsumer<OpportunityCreated>,
    IConsumer<OpportunityUpdated>,
    IConsumer<SyncSkipped>,
    IConsumer<SyncBlocked>,
    IConsumer<SyncFailed>,
    IConsumer<OpportunitySubmitted>,
    IConsumer<OpportunityReviewChanged>,
    IConsumer<OpportunitySubmissionFailed>,
    IConsumer<InvitationReceived>,
    IConsumer<InvitationAccepted>,
    IConsumer<InvitationRejected>,
    IConsumer<InvitationExpired>,
    IConsumer<SubscriptionDisabled>
{
    /// <summary>The address of the delivery queue, as the transport of <paramref name="context"/> names it.</summary>
    public static Uri DeliveryAddressFor(ConsumeContext context) => new($"queue:{context.QueueName(DispatcherModule.DeliveryEndpointName)}");

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

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunitySubmitted> context) =>
        FanOutAsync(context, OutcomeEventTypes.OpportunitySubmitted, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunityReviewChanged> context) =>
        FanOutAsync(context, OutcomeEventTypes.OpportunityReviewChanged, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunitySubmissionFailed> context) =>
        FanOutAsync(context, OutcomeEventTypes.OpportunitySubmissionFailed, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationReceived> context) =>
        FanOutAsync(context, OutcomeEventTypes.InvitationReceived, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationAccepted> context) =>
        FanOutAsync(context, OutcomeEventTypes.InvitationAccepted, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationRejected> context) =>
        FanOutAsync(context, OutcomeEventTypes.InvitationRejected, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationExpired> context) =>
        FanOutAsync(context, OutcomeEventTypes.InvitationExpired, context.Message.OccurredAt);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<SubscriptionDisabled> context) =>
        FanOutAsync(context, SubscriptionDisabled.EventType, context.Message.OccurredAt);

    Task FanOutAsync<T>(ConsumeContext<T> context, string eventType, DateTimeOffset occurredAt) where T : class
    {
        // The message id is the event's id: a redelivered outcome keeps it, so its webhook-ids stay the same too.
        var eventId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a MessageId.");
        return FanOutAsync(context, eventId, eventType, occurredAt, JsonSerializer.SerializeToElement(context.Message, JsonSerializerOptions.Web));
    }

    async Task FanOutAsync(ConsumeContext context, Guid eventId, string eventType, DateTimeOffset occurredAt, JsonElement data)
    {
        var cancellationToken = context.CancellationToken;
        var body = JsonSerializer.Serialize(new WebhookPayload(eventType, occurredAt, data), JsonSerializerOptions.Web);
        var size = Encoding.UTF8.GetByteCount(body);
        var limit = options.Value.Delivery.MaxPayloadBytes;
        if (size > limit)
            throw new PayloadTooLargeException(eventType, eventId, size, limit);

        await samples.AddAsync(eventType, eventId, body, cancellationToken);
        metrics.EventProcessed(eventType);

        var matching = await subscriptions.FindReceivingAsync(eventType, cancellationToken);
        if (matching.Count == 0)
            return;

        var endpoint = await context.GetSendEndpoint(DeliveryAddressFor(context));
        foreach (var subscription in matching)
        {
            var webhookId = WebhookIdFor(eventId, subscription.Id);
            if (subscription.IsInbox)
            {
                await inbox.AddAsync(webhookId, subscription.Id, subscription.Owner ?? "", eventType, body, cancellationToken);
                continue;
            }

            await endpoint.Send(new DeliverWebhook
            {
                WebhookId = webhookId,
                SubscriptionId = subscription.Id,
                EventId = eventId,
                EventType = eventType,
                OccurredAt = occurredAt,
                Data = data,
            }, cancellationToken);
        }
    }

    /// <summary>The same for every attempt of one event to one subscription, and different across subscriptions.</summary>
    public static string WebhookIdFor(Guid eventId, string subscriptionId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{eventId:N}/{subscriptionId}"));
        return "msg_" + Convert.ToHexStringLower(hash, 0, 16);
    }
}

/// <summary>
/// The event is larger than subscribers may be sent. Not retried: it waits in the dispatcher's error queue, to be
/// replayed once <c>Dispatcher:Delivery:MaxPayloadBytes</c> is raised.
/// </summary>
public sealed class PayloadTooLargeException(string eventType, Guid eventId, int size, int limit)
    : Exception($"The {eventType} event {eventId} is {size} bytes as a webhook body; Dispatcher:Delivery:MaxPayloadBytes allows {limit}.");
