using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MassTransit.RetryPolicies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// The base of every Switchyard consumer definition: puts the consumer on its service's queue and applies the shared
/// failure conventions, so no consumer hand-writes a retry loop.
/// </summary>
/// <remarks>
/// The conventions are applied to the consumer, not to the endpoint, because several consumers share one queue and an
/// endpoint-level filter would be added once per consumer. Order, outermost first: delayed redelivery (when configured
/// and the transport can delay), immediate retries (waiting at least an exception's <see cref="IRetryAfter"/>), then
/// the in-memory outbox, so that messages the consumer publishes or sends leave only when an attempt succeeds. When all attempts fail, MassTransit moves the message to
/// <c>&lt;queue&gt;_error</c> and publishes <c>Fault&lt;T&gt;</c>.
/// <para>
/// FIFO queues (SQS, <c>.fifo</c>) get no delayed redelivery: SQS cannot delay a single message on a FIFO queue, and a
/// redelivered message would go behind the later messages of its group, which is the order FIFO is there to keep.
/// Their immediate retries hold the message in place instead, so its group waits for it.
/// </para>
/// <para>
/// Redelivery waits are spread by the schedule's jitter (<see cref="JitteredRetryPolicy"/>). Waits longer than the
/// transport holds a message (SQS: 15 minutes) are made of hops (<see cref="RedeliveryHops"/>). On a transport that
/// cannot delay at all (RabbitMQ without its plugin), the host says so at start-up and the consumer has no redelivery.
/// </para>
/// </remarks>
public abstract partial class SwitchyardConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <param name="endpointName">
    /// The queue, shared by the consumers of one service that belong together, as the service names it; the transport
    /// may spell it differently (see <see cref="QueueNames"/>).
    /// </param>
    protected SwitchyardConsumerDefinition(string endpointName)
    {
        EndpointDefinition = new QueueEndpointDefinition<TConsumer>(endpointName);
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<BusOptions>>().Value;

        var redelivery = RedeliveryFor(context, options);
        if (!redelivery.IsEmpty && !endpointConfigurator.IsFifo())
        {
            var delays = context.GetService<TransportDelays>() ?? TransportDelays.For(options);
            if (delays.CanDelay)
            {
                if (delays.MaxDelay is { } maxDelay && redelivery.LongestDelay > maxDelay)
                    consumerConfigurator.UseRedeliveryHops(maxDelay, context.GetService<TimeProvider>() ?? TimeProvider.System);
                consumerConfigurator.UseDelayedRedelivery(r =>
                {
                    r.SetRetryPolicy(filter => new JitteredRetryPolicy(new IntervalRetryPolicy(filter, redelivery.Intervals.ToArray()), redelivery.Jitter));
                    ConfigureRetry(r);
                });
            }
            else
            {
                LogNoRedelivery(context.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard"),
                    ErrorQueueNames.QueueNameOf(endpointConfigurator.InputAddress.ToString()) ?? typeof(TConsumer).Name,
                    redelivery.ShortestWindow, delays.WhyNot ?? "the transport cannot delay messages", options.Retry.EffectiveIntervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + i));
            }
        }

        var retry = options.Retry.EffectiveIntervals;
        if (retry.Count > 0)
        {
            consumerConfigurator.UseMessageRetry(r =>
            {
                r.SetRetryPolicy(filter => new RetryAfterPolicy(new IntervalRetryPolicy(filter, retry.ToArray()), options.Retry.MaxRetryAfter));
                ConfigureRetry(r);
            });
        }

        consumerConfigurator.UseInMemoryOutbox(context);
    }

    /// <summary>
    /// The consumer's delayed redeliveries: <c>Bus:Redelivery</c> unless a definition has a schedule of its own (the
    /// dispatcher's deliveries do).
    /// </summary>
    protected virtual RedeliverySchedule RedeliveryFor(IRegistrationContext context, BusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Redelivery.Schedule;
    }

    /// <summary>
    /// Lets a definition refine the immediate retries and the redeliveries, typically by ignoring exceptions that retrying cannot fix
    /// (<c>retry.Ignore&lt;SomePermanentException&gt;()</c>), so they go straight to the error queue.
    /// </summary>
    protected virtual void ConfigureRetry(IRetryConfigurator retry)
    {
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: delayed redelivery is off, so a message whose immediate retries fail ({Retries} in all) goes to its error queue instead of being tried again over {Window}: {Reason}.")]
    static partial void LogNoRedelivery(ILogger logger, string queue, TimeSpan window, string reason, TimeSpan retries);
}
