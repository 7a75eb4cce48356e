using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpotEvents;

namespace Switchyard.Processor;

/// <summary>
/// Publishing the processor's outcome events, each with a message id derived from the message that caused it, so a
/// redelivered event produces the same outcome ids (and the same webhook-ids downstream).
/// </summary>
public static class Outcomes
{
    /// <summary>Publishes a <see cref="SyncSkipped"/> for a HubSpot event.</summary>
    public static Task PublishSkipped(this ConsumeContext<HubSpotEventReceived> context, string reason, string detail, TimeProvider clock)
    {
        var message = context.Message;
        return context.Publish(new SyncSkipped
        {
            PortalId = message.PortalId,
            ObjectType = HubSpotObjectTypes.Of(message),
            ObjectId = message.ObjectId,
            SubscriptionType = message.SubscriptionType,
            Reason = reason,
            Detail = detail,
            OccurredAt = clock.GetUtcNow(),
        }, outgoing => outgoing.DeriveFrom(context, OutcomeEventTypes.SyncSkipped));
    }

    /// <summary>Publishes <paramref name="outcome"/>, its id derived from the consumed message, the outcome type and <paramref name="qualifier"/>.</summary>
    public static Task PublishOutcome<T>(this ConsumeContext context, T outcome, string qualifier) where T : class =>
        context.Publish(outcome, outgoing => outgoing.DeriveFrom(context, $"{typeof(T).Name}/{qualifier}"));
}
