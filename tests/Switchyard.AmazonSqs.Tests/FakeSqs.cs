using System.Reflection;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Switchyard.AmazonSqs.Tests;

/// <summary>
/// An SQS of a few queues in memory, with what the broker relies on: visibility timeouts, a new receipt handle per
/// receive (only the latest one deletes), message and system attributes, FIFO groups held while in flight.
/// </summary>
public sealed class FakeSqs
{
    const string UrlPrefix = "https://sqs.eu-west-1.amazonaws.com/123456789012/";

    readonly Lock _lock = new();
    readonly Dictionary<string, List<Stored>> _queues = new(StringComparer.Ordinal);
    long _sequence;

    public FakeSqs()
    {
        var client = DispatchProxy.Create<IAmazonSQS, Proxy>();
        ((Proxy)(object)client).Sqs = this;
        Client = client;
    }

    /// <summary>The client the broker is given.</summary>
    public IAmazonSQS Client { get; }

    /// <summary>Every SendMessage request, in order.</summary>
    public List<SendMessageRequest> Sent { get; } = [];

    /// <summary>Every ChangeMessageVisibilityBatch entry's timeout, in order.</summary>
    public List<int> VisibilityChanges { get; } = [];

    public static string UrlOf(string queue) => UrlPrefix + queue;

    public void CreateQueue(string name)
    {
        lock (_lock)
            _queues.TryAdd(name, []);
    }

