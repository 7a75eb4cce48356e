namespace Switchyard.Hosting.Bus;

/// <summary>The transports <c>Bus:Transport</c> selects.</summary>
public enum BusTransport
{
    /// <summary>Everything in one process, nothing to install: the embedded default.</summary>
    InMemory,

    /// <summary>A RabbitMQ broker, self-hosted.</summary>
    RabbitMq,

    /// <summary>Amazon SQS and SNS, the production transport.</summary>
    AmazonSqs,
}
