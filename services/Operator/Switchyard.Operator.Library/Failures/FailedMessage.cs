using System.Text.Json;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Operator.Failures;

/// <summary>A message in an error queue, with what the operator wants to know about it.</summary>
internal sealed class FailedMessage
{
    readonly Lazy<string> _fingerprint;
    readonly Lazy<string?> _messageType;

    public FailedMessage(string errorQueue, TransportMessage message, FaultDetails fault)
    {
        ErrorQueue = errorQueue;
        Message = message;
        Fault = fault;
        _fingerprint = new Lazy<string>(() => Failures.Fingerprint.Of(Fault));
        _messageType = new Lazy<string?>(() => ShortTypeName(Fault.MessageType) ?? EnvelopeMessageType(Message));
    }

    /// <summary>The entry as a broker read it.</summary>
    public static FailedMessage From(ErrorQueueEntry entry) => new(entry.Queue, entry.Message, entry.Fault);

    public string ErrorQueue { get; }

    public TransportMessage Message { get; }

    public FaultDetails Fault { get; }

    public string MessageId => Message.MessageId;

    public string Fingerprint => _fingerprint.Value;

    /// <summary>The message's type, from the fault or else from MassTransit's envelope in the body.</summary>
    public string? MessageType => _messageType.Value;

    /// <summary>The queue the message failed on: where a replay sends it unless told otherwise.</summary>
    public string SourceQueue =>
        ErrorQueueNames.QueueNameOf(Fault.InputAddress) ?? ErrorQueueNames.ConsumerQueueOf(ErrorQueue);

    /// <summary>"urn:message:Switchyard.Contracts.HubSpot:DealCreated" and "Switchyard.Contracts.HubSpot.DealCreated" alike give the full type name.</summary>
    static string? ShortTypeName(string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
            return null;
        const string urn = "urn:message:";
        return type.StartsWith(urn, StringComparison.Ordinal) ? type[urn.Length..].Replace(':', '.') : type;
    }

    static string? EnvelopeMessageType(TransportMessage message)
    {
        if (message.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            return null;
        try
        {
            using var document = JsonDocument.Parse(message.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("messageType", out var types)
                   && types.ValueKind == JsonValueKind.Array
                   && types.GetArrayLength() > 0
                ? ShortTypeName(types[0].GetString())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
