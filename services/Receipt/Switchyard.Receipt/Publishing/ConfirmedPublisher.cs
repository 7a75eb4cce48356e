using MassTransit;
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
    PublishRefusals refusals,
    TimeProvider clock)
{
    /// <summary>
    /// Publishes every message with its id, the request's correlation id and its ordering key. Messages that share a
    /// key go one after another, in the order given; different keys go in parallel. Returns by the publish timeout
    /// whatever the broker does; a publish still under way then goes on in the background, and
    /// <see cref="PublishResult.Settled"/> tells how it ended. Throws only when <paramref name="cancellationToken"/>
    /// (the caller's, e.g. the client's disconnect) cancels it.
    /// </summary>
    public async Task<PublishResult> PublishAsync<T>(IReadOnlyList<Outgoing<T>> messages, Guid correlationId, CancellationToken cancellationToken)
        where T : class
    {
        if (messages.Count == 0)
            return PublishResult.Confirmed;

        var started = clock.GetTimestamp();
        var timeout = options.Value.PublishTimeout;
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var publishing = messages.Count == 1
            ? PublishInOrderAsync(messages, correlationId, deadline.Token)
            : Task.WhenAll(messages.GroupBy(m => m.OrderingKey, StringComparer.Ordinal)
                .Select(group => PublishInOrderAsync(group, correlationId, deadline.Token)));
        // The publish may outlive this call; its failure is reported here or through Settled, so observe it there.
        var settled = publishing.ContinueWith(task =>
        {
            deadline.Dispose();
            return task.IsCompletedSuccessfully;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        try
        {
            // MassTransit honours the token almost everywhere, but the answer must not depend on it while a broker
            // closes its connections: the client gets its 503 by the deadline even if the publish is still stuck.
            await publishing.WaitAsync(timeout, clock, cancellationToken);
            metrics.Published(clock.GetElapsedTime(started), confirmed: true);
            refusals.Confirmed();
            return PublishResult.Confirmed;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.Published(clock.GetElapsedTime(started), confirmed: false);
            var reason = e is OperationCanceledException or TimeoutException
                ? $"no confirmation within {timeout.TotalSeconds:0.###} s (Receipt:PublishTimeout)"
                : $"{e.GetType().Name}: {e.Message}";
            refusals.Refused(messages.Count, typeof(T).Name, correlationId, reason);
            return new PublishResult(e, settled);
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
}

/// <summary>How publishing a request's messages went, as far as the answer needs to know.</summary>
/// <param name="Failure">Null when the broker confirmed every message in time; otherwise why not.</param>
/// <param name="Settled">
/// Completes with true once the broker has confirmed every message, false once publishing failed or was given up.
/// Already complete unless the deadline passed first: then the publish may still be confirmed after the answer.
/// </param>
public sealed record PublishResult(Exception? Failure, Task<bool> Settled)
{
    /// <summary>Every message confirmed in time.</summary>
    public static readonly PublishResult Confirmed = new(null, Task.FromResult(true));

    /// <summary>Whether the broker confirmed every message in time.</summary>
    public bool IsConfirmed => Failure is null;
}

/// <summary>A message to publish, with its message id and ordering key.</summary>
public readonly record struct Outgoing<T>(T Message, Guid MessageId, string OrderingKey);
