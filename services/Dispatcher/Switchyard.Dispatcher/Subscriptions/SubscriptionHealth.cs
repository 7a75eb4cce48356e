using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Delivery;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>
/// Turns delivery results into a subscription's state: healthy again after a success, deactivated on 410 Gone,
/// disabled after failing too long or too often, with a <see cref="SubscriptionDisabled"/> event each time.
/// </summary>
/// <remarks>
/// The event is published on the bus, not through the consume context: the consumer that reports a failure then throws,
/// and its outbox would discard the event with the failed attempt. It is published once, by whoever changed the state.
/// </remarks>
public sealed partial class SubscriptionHealth(SubscriptionStore store, IBus bus, IOptions<DispatcherOptions> options,
    DispatcherMetrics metrics, TimeProvider clock, ILogger<SubscriptionHealth> logger)
{
    /// <summary>The <c>failing</c> reason.</summary>
    public const string Failing = "failing";

    /// <summary>The <c>gone</c> reason.</summary>
    public const string Gone = "gone";

    /// <summary>A delivery succeeded.</summary>
    public Task SucceededAsync(string id, CancellationToken cancellationToken) => store.RecordSuccessAsync(id, cancellationToken);

    /// <summary>The subscriber answered 410 Gone.</summary>
    public Task GoneAsync(string id, CancellationToken cancellationToken) =>
        LeaveActiveAsync(id, SubscriptionStatuses.Deactivated, Gone,
            "The subscriber answered 410 Gone, which asks for no more deliveries; make a new subscription to receive events again.", cancellationToken);

    /// <summary>An attempt failed; disables the subscription once it has been failing for too long.</summary>
    public async Task AttemptFailedAsync(string id, CancellationToken cancellationToken)
    {
        var limit = options.Value.Disabling.AfterFailingFor;
        if (await store.RecordFailedAttemptAsync(id, cancellationToken) is { } since && clock.GetUtcNow().UtcDateTime - since >= limit)
        {
            await LeaveActiveAsync(id, SubscriptionStatuses.Disabled, Failing,
                $"Deliveries have failed without a success since {since:u} (Dispatcher:Disabling:AfterFailingFor is {limit}).", cancellationToken);
        }
    }

    /// <summary>A delivery failed for good; disables the subscription after too many in a row.</summary>
    public async Task DeliveryFailedAsync(string id, CancellationToken cancellationToken)
    {
        var limit = options.Value.Disabling.AfterConsecutiveFailures;
        if (await store.RecordFailedDeliveryAsync(id, cancellationToken) >= limit)
        {
            await LeaveActiveAsync(id, SubscriptionStatuses.Disabled, Failing,
                $"{limit} deliveries in a row failed after all their retries (Dispatcher:Disabling:AfterConsecutiveFailures).", cancellationToken);
        }
    }

    async Task LeaveActiveAsync(string id, string status, string reason, string detail, CancellationToken cancellationToken)
    {
        if (!await store.LeaveActiveAsync(id, status, detail, cancellationToken))
            return;

        LogDisabled(logger, id, status, detail);
        metrics.SubscriptionDisabled(reason);
        await bus.Publish(new SubscriptionDisabled
        {
            SubscriptionId = id,
            Reason = reason,
            Detail = detail,
            OccurredAt = clock.GetUtcNow(),
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} is now {Status}: {Detail}")]
    static partial void LogDisabled(ILogger logger, string subscriptionId, string status, string detail);
}
