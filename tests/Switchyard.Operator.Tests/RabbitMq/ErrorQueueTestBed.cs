using System.Globalization;
using System.Text;
using RabbitMQ.Client;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Brokers.RabbitMq;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>
/// A virtual host of its own on the test broker, with a plain AMQP connection for arranging queues and inspecting
/// them exactly as the broker holds them (header types included), independently of the code under test.
/// </summary>
internal sealed class ErrorQueueTestBed : IAsyncDisposable
{
    ErrorQueueTestBed(RabbitMqBroker broker, RabbitMqVirtualHost virtualHost, IConnection connection)
    {
        Broker = broker;
        VirtualHost = virtualHost;
        Connection = connection;
    }

    public RabbitMqBroker Broker { get; }

    public RabbitMqVirtualHost VirtualHost { get; }

    /// <summary>The test's own connection, apart from the one the broker under test opens.</summary>
    public IConnection Connection { get; }

    /// <summary>The settings a Switchyard host of this virtual host reads, as the operator would.</summary>
    public RabbitMqOptions BusOptions => new()
    {
        Host = Broker.Host,
        Port = Broker.Port,
        VirtualHost = VirtualHost.Name,
        Username = Broker.Username,
        Password = Broker.Password,
    };

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<ErrorQueueTestBed> StartAsync(string purpose)
    {
        var broker = RabbitMqBroker.Require();
        var virtualHost = await broker.CreateVirtualHostAsync(purpose);
        var connection = await ConnectAsync(broker, broker.Port, virtualHost.Name);
        return new ErrorQueueTestBed(broker, virtualHost, connection);
    }

    /// <summary>The broker under test, connected to this virtual host.</summary>
    public Task<RabbitMqErrorQueueBroker> ConnectAsync(RabbitMqOptions? options = null) =>
        RabbitMqErrorQueueBroker.ConnectAsync(options ?? BusOptions, Broker.ManagementApi, Cancellation);

    /// <summary>Declares a durable queue, as MassTransit declares its queues.</summary>
    public async Task DeclareAsync(params string[] queues)
    {
        await using var channel = await Connection.CreateChannelAsync(cancellationToken: Cancellation);
        foreach (var queue in queues)
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: Cancellation);
    }

    /// <summary>Publishes straight to <paramref name="queue"/>, confirmed, with the properties given.</summary>
    public async Task PublishAsync(string queue, string messageId, byte[] body, IDictionary<string, object?>? headers = null,
        string? correlationId = null, string contentType = "application/vnd.masstransit+json")
    {
        await using var channel = await Connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), Cancellation);
        var properties = new BasicProperties
        {
            MessageId = messageId,
            CorrelationId = correlationId,
            ContentType = contentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers is null ? null : new Dictionary<string, object?>(headers),
        };
        await channel.BasicPublishAsync("", queue, mandatory: true, properties, body, Cancellation);
    }

    /// <summary>Publishes a message that looks like one MassTransit moved to an error queue after it failed at <paramref name="failedAt"/>.</summary>
    public Task PublishFaultedAsync(string errorQueue, string messageId, DateTimeOffset failedAt, string text = "{}") =>
        PublishAsync(errorQueue, messageId, Encoding.UTF8.GetBytes(text), FaultHeaders(failedAt, ErrorQueueNames.ConsumerQueueOf(errorQueue)));

    /// <summary>The headers MassTransit's RabbitMQ transport adds when it moves a failed message to the error queue.</summary>
    public Dictionary<string, object?> FaultHeaders(DateTimeOffset failedAt, string consumerQueue) => new()
    {
        ["MT-Fault-ExceptionType"] = "System.InvalidOperationException",
        ["MT-Fault-Message"] = "The deal is gone.",
        ["MT-Fault-StackTrace"] = "   at Switchyard.Processor.DealConsumer.Consume()",
        ["MT-Fault-Timestamp"] = failedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["MT-Fault-InputAddress"] = $"rabbitmq://{Broker.Host}:{Broker.Port}/{VirtualHost.Name}/{consumerQueue}",
        ["MT-Fault-ConsumerType"] = "Switchyard.Processor.DealConsumer",
        ["MT-Fault-MessageType"] = "Switchyard.Contracts.DealChanged",
        ["MT-Fault-RetryCount"] = 3,
        ["MT-Host-MachineName"] = "worker-1",
        ["MT-Reason"] = "fault",
    };

    /// <summary>
    /// Every message of <paramref name="queue"/> as the broker holds it, in order, left in the queue: they are taken
    /// unacknowledged and go back when the channel closes.
    /// </summary>
    public async Task<IReadOnlyList<BasicGetResult>> PeekAsync(string queue)
    {
        await using var channel = await Connection.CreateChannelAsync(cancellationToken: Cancellation);
        var messages = new List<BasicGetResult>();
        while (await channel.BasicGetAsync(queue, autoAck: false, Cancellation) is { } message)
            messages.Add(message);
        await channel.CloseAsync(Cancellation);
        return messages;
    }

    /// <summary>The message ids of <paramref name="queue"/>, in order, left in the queue.</summary>
    public async Task<IReadOnlyList<string?>> MessageIdsAsync(string queue) =>
        [.. (await PeekAsync(queue)).Select(m => m.BasicProperties.MessageId)];

    /// <summary>Waits until <paramref name="queue"/> has exactly <paramref name="count"/> ready messages.</summary>
    public Task WaitForCountAsync(string queue, uint count) =>
        Poll.UntilAsync(async () => await VirtualHost.CountMessagesAsync(queue) == count, $"{queue} to hold {count} ready messages");

    static Task<IConnection> ConnectAsync(RabbitMqBroker broker, int port, string virtualHost) => new ConnectionFactory
    {
        HostName = broker.Host,
        Port = port,
        VirtualHost = virtualHost,
        UserName = broker.Username,
        Password = broker.Password,
    }.CreateConnectionAsync(Cancellation);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await VirtualHost.DisposeAsync();
    }
}
