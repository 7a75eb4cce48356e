using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Brokers.RabbitMq;

/// <summary>
/// Publishes one message at a time to a queue through the default exchange and waits for the broker's confirm.
/// </summary>
/// <remarks>
/// The client can track confirms itself, but then it adds a header (<c>x-dotnet-pub-seq-no</c>) to every message,
/// and a moved message must arrive with the headers it had. So confirms are tracked here: with one publish
/// outstanding at a time, the channel's next <c>basic.ack</c> or <c>basic.nack</c> covering its sequence number is its
/// answer, and a <c>basic.return</c> (which the broker sends before the ack of a mandatory message it could not route)
/// means there is no such queue. A send that ends any other way (cancelled, failed) discards the channel, so a late
/// answer can never be taken for the next send's.
/// Publishing through the default exchange declares nothing, so a queue's arguments (e.g. single active consumer) are
/// never contradicted.
/// </remarks>
internal sealed class RabbitMqConfirmedSender(IConnection connection, Func<Exception, BrokerUnavailableException?> lost) : IAsyncDisposable
{
    readonly SemaphoreSlim _gate = new(1, 1);
    IChannel? _channel;
    PendingConfirm? _pending;
    bool _disposed;

    /// <summary>Publishes and returns once the broker confirmed it holds the message.</summary>
    /// <exception cref="QueueNotFoundException">The broker returned the message: there is no such queue.</exception>
    public async Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var settled = false;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var channel = _channel ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            var pending = new PendingConfirm(await channel.GetNextPublishSequenceNumberAsync(cancellationToken).ConfigureAwait(false));
            Volatile.Write(ref _pending, pending);
            await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true,
                RabbitMqMessages.ToProperties(message), message.Body, cancellationToken).ConfigureAwait(false);
            var routed = await pending.Answer.WaitAsync(cancellationToken).ConfigureAwait(false);
            settled = true;
            if (!routed)
                throw new QueueNotFoundException(queue);
        }
        catch (OperationInterruptedException e) when (lost(e) is { } unavailable)
        {
            throw unavailable;
        }
        finally
        {
            Volatile.Write(ref _pending, null);
            if (!settled)
                await DiscardChannelAsync().ConfigureAwait(false);
            _gate.Release();
        }
    }

    async Task<IChannel> OpenAsync(CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: false),
            cancellationToken).ConfigureAwait(false);
        channel.BasicReturnAsync += OnReturnAsync;
        channel.BasicAcksAsync += OnAckAsync;
        channel.BasicNacksAsync += OnNackAsync;
        channel.ChannelShutdownAsync += OnShutdownAsync;
        return channel;
    }

    Task OnReturnAsync(object sender, BasicReturnEventArgs e)
    {
        Volatile.Read(ref _pending)?.Returned();
        return Task.CompletedTask;
    }

    Task OnAckAsync(object sender, BasicAckEventArgs e)
    {
        if (Volatile.Read(ref _pending) is { } pending && pending.IsCoveredBy(e.DeliveryTag, e.Multiple))
            pending.Confirmed();
        return Task.CompletedTask;
    }

    Task OnNackAsync(object sender, BasicNackEventArgs e)
    {
        if (Volatile.Read(ref _pending) is { } pending && pending.IsCoveredBy(e.DeliveryTag, e.Multiple))
        {
            pending.Failed(new IOException(
                "RabbitMQ refused to take responsibility for the message (basic.nack); it may not have been stored."));
        }
        return Task.CompletedTask;
    }

    Task OnShutdownAsync(object sender, ShutdownEventArgs e)
    {
        Volatile.Read(ref _pending)?.Failed(new AlreadyClosedException(e));
        return Task.CompletedTask;
    }

    async Task DiscardChannelAsync()
    {
        if (_channel is not { } channel)
            return;
        _channel = null;
        channel.BasicReturnAsync -= OnReturnAsync;
        channel.BasicAcksAsync -= OnAckAsync;
        channel.BasicNacksAsync -= OnNackAsync;
        channel.ChannelShutdownAsync -= OnShutdownAsync;
        try
        {
            await channel.CloseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationInterruptedException or IOException or ObjectDisposedException)
        {
            // Already closed; nothing more to release.
        }
        await channel.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _disposed = true;
            await DiscardChannelAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The answer the one outstanding publish waits for: true when routed, false when returned.</summary>
    sealed class PendingConfirm(ulong sequenceNumber)
    {
        // Continuations run off the client's frame-reading loop, which raised the event.
        readonly TaskCompletionSource<bool> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        volatile bool _returned;

        public Task<bool> Answer => _answer.Task;

        public bool IsCoveredBy(ulong deliveryTag, bool multiple) =>
            deliveryTag == sequenceNumber || (multiple && deliveryTag >= sequenceNumber);

        public void Returned() => _returned = true;

        public void Confirmed() => _answer.TrySetResult(!_returned);

        public void Failed(Exception exception) => _answer.TrySetException(exception);
    }
}
