using System.Globalization;
using MassTransit;

namespace Switchyard.Hosting.ErrorQueues;

/// <summary>Why a message is in an error queue: what MassTransit recorded when it moved it there.</summary>
public sealed record FaultDetails
{
    /// <summary>The exception's type name, e.g. <c>System.TimeoutException</c>.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The exception's message.</summary>
    public string? Message { get; init; }

    /// <summary>The exception's stack trace.</summary>
    public string? StackTrace { get; init; }

    /// <summary>When the last attempt failed.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The address of the queue the message failed on, e.g. <c>rabbitmq://host/vhost/processor</c>.</summary>
    public string? InputAddress { get; init; }

    /// <summary>The consumer that failed.</summary>
    public string? ConsumerType { get; init; }

    /// <summary>The message type the consumer was given.</summary>
    public string? MessageType { get; init; }

    /// <summary>Immediate retries made before giving up.</summary>
    public int? RetryCount { get; init; }

    /// <summary>Redeliveries made before giving up.</summary>
    public int? RedeliveryCount { get; init; }

    /// <summary>The machine whose consumer failed.</summary>
    public string? MachineName { get; init; }

    /// <summary>What MassTransit gave as the reason: <c>fault</c>, or <c>dead-letter</c> for a message nobody consumes.</summary>
    public string? Reason { get; init; }

    /// <summary>The details in a message's MassTransit headers (<c>MT-Fault-*</c>, <c>MT-Reason</c>, <c>MT-Host-*</c>).</summary>
    public static FaultDetails FromHeaders(TransportMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new FaultDetails
        {
            ExceptionType = message.Header(MessageHeaders.FaultExceptionType),
            Message = message.Header(MessageHeaders.FaultMessage),
            StackTrace = message.Header(MessageHeaders.FaultStackTrace),
            Timestamp = DateTimeOffset.TryParse(message.Header(MessageHeaders.FaultTimestamp), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            InputAddress = message.Header(MessageHeaders.FaultInputAddress),
            ConsumerType = message.Header(MessageHeaders.FaultConsumerType),
            MessageType = message.Header(MessageHeaders.FaultMessageType),
            RetryCount = int.TryParse(message.Header(MessageHeaders.FaultRetryCount), CultureInfo.InvariantCulture, out var retries) ? retries : null,
            RedeliveryCount = int.TryParse(message.Header(MessageHeaders.FaultRedeliveryCount), CultureInfo.InvariantCulture, out var redeliveries)
                ? redeliveries
                : null,
            MachineName = message.Header(MessageHeaders.Host.MachineName),
            Reason = message.Header(MessageHeaders.Reason),
        };
    }

    /// <summary>
    /// These details, with the gaps filled from <paramref name="other"/>: a transport that keeps few headers (SQS keeps
    /// three) completes them from a record made when the fault was published.
    /// </summary>
    public FaultDetails Complete(FaultDetails? other) => other is null ? this : new FaultDetails
    {
        ExceptionType = ExceptionType ?? other.ExceptionType,
        Message = Message ?? other.Message,
        StackTrace = StackTrace ?? other.StackTrace,
        Timestamp = Timestamp ?? other.Timestamp,
        InputAddress = InputAddress ?? other.InputAddress,
        ConsumerType = ConsumerType ?? other.ConsumerType,
        MessageType = MessageType ?? other.MessageType,
        RetryCount = RetryCount ?? other.RetryCount,
        RedeliveryCount = RedeliveryCount ?? other.RedeliveryCount,
        MachineName = MachineName ?? other.MachineName,
        Reason = Reason ?? other.Reason,
    };
}
