using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Serilog.Core;
using Serilog.Events;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// Keeps a broker outage to a handful of lines. Drops what MassTransit logs per reconnection attempt and per cut-off
/// operation when its broker connection is lost or refused (a warning with a full stack trace for every attempt of every
/// receive endpoint, an information line per retry, an error per send or acknowledgement cut off), and the health-check
/// service's line per readiness probe that is not Healthy. What remains says the same once: the readiness log (gone and
/// reconnecting, then back, with the reason) and the receipt's one line when it starts and stops refusing requests.
/// </summary>
/// <remarks>
/// Only events from MassTransit's own sources whose exception is a connection failure are dropped, never a fatal one:
/// a consumer's failure, a topology error or anything of ours stays in the log.
/// </remarks>
public sealed class BrokerOutageLogFilter : ILogEventFilter
{
    const string HealthCheckService = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <inheritdoc />
    public bool IsEnabled(LogEvent logEvent) => !IsOutageNoise(logEvent);

    /// <summary>Whether <paramref name="logEvent"/> is a per-attempt or per-probe report of a broker outage.</summary>
    public static bool IsOutageNoise(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level == LogEventLevel.Fatal || SourceOf(logEvent) is not { } source)
            return false;

        if (source == HealthCheckService)
            return logEvent.Properties.ContainsKey("HealthCheckName") && logEvent.Properties.ContainsKey("HealthStatus");

        if (source != "MassTransit" && !source.StartsWith("MassTransit.", StringComparison.Ordinal))
            return false;

        return IsConnectionFailure(logEvent.Exception) || IsCancelledSend(logEvent) || IsCutOffConsume(logEvent);
    }

    /// <summary>
    /// A consume its transport cancelled: when the connection is lost (or the endpoint stops), MassTransit cancels the
    /// consumers' <c>CancellationToken</c>, the consumer's call in flight (a poll of Partner Central, say) ends in a
    /// cancellation, and the transport logs a T-FAULT with the stack trace; the message was not acknowledged and is
    /// delivered again. A consumer's own failure, a cancellation it caused itself included, ends in an R-FAULT (the
    /// message faulted) and is kept, as is a timeout (an HTTP client's timeout is a cancellation caused by a
    /// <see cref="TimeoutException"/>).
    /// </summary>
    static bool IsCutOffConsume(LogEvent logEvent) =>
        logEvent.MessageTemplate.Text.StartsWith("T-FAULT", StringComparison.Ordinal) && IsCancellation(logEvent.Exception)
        && !Chain(logEvent.Exception).Any(e => e is TimeoutException);

    static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            yield return exception;
            exception = exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : exception.InnerException;
        }
    }

    /// <summary>
    /// A send or publish its caller cancelled: the receipt gives a publish <c>Receipt:PublishTimeout</c> and answers 503
    /// when the broker has not confirmed by then, which happens while a connection comes back (a channel to open, the
    /// exchange to declare again). The caller reports the refusal; MassTransit's send fault would add a stack trace per
    /// request.
    /// </summary>
    static bool IsCancelledSend(LogEvent logEvent) =>
        logEvent.MessageTemplate.Text.StartsWith("S-FAULT", StringComparison.Ordinal) && IsCancellation(logEvent.Exception);

    static bool IsCancellation(Exception? exception) => Chain(exception).Any(e => e is OperationCanceledException);

    /// <summary>
    /// A lost, refused or closed connection to the broker, anywhere in the exception's chain: MassTransit wraps transport
    /// failures in its <see cref="ConnectionException"/> (RabbitMQ's and SQS's derive from it), and the RabbitMQ client
    /// reports an unreachable broker or an operation on a closed connection with these types, and an operation
    /// interrupted by the connection's end (closed by the client library when the socket ended, or forced closed by the
    /// broker, AMQP's 320, or closed under it without naming an AMQP method, as the client does when the connection's end
    /// disposes a channel mid-publish). An operation the broker refused on its channel names the method it refused (a
    /// queue declared with other arguments: 406 on queue.declare) and is kept.
    /// </summary>
    static bool IsConnectionFailure(Exception? exception) => Chain(exception).Any(e =>
        e is ConnectionException or BrokerUnreachableException or ConnectFailureException or AlreadyClosedException
        // MassTransit's own operation on a channel the connection's end disposed under it (a queue declared by a send
        // as the broker went: "Declare queue faulted" with the channel's disposed semaphore).
        or ObjectDisposedException
        || e is OperationInterruptedException { ShutdownReason: { } reason }
            && (reason.Initiator == ShutdownInitiator.Library || reason.ReplyCode == ConnectionForced || reason is { ClassId: 0, MethodId: 0 }));

    // AMQP 0-9-1's connection-forced reply code: the broker closed the connection (stopping, or an operator's doing).
    const ushort ConnectionForced = 320;

    static string? SourceOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var value) && value is ScalarValue { Value: string source } ? source : null;
}
