using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.AmazonSqs.Faults;

/// <summary>
/// Records the fault details of a message about to be moved to its error queue, in the error pipe, before the move:
/// the headers MassTransit computed for it (<see cref="ExceptionReceiveContext.ExceptionHeaders"/>) and the host's,
/// most of which SQS cannot carry (it keeps <c>MT-Reason</c>, <c>MT-Fault-InputAddress</c> and
/// <c>MT-Fault-Message</c>). A failure to record is logged and never keeps the message from its error queue.
/// </summary>
/// <param name="store">Where records go.</param>
/// <param name="topology">Maps the endpoint's queue to the name the services use.</param>
/// <param name="clock">The time source.</param>
/// <param name="logger">Where a failure to record is reported.</param>
public sealed partial class FaultRecordingFilter(IFaultStore store, AmazonSqsTopology topology, TimeProvider clock, ILogger logger)
    : IFilter<ExceptionReceiveContext>
{
    /// <inheritdoc />
    public void Probe(ProbeContext context) => context.CreateFilterScope("recordFault");

    /// <inheritdoc />
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        if (Describe(context) is { } record)
        {
            try
            {
                await store.RecordAsync(record, context.CancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogNotRecorded(logger, record.MessageId, record.ErrorQueue, e.GetType().Name, e.Message);
            }
        }

        await next.Send(context);
    }

    /// <summary>The record of <paramref name="context"/>'s fault, or null when the message has no id to find it by.</summary>
    public FaultRecord? Describe(ExceptionReceiveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The envelope's id, as the operator sees it; the transport's header is SQS's own id when the envelope was not read.
        var messageId = context.TryGetPayload(out ConsumeContext? consumeContext) && consumeContext.MessageId is { } id
            ? id.ToString()
            : context.GetMessageId()?.ToString();
        var queue = ErrorQueueNames.QueueNameOf(context.InputAddress?.ToString());
        if (messageId is null || queue is null)
            return null;

        var logicalQueue = topology.LogicalQueueName(queue) ?? queue;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in context.ExceptionHeaders.GetAll())
        {
            if (HeaderValues.ToText(value) is { Length: > 0 } text)
                headers[key] = text;
        }

        // SQS drops the host headers too; they say which instance failed.
        var host = HostMetadataCache.Host;
        Add(headers, MessageHeaders.Host.MachineName, host.MachineName);
        Add(headers, MessageHeaders.Host.ProcessName, host.ProcessName);
        Add(headers, MessageHeaders.Host.ProcessId, host.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(headers, MessageHeaders.Host.Assembly, host.Assembly);
        Add(headers, MessageHeaders.Host.AssemblyVersion, host.AssemblyVersion);
        Add(headers, MessageHeaders.Host.MassTransitVersion, host.MassTransitVersion);
        Add(headers, MessageHeaders.Host.FrameworkVersion, host.FrameworkVersion);
        Add(headers, MessageHeaders.Host.OperatingSystemVersion, host.OperatingSystemVersion);

        return new FaultRecord(messageId, ErrorQueueNames.ErrorQueueOf(ErrorQueueNames.ConsumerQueueOf(logicalQueue)), headers, clock.GetUtcNow());
    }

    static void Add(Dictionary<string, string> headers, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            headers[key] = value;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not record the fault details of message {MessageId} in {ErrorQueue}; the error queue keeps only part of them: {ExceptionType}: {Reason}")]
    static partial void LogNotRecorded(ILogger logger, string messageId, string errorQueue, string exceptionType, string reason);
}

/// <summary>Putting the fault recorder on an endpoint.</summary>
public static class FaultRecordingExtensions
{
    /// <summary>
    /// Records each message's fault details with <paramref name="recorder"/> before MassTransit publishes its fault and
    /// moves it to the error queue, which is what MassTransit's error pipe does by default (configuring it replaces that
    /// default, hence the two filters after the recorder).
    /// </summary>
    public static void RecordFaults(this IReceiveEndpointConfigurator endpoint, FaultRecordingFilter recorder)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(recorder);
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
    }
}
