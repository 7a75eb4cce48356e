using System.Net.Sockets;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Serilog.Events;
using Serilog.Parsing;
using Switchyard.Hosting.Logging;

namespace Switchyard.Hosting.Tests;

/// <summary>Which log events count as a broker outage's per-attempt noise, with the exceptions MassTransit really logs.</summary>
public class BrokerOutageLogFilterTests
{
    static readonly Exception Unreachable = new BrokerUnreachableException(
        new AggregateException(new ConnectFailureException("Connection failed, host 127.0.0.1:5672", new SocketException(111))));

    static readonly Exception Wrapped = new RabbitMqConnectionException("Broker unreachable: guest@127.0.0.1:5672/", Unreachable);

    static readonly Exception Closed = new AlreadyClosedException(new ShutdownEventArgs(ShutdownInitiator.Peer, 320, "CONNECTION_FORCED - broker forced connection closure"));

    public static TheoryData<string, LogEventLevel, string, Exception?, string[]> Noise() => new()
    {
        // What a RabbitMQ outage wrote per attempt, per endpoint and per cut-off send before the filter.
        { "MassTransit", LogEventLevel.Warning, "Connection Failed: {InputAddress}", Unreachable, ["InputAddress"] },
        { "MassTransit", LogEventLevel.Information, "Retrying {Delay}: {Message}", Wrapped, ["Delay", "Message"] },
        { "MassTransit", LogEventLevel.Error, "S-FAULT {DestinationAddress} {MessageId} {MessageType}", Closed, ["DestinationAddress"] },
        // A publish the receipt cancelled at its publish timeout while the connection came back.
        { "MassTransit", LogEventLevel.Error, "S-FAULT {DestinationAddress} {MessageId} {MessageType}", new TaskCanceledException("A task was canceled."), ["DestinationAddress"] },
        { "MassTransit.ReceiveTransport", LogEventLevel.Error, "Message NACK failed: {DeliveryTag}", new AggregateException(Closed), ["DeliveryTag"] },
        // A publish in flight when the socket ended: the client library closes the connection and interrupts it.
        { "MassTransit", LogEventLevel.Error, "S-FAULT {DestinationAddress} {MessageId} {MessageType}", new OperationInterruptedException(
            new ShutdownEventArgs(ShutdownInitiator.Library, 0, "End of stream", exception: new EndOfStreamException("Pipe is completed."))), ["DestinationAddress"] },
        // The same, as the client reports it when the connection's end disposes the channel under the publish (seen in CI).
        { "MassTransit", LogEventLevel.Error, "S-FAULT {DestinationAddress} {MessageId} {MessageType}", new OperationInterruptedException(
            new ShutdownEventArgs(ShutdownInitiator.Peer, 491, "ObjectDisposedException on channel")), ["DestinationAddress"] },
        // A send's queue declaration on a channel the connection's end disposed (seen in CI with the poller ticking).
        { "MassTransit", LogEventLevel.Error, "Declare queue faulted: {Queue}", new ObjectDisposedException("System.Threading.SemaphoreSlim"), ["Queue"] },
        // A consumer's HTTP call cancelled because the transport lost its connection mid-consume: the message goes back.
        { "MassTransit.ReceiveTransport", LogEventLevel.Error, "T-FAULT {InputAddress} {MessageId}", new TaskCanceledException("The operation was canceled.",
            new IOException("Unable to read data from the transport connection: Operation canceled.", new SocketException(125))), ["InputAddress"] },
        { "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogEventLevel.Warning,
            "Health check {HealthCheckName} with status {HealthStatus} completed after {ElapsedMilliseconds}ms with message '{HealthCheckDescription}'",
            null, ["HealthCheckName", "HealthStatus"] },
    };

    public static TheoryData<string, LogEventLevel, string, Exception?, string[]> Kept() => new()
    {
        // A consumer's own failure, a fatal transport error, anything MassTransit says without a connection failure.
        { "MassTransit", LogEventLevel.Error, "R-FAULT {InputAddress} {MessageId}", new InvalidOperationException("The dependency is poisoned."), ["InputAddress"] },
        // A consumer cancelled mid-work is not a send its caller gave up on.
        { "MassTransit", LogEventLevel.Error, "R-FAULT {InputAddress} {MessageId}", new OperationCanceledException(), ["InputAddress"] },
        // A consume that timed out is the consumer's failure, whoever logs it.
        { "MassTransit.ReceiveTransport", LogEventLevel.Error, "T-FAULT {InputAddress} {MessageId}", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.",
            new TimeoutException("The operation was canceled.")), ["InputAddress"] },
        { "MassTransit", LogEventLevel.Fatal, "Connection Failed: {InputAddress}", Unreachable, ["InputAddress"] },
        { "MassTransit", LogEventLevel.Information, "Bus started: {HostAddress}", null, ["HostAddress"] },
        { "MassTransit", LogEventLevel.Error, "Declare queue faulted: {Queue}", new OperationInterruptedException(
            new ShutdownEventArgs(ShutdownInitiator.Peer, 406, "PRECONDITION_FAILED - inequivalent arg 'x-queue-type'", classId: 50, methodId: 10)), ["Queue"] },
        // Ours, even about the broker: the readiness log and the receipt say an outage in their own words.
        { "Switchyard.Receipt.Publishing.ConfirmedPublisher", LogEventLevel.Warning, "The broker does not confirm {Reason}", Wrapped, ["Reason"] },
        // A health check that throws is a defect, not an outage.
        { "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogEventLevel.Error,
            "Health check {HealthCheckName} threw an unhandled exception after {ElapsedMilliseconds}ms", new InvalidOperationException("bug"), ["HealthCheckName"] },
        { "Microsoft.AspNetCore.Server.Kestrel", LogEventLevel.Warning, "Connection refused {Id}", Unreachable, ["Id"] },
    };

    [Theory]
    [MemberData(nameof(Noise))]
    public void Per_attempt_reports_of_a_lost_broker_are_dropped(string source, LogEventLevel level, string template, Exception? exception, string[] properties) =>
        new BrokerOutageLogFilter().IsEnabled(Event(source, level, template, exception, properties)).ShouldBeFalse();

    [Theory]
    [MemberData(nameof(Kept))]
    public void Everything_else_is_kept(string source, LogEventLevel level, string template, Exception? exception, string[] properties) =>
        new BrokerOutageLogFilter().IsEnabled(Event(source, level, template, exception, properties)).ShouldBeTrue();

    static LogEvent Event(string source, LogEventLevel level, string template, Exception? exception, string[] properties) =>
        new(DateTimeOffset.UtcNow, level, exception, new MessageTemplateParser().Parse(template),
            properties.Select(p => new LogEventProperty(p, new ScalarValue("x")))
                .Append(new LogEventProperty("SourceContext", new ScalarValue(source))));
}
