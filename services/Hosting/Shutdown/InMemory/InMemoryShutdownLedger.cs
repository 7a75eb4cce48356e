using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;

namespace Switchyard.Hosting.Shutdown.InMemory;

/// <summary>
/// What the in-memory transport loses when its host stops, counted and logged once the bus has stopped: the messages
/// it had accepted (published or sent) and will never deliver. The in-memory transport keeps nothing across a restart.
/// </summary>
/// <remarks>
/// When the bus begins to stop, every receive endpoint's <see cref="InMemoryShutdownGate"/> closes: a message that
/// reaches an endpoint from then on is dropped at once and counted, rather than consumed (MassTransit's in-memory
/// transport would otherwise work through its whole backlog before stopping, retrying each message against services
/// that may have stopped already). Consumers at work get <c>Shutdown:ConsumerStopTimeout</c>; those still at work then
/// are cancelled and counted. Messages waiting out a delay (redeliveries), and messages published or sent while the bus
/// stops (nothing delivers them any more), are counted too. Each message is counted once, however many ways it was lost.
/// <para>
/// A message can also be lost before it reaches any endpoint: MassTransit's in-memory queue hands messages to its
/// endpoint on a task of its own, and an endpoint that has begun to stop discards, without a word, what it is handed
/// (on a busy machine several messages can wait there). So the ledger follows every message sent or published to an
/// endpoint of this bus, from the send to its arrival at the gate; what has not arrived when the bus has stopped was
/// lost waiting in its queue. Where a publish goes is worked out as MassTransit routes it: to the endpoints whose
/// consumers consume the message's type or one it implements, unless the endpoint does not bind to publishes
/// (<c>ConfigureConsumeTopology = false</c>).
/// </para>
/// </remarks>
public sealed partial class InMemoryShutdownLedger(ILogger<InMemoryShutdownLedger> logger, InMemoryErrorQueues? errorQueues = null)
    : IBusObserver, ISendObserver, IPublishObserver
{
    readonly ConcurrentDictionary<Guid, Loss> _lost = new();
    readonly ConcurrentDictionary<Guid, string> _delayed = new();
    readonly ConcurrentDictionary<string, int> _lostByQueue = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(Guid Id, string Queue), byte> _onTheWay = new();
    readonly ConcurrentDictionary<string, WatchedEndpoint> _endpoints = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<Type, string[]> _publishedTo = new();
    volatile bool _stopping;
    int _reported;

    /// <summary>Why a message was lost.</summary>
    public enum Loss
    {
        /// <summary>It reached its queue's endpoint after the bus began to stop.</summary>
        Queued,

        /// <summary>Its consumer was at work when the bus stopped, and was cancelled.</summary>
        InProgress,

        /// <summary>It was waiting out a delay (a redelivery) when the bus stopped.</summary>
        Delayed,

        /// <summary>It was published or sent while the bus stopped.</summary>
        SentWhileStopping,
    }

    /// <summary>Whether the bus has begun to stop: endpoints drop what reaches them.</summary>
    public bool IsStopping => _stopping;

    /// <summary>The messages lost so far, by why.</summary>
    public IReadOnlyDictionary<Loss, int> Counts => _lost.Values.GroupBy(loss => loss).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>How many messages were lost so far.</summary>
    public int Total => _lost.Count;

    /// <summary>How many messages are waiting out a delay (redeliveries) right now.</summary>
    public int Delayed => _delayed.Count;

    /// <summary>How many deliveries to this bus's endpoints have been sent or published and have not arrived yet.</summary>
    public int OnTheWay => _onTheWay.Count;

    /// <summary>
    /// Follows what reaches the endpoint of <paramref name="queue"/>: its consumers' message types, as MassTransit adds
    /// them to <paramref name="configurator"/>.
    /// </summary>
    public void Watch(string queue, IReceiveEndpointConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        var endpoint = new WatchedEndpoint(queue, configurator);
        _endpoints[queue] = endpoint;
        configurator.ConnectConsumerConfigurationObserver(endpoint);
    }

    /// <summary>A message reached the endpoint of <paramref name="queue"/>: it is no longer on its way or waiting out a delay.</summary>
    public void Arrived(Guid? messageId, string queue)
    {
        if (messageId is not { } id)
            return;
        _delayed.TryRemove(id, out _);
        _onTheWay.TryRemove((id, queue), out _);
    }

    /// <summary>Counts a message lost at <paramref name="queue"/>, once.</summary>
    public void Lost(Guid? messageId, string queue, Loss loss)
    {
        // A message without an id (MassTransit always gives one) still counts, under an id of its own.
        if (_lost.TryAdd(messageId ?? Guid.NewGuid(), loss))
            _lostByQueue.AddOrUpdate(queue, 1, (_, count) => count + 1);
    }

    /// <inheritdoc />
    public void PostCreate(IBus bus)
    {
    }

    /// <inheritdoc />
    public void CreateFaulted(Exception exception)
    {
    }

    /// <inheritdoc />
    public Task PreStart(IBus bus) => Task.CompletedTask;

    /// <inheritdoc />
    public Task PostStart(IBus bus, Task<BusReady> busReady) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    /// <inheritdoc />
    public Task PreStop(IBus bus)
    {
        _stopping = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PostStop(IBus bus)
    {
        Report(cutShort: false);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopFaulted(IBus bus, Exception exception)
    {
        Report(cutShort: false);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Logs what was lost, once. MassTransit says nothing when <c>Shutdown:Timeout</c> cuts the bus's stop short, so
    /// the host's last stop step calls this too (<paramref name="cutShort"/>): what the bus still held then is not counted.
    /// </summary>
    public void Report(bool cutShort)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 1 || (cutShort && !_stopping))
            return;

        foreach (var (id, queue) in _delayed)
            Lost(id, queue, Loss.Delayed);
        _delayed.Clear();
        // Counted after those waiting out a delay: a redelivery on its way is the same message, lost the same way.
        foreach (var ((id, queue), _) in _onTheWay)
            Lost(id, queue, Loss.Queued);
        _onTheWay.Clear();

        var kept = errorQueues?.GetQueues().Sum(q => q.Errors + q.Skipped) ?? 0;
        var counts = Counts;
        int Count(Loss loss) => counts.TryGetValue(loss, out var count) ? count : 0;
        if (Total == 0 && !cutShort)
        {
            LogNothingLost(logger, kept);
            return;
        }

        var byQueue = string.Join(", ", _lostByQueue.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => $"{q.Key} {q.Value}"));
        if (cutShort)
            LogLostCutShort(logger, Total, Count(Loss.Queued), Count(Loss.InProgress), Count(Loss.Delayed), Count(Loss.SentWhileStopping), byQueue, kept);
        else
            LogLost(logger, Total, Count(Loss.Queued), Count(Loss.InProgress), Count(Loss.Delayed), Count(Loss.SentWhileStopping), byQueue, kept);
    }

    /// <inheritdoc />
    public Task PreSend<T>(SendContext<T> context) where T : class
    {
        // Followed from before the send: the endpoint may have the message before PostSend runs. A delayed send is
        // followed as waiting out its delay (PostSend), one sent while stopping as such.
        if (_stopping || context.Delay is { } delay && delay > TimeSpan.Zero || context.MessageId is not { } id)
            return Task.CompletedTask;
        var queue = QueueOf(context.DestinationAddress);
        if (_endpoints.ContainsKey(queue))
            _onTheWay.TryAdd((id, queue), 0);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PostSend<T>(SendContext<T> context) where T : class
    {
        if (context.Delay is { } delay && delay > TimeSpan.Zero && context.MessageId is { } id)
            _delayed[id] = QueueOf(context.DestinationAddress);
        else if (_stopping)
            Lost(context.MessageId, QueueOf(context.DestinationAddress), Loss.SentWhileStopping);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class
    {
        if (context.MessageId is { } id)
            _onTheWay.TryRemove((id, QueueOf(context.DestinationAddress)), out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PrePublish<T>(PublishContext<T> context) where T : class
    {
        if (!_stopping && context.MessageId is { } id)
        {
            foreach (var queue in PublishedTo(typeof(T)))
                _onTheWay.TryAdd((id, queue), 0);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        if (_stopping)
            Lost(context.MessageId, $"{typeof(T).Name} (published)", Loss.SentWhileStopping);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class
    {
        if (context.MessageId is { } id)
        {
            foreach (var queue in PublishedTo(typeof(T)))
                _onTheWay.TryRemove((id, queue), out _);
        }

        return Task.CompletedTask;
    }

    /// <summary>The endpoints a publish of <paramref name="messageType"/> reaches; worked out once, on the first publish after configuration.</summary>
    string[] PublishedTo(Type messageType) => _publishedTo.GetOrAdd(messageType,
        type => [.. _endpoints.Values.Where(endpoint => endpoint.ReceivesPublished(type)).Select(endpoint => endpoint.Queue)]);

    static string QueueOf(Uri? address) => ErrorQueueNames.QueueNameOf(address?.ToString()) ?? address?.ToString() ?? "?";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The in-memory transport dropped {Dropped} accepted message(s) as it stopped: {Queued} waiting in their queues, " +
        "{InProgress} whose consumers were cancelled, {Delayed} waiting for a redelivery, {SentWhileStopping} sent while it stopped ({ByQueue}). " +
        "The {Kept} message(s) of its error and skipped queues end with the process too. The in-memory transport keeps nothing across restarts: " +
        "run on RabbitMQ (Bus:Transport=RabbitMq) for messages that outlive the process")]
    static partial void LogLost(ILogger logger, int dropped, int queued, int inProgress, int delayed, int sentWhileStopping, string byQueue, long kept);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The in-memory transport dropped at least {Dropped} accepted message(s) as it stopped: Shutdown:Timeout ran out " +
        "before the bus had stopped, and what it held then is not counted. Counted: {Queued} waiting in their queues, {InProgress} whose consumers were cancelled, " +
        "{Delayed} waiting for a redelivery, {SentWhileStopping} sent while it stopped ({ByQueue}). The {Kept} message(s) of its error and skipped queues end with " +
        "the process too. The in-memory transport keeps nothing across restarts: run on RabbitMQ (Bus:Transport=RabbitMq) for messages that outlive the process")]
    static partial void LogLostCutShort(ILogger logger, int dropped, int queued, int inProgress, int delayed, int sentWhileStopping, string byQueue, long kept);

    [LoggerMessage(Level = LogLevel.Information, Message = "The in-memory transport dropped 0 accepted messages as it stopped: every one was consumed. " +
        "The {Kept} message(s) of its error and skipped queues end with the process")]
    static partial void LogNothingLost(ILogger logger, long kept);

    /// <summary>An endpoint of this bus, and the message types its consumers consume.</summary>
    sealed class WatchedEndpoint(string queue, IReceiveEndpointConfigurator configurator) : IConsumerConfigurationObserver
    {
        readonly ConcurrentDictionary<Type, byte> _consumed = new();

        public string Queue => queue;

        /// <summary>Whether a publish of <paramref name="messageType"/> reaches this endpoint (read once configuration is over).</summary>
        public bool ReceivesPublished(Type messageType) =>
            (configurator as IReceiveEndpointConfiguration)?.ConfigureConsumeTopology != false
            && _consumed.Keys.Any(consumed => consumed.IsAssignableFrom(messageType));

        public void ConsumerConfigured<TConsumer>(IConsumerConfigurator<TConsumer> configurator)
            where TConsumer : class
        {
        }

        public void ConsumerMessageConfigured<TConsumer, TMessage>(IConsumerMessageConfigurator<TConsumer, TMessage> configurator)
            where TConsumer : class
            where TMessage : class => _consumed.TryAdd(typeof(TMessage), 0);
    }
}
