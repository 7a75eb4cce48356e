using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>
/// The error queues of one RabbitMQ virtual host: listed through the management API, read and moved over one AMQP
/// connection. Nothing here acknowledges a message except <see cref="ErrorQueueEntry.RemoveAsync"/>, and nothing
/// declares a queue except passively, so a crash or a dropped connection at any point leaves every message in a queue.
/// </summary>
internal sealed partial class RabbitMqErrorQueueBroker : IErrorQueueBroker
{
    readonly IConnection _connection;
    readonly RabbitMqManagementApi _management;
    readonly RabbitMqConfirmedSender _sender;

    RabbitMqErrorQueueBroker(IConnection connection, RabbitMqManagementApi management, string description)
    {
        _connection = connection;
        _management = management;
        Description = description;
        _sender = new RabbitMqConfirmedSender(connection, Lost);
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Connects to the virtual host <paramref name="bus"/> names.</summary>
    /// <param name="bus">Where the broker is and who to be; the password goes to the broker and nowhere else.</param>
    /// <param name="managementApi">The management plugin's base address, e.g. <c>http://host:15672/</c>.</param>
    /// <param name="cancellationToken">Stops connecting.</param>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached or refused the connection.</exception>
    public static async Task<RabbitMqErrorQueueBroker> ConnectAsync(RabbitMqOptions bus, Uri managementApi,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(managementApi);
        var description = $"RabbitMQ {bus.Host}:{bus.Port}, virtual host '{bus.VirtualHost}'";
        var factory = new ConnectionFactory
        {
            HostName = bus.Host,
            Port = bus.Port,
            VirtualHost = bus.VirtualHost,
            UserName = bus.Username,
            Password = bus.Password,
            Ssl = new SslOption { Enabled = bus.UseSsl, ServerName = bus.Host },
            ClientProvidedName = "switchyard-operator",
            // Recovery would reconnect behind our back with fresh channels, on which the delivery tags of a read in
            // progress mean nothing; a lost connection is reported instead, and the broker requeues what it held.
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(15),
        };

        IConnection? connection = null;
        try
        {
            connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            // The client reports the connection open before the broker has accepted the virtual host; a refusal
            // (e.g. no such virtual host) only arrives as the answer to the next request.
            var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using (probe.ConfigureAwait(false))
                await probe.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or IOException
                                      or SocketException or AuthenticationException or TimeoutException)
        {
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
            throw new BrokerUnavailableException($"Cannot connect to {description}: {ReasonOf(e)}", e);
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new RabbitMqErrorQueueBroker(connection,
            new RabbitMqManagementApi(managementApi, bus.VirtualHost, bus.Username, bus.Password), description);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The management API only names the queues (its counts lag the broker by its statistics interval); the counts
    /// are then taken exactly with passive declarations, and the oldest failure from the error queue's head.
    /// <see cref="QueueStatus.Ready"/> is null for a consumer queue that no longer exists beside its error queue.
    /// </remarks>
    public async Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        var listed = await _management.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        var sampled = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var queue in listed)
            sampled[queue.Name] = queue.MessagesReady;

        var consumerQueues = sampled.Keys
            .Select(ErrorQueueNames.ConsumerQueueOf)
            .Where(name => name.Length > 0 && !IsTemporary(name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var statuses = new List<QueueStatus>();
        foreach (var name in consumerQueues)
        {
            var ready = await CountAsync(name, sampled, cancellationToken).ConfigureAwait(false);
            var errorQueue = ErrorQueueNames.ErrorQueueOf(name);
            var errors = await CountAsync(errorQueue, sampled, cancellationToken).ConfigureAwait(false) ?? 0;
            var skipped = await CountAsync(name + ErrorQueueNames.SkippedSuffix, sampled, cancellationToken).ConfigureAwait(false) ?? 0;
            var oldest = errors > 0 ? await PeekFaultTimestampAsync(errorQueue, cancellationToken).ConfigureAwait(false) : null;
            statuses.Add(new QueueStatus(name, ready, errors, skipped, oldest));
        }
        return statuses;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ErrorQueueEntry> ReadAsync(string errorQueue,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorQueue);
        var reader = await RabbitMqErrorQueueReader.OpenAsync(_connection, errorQueue, Lost, cancellationToken).ConfigureAwait(false);
        // Disposal (normal end, break, exception or cancellation) returns every entry not removed to the queue.
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } entry)
                yield return entry;
        }
    }

