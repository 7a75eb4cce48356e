using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Processor.Polling;

/// <summary>
/// Every <see cref="PollingOptions.Interval"/>, sends a <see cref="PollPartnerCentral"/> to the polling queue. Every
/// processor instance ticks; the queue, consumed by one instance at a time, and the consumer's early-tick rule make
/// one poll per interval of it. While the bus is not healthy (the broker is away, an endpoint not ready) a tick is
/// skipped at Debug: the readiness log says the outage once, and the next tick after it polls everything since the
/// checkpoint. A tick that still cannot be sent is logged and the next one comes.
/// </summary>
public sealed partial class PartnerCentralPollTimer(
    IServiceProvider services,
    IOptions<PollingOptions> options,
    TimeProvider clock,
    ILogger<PartnerCentralPollTimer> logger) : BackgroundService
{
    /// <summary>
    /// Every tick's ordering key. On SQS, where the polling queue is FIFO (a default of <c>Bus:AmazonSqs:FifoQueues</c>),
    /// it is the ticks' one message group, which SQS hands to one consumer at a time across instances: RabbitMQ's
    /// single active consumer does that job there.
    /// </summary>
    public const string TickGroup = "partner-central-poll";

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
            return;

        using var timer = new PeriodicTimer(settings.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await TickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            var bus = services.GetRequiredService<IBusControl>();
            if (bus.CheckHealth() is { Status: not BusHealthStatus.Healthy } health)
            {
                LogTickSkipped(logger, health.Status);
                return;
            }

            var queue = ReceiveEndpointExtensions.QueueConsumedFromOneInstanceAtATime(services.QueueName(PartnerCentralPollConsumerDefinition.QueueName));
            var endpoint = await bus.GetSendEndpoint(queue);
            await endpoint.Send(new PollPartnerCentral { RequestedAt = clock.GetUtcNow() }, Pipe.Execute<SendContext<PollPartnerCentral>>(tick => tick.SetOrderingKey(TickGroup)), stoppingToken);
        }
#pragma warning disable CA1031 // A tick lost is a poll later: the next tick comes within the interval.
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogTickFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No Partner Central poll this tick: the bus is {Status}")]
    static partial void LogTickSkipped(ILogger logger, BusHealthStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask for a Partner Central poll this time: {Reason}")]
    static partial void LogTickFailed(ILogger logger, string reason);
}
