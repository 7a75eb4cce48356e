using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Receipt.Publishing;

/// <summary>
/// Publishes a request's messages and returns only when the broker has confirmed every one, or reports that it did not
/// within <c>Receipt:PublishTimeout</c>, so the caller can answer 503 instead of acknowledging.
/// </summary>
/// <remarks>
/// Publishes through the bus itself rather than the request-scoped publish endpoint: there is no consumed message whose
/// context should flow, and the scoped endpoint costs a measurable share of a single-event request.
/// </remarks>
public sealed partial class ConfirmedPublisher(
    IBus publisher,
    IOptions<ReceiptOptions> options,
    ReceiptMetrics metrics,
    TimeProvider clock,
    ILogger<ConfirmedPublisher> logger)
{
    /// <summary>
    /// Publishes every message with its id, the request's correlation id and its ordering key. Messages that share a
    /// key go one after another, in the order given; different keys go in parallel. Null when all were confirmed,
    /// otherwise the failure.
    /// </summary>
    public async Task<Exception?> PublishAsync<T>(IReadOnlyList<Outgoing<T>> messages, Guid correlationId, CancellationToken cancellationToken)
        where T : class
    {
        if (messages.Count == 0)
            return null;

        var started = clock.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        try
        {
            if (messages.Count == 1)
                await PublishInOrderAsync(messages, correlationId, timeout.Token);
            else
                await Task.WhenAll(messages.GroupBy(m => m.OrderingKey, StringComparer.Ordinal)
                    .Select(group => PublishInOrderAsync(group, correlationId, timeout.Token)));
            metrics.Published(clock.GetElapsedTime(started), confirmed: true);
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Published(clock.GetElapsedTime(started), confirmed: false);
            LogNotConfirmed(logger, messages.Count, typeof(T).Name, correlationId, e.GetType().Name, e.Message);
            return e;
        }
    }

    async Task PublishInOrderAsync<T>(IEnumerable<Outgoing<T>> messages, Guid correlationId, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var outgoing in messages)
        {
            // Mandatory: a message no queue is bound to yet comes back as an error instead of being confirmed and dropped.
            await publisher.Publish(outgoing.Message, context =>
            {
                context.MessageId = outgoing.MessageId;
                context.CorrelationId = correlationId;
                context.Mandatory = true;
                context.SetOrderingKey(outgoing.OrderingKey);
            }, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The broker did not confirm {Count} {MessageType} message(s) of correlation {CorrelationId}: {ExceptionType}: {Reason}")]
    static partial void LogNotConfirmed(ILogger logger, int count, string messageType, Guid correlationId, string exceptionType, string reason);
}

/// <summary>A message to publish, with its message id and ordering key.</summary>
public readonly record struct Outgoing<T>(T Message, Guid MessageId, string OrderingKey);
