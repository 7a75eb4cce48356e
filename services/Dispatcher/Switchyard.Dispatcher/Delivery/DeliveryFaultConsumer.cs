using MassTransit;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// Counts deliveries that failed for good (MassTransit's <see cref="Fault{T}"/>, published as the command moves to the
/// error queue) against their subscription, which is disabled after too many in a row.
/// </summary>
public sealed class DeliveryFaultConsumer(SubscriptionHealth health, DispatcherMetrics metrics) : IConsumer<Fault<DeliverWebhook>>
{
    static readonly string Disabled = typeof(SubscriptionDisabledException).FullName!;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<Fault<DeliverWebhook>> context)
    {
        // A delivery parked because its subscription was already disabled says nothing new about the subscriber.
        if (context.Message.Exceptions.Any(e => e.ExceptionType == Disabled))
            return;

        var subscriptionId = context.Message.Message.SubscriptionId;
        metrics.DeliveryFailed(subscriptionId);
        await health.DeliveryFailedAsync(subscriptionId, context.CancellationToken);
    }
}
