namespace Switchyard.Hosting.Bus;

/// <summary>
/// What the selected transport can do with a delayed message, which decides how delayed redelivery is made: not at
/// all, in one delay, or in hops of at most <see cref="MaxDelay"/> (see <see cref="RedeliveryHops"/>).
/// </summary>
/// <param name="CanDelay">Whether the transport can hold a message back at all.</param>
/// <param name="MaxDelay">The longest delay it applies to one message, or null when it has no limit.</param>
/// <param name="WhyNot">When it cannot delay: why, and what to do about it.</param>
public sealed record TransportDelays(bool CanDelay, TimeSpan? MaxDelay, string? WhyNot)
{
    /// <summary>SQS delays a message by at most 15 minutes (DelaySeconds, 0 to 900).</summary>
    /// <remarks>
    /// MassTransit's SQS transport cuts a longer delay to 15 minutes without saying so
    /// (<c>QueueSendTransportContext</c>, 8.5), so longer waits are made of hops.
    /// </remarks>
    public static readonly TimeSpan AmazonSqsMaxDelay = TimeSpan.FromMinutes(15);

    /// <summary>What the transport <paramref name="options"/> select can do.</summary>
    public static TransportDelays For(BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TransportKind switch
        {
            // The in-memory transport holds delayed messages itself (and loses them when the process ends).
            BusTransport.InMemory => new TransportDelays(true, null, null),
            BusTransport.RabbitMq when options.RabbitMq.DelayedExchange => new TransportDelays(true, null, null),
            BusTransport.RabbitMq => new TransportDelays(false, null,
                "RabbitMQ delays messages only with the delayed-message-exchange plugin: install it and set Bus:RabbitMq:DelayedExchange=true"),
            BusTransport.AmazonSqs => new TransportDelays(true, AmazonSqsMaxDelay, null),
            _ => new TransportDelays(false, null, $"Bus:Transport '{options.Transport}' is not a transport"),
        };
    }
}
