using System.Globalization;
using MassTransit;
using MassTransit.Middleware;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// Delayed redelivery longer than the transport can delay one message (SQS: 15 minutes), made of hops. A redelivery
/// whose wait is longer is sent with the longest delay the transport takes and a header saying when it is due; when
/// it arrives early, it is sent on again, with what remains (at most the longest delay again), without reaching the
/// consumer. Its message id, headers and redelivery count travel unchanged, so the consumer sees one redelivery after
/// the whole wait, and MassTransit's schedule (which redelivery this is, what comes next) is not disturbed.
/// </summary>
/// <remarks>
/// The re-sends are MassTransit's own redelivery sends; the hop is taken over by a payload that MassTransit's redelivery
/// filter looks up, so no scheduling is written here: only the cutting of one wait into parts.
/// </remarks>
public static class RedeliveryHops
{
    /// <summary>When a redelivery in hops is due (round-trip UTC time); absent on single-delay redeliveries.</summary>
    public const string DueHeader = "Switchyard-Redelivery-Due";

    /// <summary>
    /// A hop that would end within this of its due time is not made: the message is consumed a little early instead.
    /// A second, or a tenth of the longest delay when that is shorter.
    /// </summary>
    public static TimeSpan ToleranceFor(TimeSpan maxDelay) => TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond, maxDelay.Ticks / 10));

    /// <summary>
    /// Makes the consumer's delayed redeliveries in hops of at most <paramref name="maxDelay"/>. Call before
    /// <c>UseDelayedRedelivery</c>, so the hop comes first in each message type's pipe.
    /// </summary>
    public static void UseRedeliveryHops<TConsumer>(this IConsumerConfigurator<TConsumer> consumer, TimeSpan maxDelay, TimeProvider clock)
        where TConsumer : class
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxDelay, TimeSpan.Zero);
        consumer.ConnectConsumerConfigurationObserver(new Observer<TConsumer>(consumer, maxDelay, clock));
    }

    /// <summary>When a message that carries <see cref="DueHeader"/> is due, or null.</summary>
    public static DateTimeOffset? DueOf(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Headers.Get<string>(DueHeader) is { } text
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var due)
            ? due
            : null;
    }

    sealed class Observer<TConsumer>(IConsumerConfigurator<TConsumer> consumer, TimeSpan maxDelay, TimeProvider clock) : IConsumerConfigurationObserver
        where TConsumer : class
    {
        public void ConsumerConfigured<T>(IConsumerConfigurator<T> configurator)
            where T : class
        {
        }

        public void ConsumerMessageConfigured<T, TMessage>(IConsumerMessageConfigurator<T, TMessage> configurator)
            where T : class
            where TMessage : class =>
            consumer.Message<TMessage>(message => message.UseFilter(new HopFilter<TMessage>(maxDelay, clock)));
    }

    /// <summary>Sends an early arrival on; otherwise lets the redelivery filter below cut long waits into hops.</summary>
    sealed class HopFilter<TMessage>(TimeSpan maxDelay, TimeProvider clock) : IFilter<ConsumeContext<TMessage>>
        where TMessage : class
    {
        public void Probe(ProbeContext context) => context.CreateFilterScope("redeliveryHops").Add("maxDelay", maxDelay);

        public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
        {
            if (DueOf(context) is { } due && due - clock.GetUtcNow() is var remaining && remaining > ToleranceFor(maxDelay))
            {
                var hop = remaining < maxDelay ? remaining : maxDelay;
                // The redelivery count stays: this is still the wait before the same redelivery.
                await new DelayedMessageRedeliveryContext<TMessage>(context, MassTransit.RedeliveryOptions.None)
                    .ScheduleRedelivery(hop, (consumed, send) => send.Headers.Set(MessageHeaders.RedeliveryCount, consumed.GetRedeliveryCount()));
                // Consumed, so that the transport removes this copy rather than treating it as unhandled.
                await context.NotifyConsumed(context, context.ReceiveContext.ElapsedTime, nameof(RedeliveryHops));
                return;
            }

            context.GetOrAddPayload<MessageRedeliveryContext>(() => new HoppingRedeliveryContext<TMessage>(context, maxDelay, clock));
            await next.Send(context);
        }
    }

    /// <summary>MassTransit's delayed redelivery, with a wait longer than the transport takes sent as its first hop.</summary>
    sealed class HoppingRedeliveryContext<TMessage>(ConsumeContext<TMessage> context, TimeSpan maxDelay, TimeProvider clock) : MessageRedeliveryContext
        where TMessage : class
    {
        public Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
        {
            var redelivery = new DelayedMessageRedeliveryContext<TMessage>(context, MassTransit.RedeliveryOptions.None);
            if (delay <= maxDelay)
            {
                return redelivery.ScheduleRedelivery(delay, (consumed, send) =>
                {
                    callback?.Invoke(consumed, send);
                    send.Headers.Set(DueHeader, null);
                });
            }

            var due = clock.GetUtcNow() + delay;
            return redelivery.ScheduleRedelivery(maxDelay, (consumed, send) =>
            {
                callback?.Invoke(consumed, send);
                send.Headers.Set(DueHeader, due.ToString("O", CultureInfo.InvariantCulture));
            });
        }
    }
}