    /// <summary>Puts a message in a queue as a sender would, with string attributes; returns its SQS id.</summary>
    public string Put(string queue, string body, IDictionary<string, string>? attributes = null, string? groupId = null, DateTimeOffset? sentAt = null)
    {
        lock (_lock)
        {
            var id = Guid.NewGuid().ToString();
            var system = new Dictionary<string, string>
            {
                [MessageSystemAttributeName.SentTimestamp] = (sentAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                [MessageSystemAttributeName.SequenceNumber] = (++_sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (groupId is not null)
                system[MessageSystemAttributeName.MessageGroupId] = groupId;
            _queues[queue].Add(new Stored(id, body, (attributes ?? new Dictionary<string, string>())
                .ToDictionary(a => a.Key, a => new MessageAttributeValue { DataType = "String", StringValue = a.Value }), system));
            return id;
        }
    }

    /// <summary>Messages a consumer could receive now.</summary>
    public int Visible(string queue)
    {
        lock (_lock)
            return _queues[queue].Count(m => m.InvisibleUntil <= DateTime.UtcNow);
    }

    /// <summary>Messages in the queue, visible or not.</summary>
    public int Count(string queue)
    {
        lock (_lock)
            return _queues[queue].Count;
    }

    /// <summary>Makes a held message visible at once, as if its timeout had passed.</summary>
    public void Expire(string queue, string sqsMessageId)
    {
        lock (_lock)
            _queues[queue].Single(m => m.Id == sqsMessageId).InvisibleUntil = DateTime.MinValue;
    }

    object Handle(string method, object request) => request switch
    {
        ListQueuesRequest r => List(r),
        GetQueueUrlRequest r => Url(r),
        GetQueueAttributesRequest r => Attributes(r),
        ReceiveMessageRequest r => Receive(r),
        ChangeMessageVisibilityBatchRequest r => ChangeVisibility(r),
        DeleteMessageRequest r => Delete(r),
        SendMessageRequest r => Send(r),
        _ => throw new NotSupportedException($"The fake SQS does not do {method}."),
    };

    ListQueuesResponse List(ListQueuesRequest request)
    {
        lock (_lock)
        {
            var urls = _queues.Keys.Where(q => request.QueueNamePrefix is null || q.StartsWith(request.QueueNamePrefix, StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(UrlOf).ToList();
            // As SQS v4's client does: no list at all when nothing matches.
            return new ListQueuesResponse { QueueUrls = urls.Count == 0 ? null : urls };
        }
    }

    GetQueueUrlResponse Url(GetQueueUrlRequest request)
    {
        lock (_lock)
        {
            if (!_queues.ContainsKey(request.QueueName))
                throw new QueueDoesNotExistException($"The specified queue {request.QueueName} does not exist.");
            return new GetQueueUrlResponse { QueueUrl = UrlOf(request.QueueName) };
        }
    }

    GetQueueAttributesResponse Attributes(GetQueueAttributesRequest request)
    {
        lock (_lock)
        {
            var messages = QueueOf(request.QueueUrl);
            var visible = messages.Count(m => m.InvisibleUntil <= DateTime.UtcNow);
            return new GetQueueAttributesResponse
            {
                Attributes = new Dictionary<string, string>
                {
                    ["ApproximateNumberOfMessages"] = visible.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["ApproximateNumberOfMessagesNotVisible"] = (messages.Count - visible).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["ApproximateNumberOfMessagesDelayed"] = "0",
                },
            };
        }
    }

    ReceiveMessageResponse Receive(ReceiveMessageRequest request)
    {
        lock (_lock)
        {
            var now = DateTime.UtcNow;
            var messages = QueueOf(request.QueueUrl);
            var fifo = request.QueueUrl.EndsWith(".fifo", StringComparison.Ordinal);
            var heldGroups = fifo
                ? messages.Where(m => m.InvisibleUntil > now).Select(m => m.GroupId).ToHashSet()
                : [];
            var received = new List<Message>();
            foreach (var stored in messages.Where(m => m.InvisibleUntil <= now && !heldGroups.Contains(m.GroupId)).Take(request.MaxNumberOfMessages ?? 1))
            {
                stored.InvisibleUntil = now.AddSeconds(request.VisibilityTimeout ?? 30);
                stored.Handle = Guid.NewGuid().ToString("N");
                received.Add(new Message
                {
                    MessageId = stored.Id,
                    ReceiptHandle = stored.Handle,
                    Body = stored.Body,
                    MessageAttributes = stored.Attributes.Count == 0 ? null : new Dictionary<string, MessageAttributeValue>(stored.Attributes),
                    Attributes = new Dictionary<string, string>(stored.System),
                });
            }

            return new ReceiveMessageResponse { Messages = received.Count == 0 ? null : received };
        }
    }

    ChangeMessageVisibilityBatchResponse ChangeVisibility(ChangeMessageVisibilityBatchRequest request)
    {
        lock (_lock)
        {
            var messages = QueueOf(request.QueueUrl);
            foreach (var entry in request.Entries)
            {
                VisibilityChanges.Add(entry.VisibilityTimeout ?? 0);
                if (messages.FirstOrDefault(m => m.Handle == entry.ReceiptHandle) is { } stored)
                    stored.InvisibleUntil = DateTime.UtcNow.AddSeconds(entry.VisibilityTimeout ?? 0);
            }

            return new ChangeMessageVisibilityBatchResponse();
        }
    }

    DeleteMessageResponse Delete(DeleteMessageRequest request)
    {
        lock (_lock)
        {
            var messages = QueueOf(request.QueueUrl);
            var stored = messages.FirstOrDefault(m => m.Handle == request.ReceiptHandle)
                         ?? throw new ReceiptHandleIsInvalidException("The receipt handle is not the latest one.");
            messages.Remove(stored);
            return new DeleteMessageResponse();
        }
    }

    SendMessageResponse Send(SendMessageRequest request)
    {
        lock (_lock)
        {
            Sent.Add(request);
            var queue = request.QueueUrl[UrlPrefix.Length..];
            var id = Guid.NewGuid().ToString();
            var system = new Dictionary<string, string>
            {
                [MessageSystemAttributeName.SentTimestamp] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            if (request.MessageGroupId is not null)
                system[MessageSystemAttributeName.MessageGroupId] = request.MessageGroupId;
            _queues[queue].Add(new Stored(id, request.MessageBody, request.MessageAttributes ?? [], system));
            return new SendMessageResponse { MessageId = id };
        }
    }

    List<Stored> QueueOf(string url) =>
        _queues.TryGetValue(url[UrlPrefix.Length..], out var queue)
            ? queue
            : throw new QueueDoesNotExistException($"The specified queue {url} does not exist.");

    sealed class Stored(string id, string body, Dictionary<string, MessageAttributeValue> attributes, Dictionary<string, string> system)
    {
        public string Id { get; } = id;
        public string Body { get; } = body;
        public Dictionary<string, MessageAttributeValue> Attributes { get; } = attributes;
        public Dictionary<string, string> System { get; } = system;
        public string? GroupId => System.GetValueOrDefault(MessageSystemAttributeName.MessageGroupId);
        public DateTime InvisibleUntil { get; set; } = DateTime.MinValue;
        public string? Handle { get; set; }
    }

    /// <summary>Routes the client's calls to the fake; only the operations the broker uses exist.</summary>
    public class Proxy : DispatchProxy
    {
        internal FakeSqs Sqs { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IDisposable.Dispose))
                return null;
            if (args is not [AmazonWebServiceRequest request, ..])
                throw new NotSupportedException($"The fake SQS does not do {targetMethod.Name}.");

            var response = Sqs.Handle(targetMethod.Name, request);
            // Every operation the broker calls is an async one returning Task<TResponse>.
            var fromResult = typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0]);
            return fromResult.Invoke(null, [response]);
        }
    }
}