    /// <inheritdoc />
    public Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(message);
        return _sender.SendAsync(queue, message, cancellationToken);
    }

    /// <summary>
    /// Closes the connection. Reads still running end with it, and the broker requeues the messages they held.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _sender.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _connection.CloseAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationInterruptedException or IOException or ObjectDisposedException)
        {
            // Already gone; the broker has released whatever the connection held.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        _management.Dispose();
    }

    /// <summary>
    /// The queue's ready messages counted by a passive declaration, or the management API's sample when the broker
    /// does not let this connection declare it (e.g. another connection's exclusive queue); null when it does not exist.
    /// </summary>
    async Task<long?> CountAsync(string queue, Dictionary<string, long?> sampled, CancellationToken cancellationToken)
    {
        if (!sampled.TryGetValue(queue, out var sample))
            return null;
        var channel = await CreateChannelAsync(cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            try
            {
                return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false)).MessageCount;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                // Deleted since it was listed.
                return null;
            }
            catch (OperationInterruptedException e) when (Lost(e) is null)
            {
                return sample ?? 0;
            }
        }
    }

    /// <summary>
    /// When the message at the head of the error queue failed. The peek takes the message unacknowledged and rejects it
    /// straight back with requeue, which puts it back at the head; closing the channel would do the same.
    /// </summary>
    async Task<DateTimeOffset?> PeekFaultTimestampAsync(string errorQueue, CancellationToken cancellationToken)
    {
        var channel = await CreateChannelAsync(cancellationToken).ConfigureAwait(false);
        await using (channel.ConfigureAwait(false))
        {
            BasicGetResult? head;
            try
            {
                head = await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationInterruptedException e) when (Lost(e) is null)
            {
                return null;
            }
            if (head is null)
                return null;
            await channel.BasicNackAsync(head.DeliveryTag, multiple: false, requeue: true, CancellationToken.None).ConfigureAwait(false);
            return FaultDetails.FromHeaders(RabbitMqMessages.ToTransportMessage(head)).Timestamp;
        }
    }

    async Task<IChannel> CreateChannelAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationInterruptedException e) when (Lost(e) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <summary>The exception to report when <paramref name="exception"/> came from losing the connection, else null.</summary>
    BrokerUnavailableException? Lost(Exception exception) =>
        _connection.IsOpen ? null : new BrokerUnavailableException(
            $"Lost the connection to {Description}: {_connection.CloseReason?.ReplyText ?? ReasonOf(exception)}", exception);

    /// <summary>
    /// MassTransit's temporary bus queues, <c>{machine}_{process}_bus_{id}</c> (one per running bus, deleted with it),
    /// and the broker's own server-named <c>amq.*</c> queues: never anything an operator replays to.
    /// </summary>
    internal static bool IsTemporary(string queue) => TemporaryBusQueue().IsMatch(queue) || queue.StartsWith("amq.", StringComparison.Ordinal);

    // The id is a NewId in lower-case z-base-32: 26 characters.
    [GeneratedRegex("^[A-Za-z0-9]*_[A-Za-z0-9]*_bus_[a-z0-9]{26}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryBusQueue();

    /// <summary>Why a connection attempt failed, in a few words from the innermost cause that says something.</summary>
    static string ReasonOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AuthenticationFailureException or PossibleAuthenticationFailureException:
                    return "the user name or password was refused";
                case OperationInterruptedException { ShutdownReason: { } reason }:
                    return reason.ReplyText;
                case SocketException socket:
                    return socket.Message;
                case AuthenticationException tls:
                    return $"the TLS handshake failed ({tls.Message})";
            }
        }
        var innermost = exception;
        while (innermost.InnerException is not null)
            innermost = innermost.InnerException;
        return innermost.Message;
    }
}
