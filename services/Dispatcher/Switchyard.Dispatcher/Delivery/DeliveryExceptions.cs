using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>An attempt failed in a way another attempt may not: the bus retries, then redelivers, then gives up.</summary>
public sealed class TransientDeliveryException(string subscriptionId, string reason, TimeSpan? retryAfter)
    : Exception($"Delivery to subscription {subscriptionId} failed: {reason}"), IRetryAfter
{
    /// <inheritdoc />
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>An attempt failed in a way retrying cannot fix: straight to the error queue.</summary>
public sealed class PermanentDeliveryException(string subscriptionId, string reason)
    : Exception($"Delivery to subscription {subscriptionId} failed for good: {reason}");

/// <summary>
/// The subscription is disabled: the delivery goes to the error queue untried, to be replayed once the subscription is
/// re-enabled.
/// </summary>
public sealed class SubscriptionDisabledException(string subscriptionId)
    : Exception($"Subscription {subscriptionId} is disabled; replay this delivery once it is re-enabled (POST /subscriptions/{subscriptionId}/enable).");
