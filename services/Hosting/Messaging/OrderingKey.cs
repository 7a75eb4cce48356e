using MassTransit;

namespace Switchyard.Hosting.Messaging;

/// <summary>
/// The key that keeps a stream of messages in order: all messages about one HubSpot object carry its id. Consumers
/// partition on it, and on SQS it becomes the FIFO message group.
/// </summary>
public static class OrderingKey
{
    /// <summary>The header that carries the key on every transport.</summary>
    public const string Header = "Switchyard-Ordering-Key";

    /// <summary>Puts the key on the message, and on the transport's own partition key where it has one.</summary>
    public static void SetOrderingKey(this SendContext context, string key)
    {
        context.Headers.Set(Header, key);
        context.TrySetPartitionKey(key);
    }

    /// <summary>The key a consumed message carries, or null.</summary>
    public static string? GetOrderingKey(this ConsumeContext context) => context.Headers.Get<string>(Header);
}
