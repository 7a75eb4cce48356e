using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using MassTransit.RetryPolicies;
using Microsoft.Extensions.Options;

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
/// </remarks>
public abstract class SwitchyardConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
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

        var redelivery = options.Redelivery.EffectiveIntervals;
        if (redelivery.Count > 0 && !endpointConfigurator.IsFifo())
        {
            consumerConfigurator.UseDelayedRedelivery(r =>
            {
                r.Intervals(redelivery.ToArray());
                ConfigureRetry(r);
            });
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
    /// Lets a definition refine the immediate retries and the redeliveries, typically by ignoring exceptions that retrying cannot fix
    /// (<c>retry.Ignore&lt;SomePermanentException&gt;()</c>), so they go straight to the error queue.
    /// </summary>
    protected virtual void ConfigureRetry(IRetryConfigurator retry)
    {
    }
}
