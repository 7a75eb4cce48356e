namespace Switchyard.Dispatcher.Delivery;

/// <summary>A subscriber answered with a status other than 2xx. The bus retries, then moves the command to the error queue.</summary>
public sealed class WebhookDeliveryException(string subscriptionId, int statusCode)
    : Exception($"Subscription {subscriptionId} answered HTTP {statusCode}.")
{
    /// <summary>The subscription that refused the delivery.</summary>
    public string SubscriptionId { get; } = subscriptionId;

    /// <summary>The subscriber's HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;
}
