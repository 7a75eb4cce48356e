using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>
/// One read of an error queue, on a channel of its own. Each message is fetched with <c>basic.get</c> and left
/// unacknowledged, so the broker hands it to nobody else while the read runs and gives it back by itself if this
/// process or its connection dies. Removing a message acknowledges it; ending the read rejects the rest with requeue,
/// which puts them back in their places.
/// </summary>
internal sealed class RabbitMqErrorQueueReader : IAsyncDisposable
{
    readonly IChannel _channel;
    readonly string _queue;
    readonly Func<Exception, BrokerUnavailableException?> _lost;
    readonly SemaphoreSlim _gate = new(1, 1);
    readonly HashSet<ulong> _held = [];
    bool _ended;

    RabbitMqErrorQueueReader(IChannel channel, string queue, Func<Exception, BrokerUnavailableException?> lost)
    {
        _channel = channel;
        _queue = queue;
        _lost = lost;
    }

    /// <summary>Opens a read of <paramref name="queue"/> on a new channel of <paramref name="connection"/>.</summary>
    /// <param name="lost">The exception to report instead when the connection is gone, or null when it is not.</param>
    public static async Task<RabbitMqErrorQueueReader> OpenAsync(IConnection connection, string queue,
        Func<Exception, BrokerUnavailableException?> lost, CancellationToken cancellationToken)
    {
        IChannel channel;
        try
        {
            channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationInterruptedException e) when (lost(e) is { } unavailable)
        {
            throw unavailable;
        }
        return new RabbitMqErrorQueueReader(channel, queue, lost);
    }

    /// <summary>The next message, held until the read ends or it is removed; null once the queue has no more.</summary>
    /// <exception cref="QueueNotFoundException">The queue does not exist.</exception>
    public async Task<RabbitMqErrorQueueEntry?> NextAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_ended, this);
            BasicGetResult? result;
            try
            {
                result = await _channel.BasicGetAsync(_queue, autoAck: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                throw new QueueNotFoundException(_queue);
            }
            catch (OperationInterruptedException e) when (_lost(e) is { } unavailable)
            {
                throw unavailable;
            }

            if (result is null)
                return null;
            _held.Add(result.DeliveryTag);
            return new RabbitMqErrorQueueEntry(this, result.DeliveryTag, _queue, RabbitMqMessages.ToTransportMessage(result));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Acknowledges a held delivery; nothing happens when it was already removed.</summary>
    public async Task RemoveAsync(ulong deliveryTag, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                throw new InvalidOperationException(
                    $"The read of '{_queue}' has ended, so its messages are back in the queue: read it again to remove one.");
            }
            // A second acknowledgement of the same tag is a protocol error that would close the channel and end the read.
            if (!_held.Contains(deliveryTag))
                return;
            try
            {
                await _channel.BasicAckAsync(deliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationInterruptedException e) when (_lost(e) is { } unavailable)
            {
                throw unavailable;
            }
            _held.Remove(deliveryTag);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Ends the read: every held message goes back to the queue. Failures are swallowed: a channel that cannot reject
    /// is closed or dead, and the broker requeues the unacknowledged messages of a closed channel by itself.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_ended)
                return;
            _ended = true;
            if (_held.Count > 0 && _channel.IsOpen)
            {
                try
                {
                    // One reject for all: "multiple" covers every unacknowledged delivery up to the highest held tag, and
                    // acknowledged ones are no longer outstanding, so removed messages are not touched.
                    await _channel.BasicNackAsync(_held.Max(), multiple: true, requeue: true, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationInterruptedException or IOException or ObjectDisposedException)
                {
                    // Closing the channel below requeues them instead, or the broker already did when the connection died.
                }
            }
            _held.Clear();
            try
            {
                await _channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationInterruptedException or IOException or ObjectDisposedException)
            {
                // Already closed: nothing is held any more.
            }
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
