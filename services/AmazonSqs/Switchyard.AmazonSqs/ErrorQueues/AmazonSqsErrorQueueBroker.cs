using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.SQS;
using Amazon.SQS.Model;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Switchyard.AmazonSqs.Faults;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.Messaging;

namespace Switchyard.AmazonSqs.ErrorQueues;

/// <summary>
/// The operator's view of SQS error queues. Reading receives messages with a visibility timeout, which keeps them out
/// of other readers' sight, extends it while the read runs, and makes what was not removed visible again when the read
/// ends; a reader that dies leaves its messages to come back when the timeout passes. Sending is SQS's SendMessage,
/// removing its DeleteMessage. Queues are named as the services name them (<c>processor_error</c>), or by their SQS
/// names; fault details come from the message's three <c>MT-</c> attributes completed with what the services
/// recorded when the message failed (<see cref="IFaultStore"/>).
/// </summary>
public sealed class AmazonSqsErrorQueueBroker : IErrorQueueBroker
{
    /// <summary>How long a read keeps its messages invisible between extensions.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromMinutes(2);

    /// <summary>SQS carries at most this many message attributes.</summary>
    public const int MaxMessageAttributes = 10;

    const int MaxBatch = 10;
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    readonly IAmazonSQS _sqs;
    readonly IFaultStore _faults;
    readonly AmazonSqsTopology _topology;
    readonly TimeSpan _visibilityTimeout;
    readonly TimeProvider _clock;
    readonly IDisposable[] _owned;
    readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    internal AmazonSqsErrorQueueBroker(IAmazonSQS sqs, IFaultStore faults, AmazonSqsTopology topology, TimeSpan visibilityTimeout,
        TimeProvider clock, params IDisposable[] owned)
    {
        if (visibilityTimeout < TimeSpan.FromSeconds(2) || visibilityTimeout > TimeSpan.FromHours(12))
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), visibilityTimeout, "SQS takes 0 s to 12 h; a read needs at least 2 s.");
        _sqs = sqs;
        _faults = faults;
        _topology = topology;
        _visibilityTimeout = visibilityTimeout;
        _clock = clock;
        _owned = owned;
    }

    /// <summary>
    /// A broker for the SQS queues the <c>Bus</c> section describes (<c>Bus:AmazonSqs:*</c>: region, service URL,
    /// scope, profile, role, fault table), with the same credentials the services use.
    /// </summary>
    /// <param name="bus">The <c>Bus</c> configuration section.</param>
    /// <param name="cancellationToken">Stops the resolution of the credentials.</param>
    /// <exception cref="InvalidConfigurationException">The settings are invalid; one problem per setting.</exception>
    /// <exception cref="Amazon.Runtime.AmazonClientException">No credentials could be resolved.</exception>
    public static async Task<AmazonSqsErrorQueueBroker> CreateAsync(IConfiguration bus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bus);
        var options = bus.Get<BusOptions>() ?? new BusOptions();
        var problems = BusOptionsValidator.ValidateAmazonSqs(options.AmazonSqs);
        if (problems.Count > 0)
            throw new InvalidConfigurationException(problems);

        var topology = AmazonSqsTopology.From(options.AmazonSqs);
        var credentials = AwsClients.Credentials(topology.Credentials);
        // Resolved now, so that missing or refused credentials are reported before any queue is touched.
        await credentials.GetCredentialsAsync().WaitAsync(cancellationToken);

        var sqs = new AmazonSQSClient(credentials, AwsClients.SqsConfig(topology));
        var store = new DynamoDbFaultStore(new AmazonDynamoDBClient(credentials, AwsClients.DynamoDbConfig(topology)),
            topology.FaultTable, topology.FaultRetention, topology.CreateFaultTable, TimeProvider.System);
        return new AmazonSqsErrorQueueBroker(sqs, store, topology, DefaultVisibilityTimeout, TimeProvider.System, sqs, store);
    }

    /// <inheritdoc />
    public string Description => $"Amazon SQS {_topology.Describe()}";

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (long? Ready, long Errors, long Skipped)>(StringComparer.Ordinal);
        await foreach (var url in ListQueueUrlsAsync(cancellationToken))
        {
            var name = NameOf(url);
            if (_topology.LogicalQueueName(name) is not { } logical || IsTemporary(logical))
                continue;

            var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = url,
                AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
            }, cancellationToken);
            long visible = attributes.ApproximateNumberOfMessages;
            long all = visible + attributes.ApproximateNumberOfMessagesNotVisible + attributes.ApproximateNumberOfMessagesDelayed;

            var consumer = ErrorQueueNames.ConsumerQueueOf(logical);
            var (ready, errors, skipped) = counts.GetValueOrDefault(consumer, (null, 0, 0));
            if (ErrorQueueNames.IsErrorQueue(logical))
                errors += all;
            else if (ErrorQueueNames.IsSkippedQueue(logical))
                skipped += all;
            else
                ready = visible;
            counts[consumer] = (ready, errors, skipped);
        }

        // SQS tells no age of a message without receiving it; CloudWatch's ApproximateAgeOfOldestMessage does.
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new QueueStatus(c.Key, c.Value.Ready, c.Value.Errors, c.Value.Skipped, null))
            .ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each batch SQS hands out is given oldest first; standard queues keep no order beyond that. On a FIFO error queue,
    /// SQS hands out no further messages of a group while some of it are held, so a read that removes nothing sees at
    /// most the first ten messages of each group; removing entries as they are replayed lets the read go on.
    /// </remarks>
    public async IAsyncEnumerable<ErrorQueueEntry> ReadAsync(string errorQueue, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var url = await UrlOfAsync(errorQueue, cancellationToken);
        var queueName = NameOf(url);
        var logicalQueue = _topology.LogicalQueueName(queueName) ?? queueName;

        await using var held = new HeldMessages(_sqs, url, _visibilityTimeout, _clock);
        while (!cancellationToken.IsCancellationRequested)
        {
            var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = MaxBatch,
                // Long polling asks every SQS server, so an empty answer means nothing is left to read.
                WaitTimeSeconds = 1,
                VisibilityTimeout = (int)_visibilityTimeout.TotalSeconds,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["All"],
            }, cancellationToken);

            var messages = response.Messages ?? [];
            if (messages.Count == 0)
                break;

            // A message received again (its timeout passed before an extension) is held under its new handle, not read twice.
            var fresh = messages.Where(held.Add).ToList();
            foreach (var message in fresh.OrderBy(SentAt).ThenBy(SequenceNumber))
            {
                var transportMessage = ToTransportMessage(message);
                var recorded = await _faults.FindAsync(transportMessage.MessageId, logicalQueue, cancellationToken);
                var fault = FaultDetails.FromHeaders(transportMessage).Complete(recorded?.ToFaultDetails());
                yield return new Entry(errorQueue, transportMessage, fault, held, message.MessageId);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The body and the attributes go as they are (the content type as <c>Content-Type</c>, the correlation id as
    /// <c>CorrelationId</c>, every header as a string attribute). To a FIFO queue the message goes in the group of its
    /// <c>Switchyard-Ordering-Key</c> (or of its id), with a deduplication id of its own: reusing the original one would
    /// have SQS drop a replay sent within five minutes of the original as a duplicate.
    /// </remarks>
    public async Task SendAsync(string queue, TransportMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = ToSendRequest(message, queue);
        request.QueueUrl = await UrlOfAsync(queue, cancellationToken);
        if (AmazonSqsTopology.IsFifoName(NameOf(request.QueueUrl)))
        {
            request.MessageGroupId = message.Header(OrderingKey.Header) ?? message.MessageId;
            request.MessageDeduplicationId = $"{message.MessageId}-{Guid.NewGuid():N}";
        }

        // SendMessage answers once SQS has stored the message.
        await _sqs.SendMessageAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
            owned.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The message SQS holds, as the operator sees it.</summary>
    internal static TransportMessage ToTransportMessage(Message message)
    {
        var attributes = message.MessageAttributes ?? [];
        string? Attribute(string name) => attributes.TryGetValue(name, out var value) ? value.StringValue : null;

        var body = message.Body ?? "";
        var headers = attributes
            .Where(a => a.Value.StringValue is not null && a.Key != MessageHeaders.ContentType && a.Key != MessageHeaders.CorrelationId)
            .ToDictionary(a => a.Key, a => (object)a.Value.StringValue, StringComparer.OrdinalIgnoreCase);
        return new TransportMessage
        {
            // The envelope's id is MassTransit's; a MessageId attribute may be an earlier SQS message's, copied along.
            MessageId = EnvelopeMessageId(body) ?? Attribute(MessageHeaders.MessageId) ?? message.MessageId,
            ContentType = Attribute(MessageHeaders.ContentType),
            CorrelationId = Attribute(MessageHeaders.CorrelationId),
            Headers = headers,
            Body = Encoding.UTF8.GetBytes(body),
        };
    }

    /// <summary>The SendMessage request for <paramref name="message"/>, without its queue.</summary>
    /// <exception cref="InvalidOperationException">The message cannot travel on SQS as it is; nothing is sent.</exception>
    internal static SendMessageRequest ToSendRequest(TransportMessage message, string queue)
    {
        var attributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value) && !attributes.ContainsKey(name))
                attributes[name] = new MessageAttributeValue { DataType = "String", StringValue = value };
        }

        Add(MessageHeaders.ContentType, message.ContentType);
        Add(MessageHeaders.CorrelationId, message.CorrelationId);
        foreach (var name in message.Headers.Keys.Order(StringComparer.Ordinal))
            Add(name, message.Header(name));

        if (attributes.Count > MaxMessageAttributes)
        {
            throw new InvalidOperationException(
                $"Message {message.MessageId} has {attributes.Count} attributes ({string.Join(", ", attributes.Keys)}) and SQS carries at most " +
                $"{MaxMessageAttributes}: leave out what the consumer does not need (e.g. MT-Fault-* headers) before sending it to {queue}. Nothing was sent.");
        }

        string body;
        try
        {
            body = StrictUtf8.GetString(message.Body);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidOperationException($"Message {message.MessageId} has a body that is not UTF-8 text, which SQS cannot carry. Nothing was sent to {queue}.");
        }

        return new SendMessageRequest { MessageBody = body, MessageAttributes = attributes };
    }

    static string? EnvelopeMessageId(string body)
    {
        if (!body.TrimStart().StartsWith('{'))
            return null;
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.ValueKind == JsonValueKind.Object
                   && envelope.RootElement.TryGetProperty("messageId", out var id)
                   && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static long SentAt(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue(MessageSystemAttributeName.SentTimestamp, out var sent)
                                              && long.TryParse(sent, CultureInfo.InvariantCulture, out var milliseconds)
            ? milliseconds
            : long.MaxValue;

    static string SequenceNumber(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue(MessageSystemAttributeName.SequenceNumber, out var sequence)
            ? sequence.PadLeft(40, '0')
            : "";

    // MassTransit's per-instance endpoints (responses, temporary consumers) are no service's queues.
    static bool IsTemporary(string name) => name.Contains("_bus_", StringComparison.Ordinal) || name.Contains("_endpoint_", StringComparison.Ordinal);

    static string NameOf(string queueUrl) => queueUrl.TrimEnd('/').Split('/')[^1];

    async IAsyncEnumerable<string> ListQueueUrlsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            var response = await _sqs.ListQueuesAsync(new ListQueuesRequest
            {
                QueueNamePrefix = _topology.NamePrefix.Length == 0 ? null : _topology.NamePrefix,
                MaxResults = 1000,
                NextToken = next,
            }, cancellationToken);
            foreach (var url in response.QueueUrls ?? [])
                yield return url;
            next = response.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
    }

    /// <summary>
    /// The URL of <paramref name="queue"/>: a name as the services use it (scoped and given <c>.fifo</c> as configured,
    /// or as found), an SQS name, or an address such as a fault's input address.
    /// </summary>
    /// <exception cref="QueueNotFoundException">No such queue exists.</exception>
    internal async Task<string> UrlOfAsync(string queue, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        if (_urls.TryGetValue(queue, out var known))
            return known;

        foreach (var candidate in CandidateNames(ErrorQueueNames.QueueNameOf(queue) ?? queue))
        {
            try
            {
                var response = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = candidate }, cancellationToken);
                return _urls[queue] = response.QueueUrl;
            }
            catch (QueueDoesNotExistException)
            {
            }
        }

        throw new QueueNotFoundException(queue);
    }

    IEnumerable<string> CandidateNames(string name)
    {
        var prefix = _topology.NamePrefix;
        var scoped = prefix.Length > 0 && name.StartsWith(prefix, StringComparison.Ordinal);
        var logical = scoped ? _topology.LogicalQueueName(name)! : StripFifo(name);
        var candidates = new List<string>();
        if (scoped || (prefix.Length == 0 && AmazonSqsTopology.IsFifoName(name)))
            candidates.Add(name);
        candidates.Add(_topology.QueueName(logical));
        candidates.Add(prefix + logical);
        candidates.Add(prefix + logical + ".fifo");
        return candidates.Distinct(StringComparer.Ordinal);
    }

    static string StripFifo(string name) => AmazonSqsTopology.IsFifoName(name) ? name[..^".fifo".Length] : name;

    sealed class Entry(string queue, TransportMessage message, FaultDetails fault, HeldMessages held, string sqsMessageId)
        : ErrorQueueEntry(queue, message, fault)
    {
        public override Task RemoveAsync(CancellationToken cancellationToken) => held.DeleteAsync(sqsMessageId, cancellationToken);
    }

    /// <summary>
    /// The messages one read holds: their latest receipt handles (each receive gives a new one, and only the latest is
    /// sure to work), kept invisible until the read ends, then made visible again unless deleted.
    /// </summary>
    sealed class HeldMessages : IAsyncDisposable
    {
        readonly IAmazonSQS _sqs;
        readonly string _url;
        readonly TimeSpan _visibility;
        readonly Dictionary<string, string> _handles = new(StringComparer.Ordinal);
        readonly Lock _lock = new();
        readonly CancellationTokenSource _stop = new();
        readonly Task _extending;

        public HeldMessages(IAmazonSQS sqs, string url, TimeSpan visibility, TimeProvider clock)
        {
            _sqs = sqs;
            _url = url;
            _visibility = visibility;
            _extending = ExtendAsync(clock);
        }

        /// <summary>Holds a received message; false when it was already held (received again), whose handle is then updated.</summary>
        public bool Add(Message message)
        {
            lock (_lock)
            {
                var isNew = !_handles.ContainsKey(message.MessageId);
                _handles[message.MessageId] = message.ReceiptHandle;
                return isNew;
            }
        }

        public async Task DeleteAsync(string messageId, CancellationToken cancellationToken)
        {
            string? handle;
            lock (_lock)
                _handles.TryGetValue(messageId, out handle);
            if (handle is null)
                return;

            await _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = _url, ReceiptHandle = handle }, cancellationToken);
            lock (_lock)
                _handles.Remove(messageId);
        }

        async Task ExtendAsync(TimeProvider clock)
        {
            using var timer = new PeriodicTimer(_visibility / 2, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    await ChangeVisibilityAsync(_visibility, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        async Task ChangeVisibilityAsync(TimeSpan visibility, CancellationToken cancellationToken)
        {
            List<KeyValuePair<string, string>> handles;
            lock (_lock)
                handles = [.. _handles];

            foreach (var chunk in handles.Chunk(MaxBatch))
            {
                try
                {
                    await _sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
                    {
                        QueueUrl = _url,
                        Entries = chunk.Select((h, i) => new ChangeMessageVisibilityBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), h.Value)
                        {
                            VisibilityTimeout = (int)visibility.TotalSeconds,
                        }).ToList(),
                    }, cancellationToken);
                }
                catch (AmazonSQSException)
                {
                    // A message that cannot be changed comes back by itself when its timeout passes.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _extending;
            // Back where they were, for the next reader; bounded, since the timeout returns them anyway.
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await ChangeVisibilityAsync(TimeSpan.Zero, giveUp.Token);
            }
            catch (OperationCanceledException)
            {
            }

            _stop.Dispose();
        }
    }
}
