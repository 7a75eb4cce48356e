using MassTransit;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// Reads MassTransit's retry settings and the delivery's redelivery schedule to say which attempt this is and when the
/// next one comes, for the delivery log. It decides nothing: the bus does the retrying, with the same schedule
/// (<see cref="DeliverWebhookConsumerDefinition"/>) and the same jitter, which depends only on the message and the
/// redelivery's number.
/// </summary>
public sealed class RetrySchedule(IOptions<BusOptions> options, IOptions<DispatcherOptions> dispatcher, TransportDelays delays)
{
    IReadOnlyList<TimeSpan> Retries => options.Value.Retry.EffectiveIntervals;

    RedeliverySchedule Redeliveries => delays.CanDelay ? dispatcher.Value.Delivery.Redelivery.Schedule : RedeliverySchedule.None;

    /// <summary>1 for the first attempt, counting every immediate retry and redelivery.</summary>
    public int AttemptNumber(ConsumeContext context) =>
        context.GetRedeliveryCount() * (Retries.Count + 1) + context.GetRetryAttempt() + 1;

    /// <summary>When the next attempt after a failed one is due, or null when this was the last.</summary>
    public DateTimeOffset? NextAttempt(ConsumeContext context, DateTimeOffset now, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var retry = context.GetRetryAttempt();
        if (retry < Retries.Count)
        {
            var wait = Retries[retry];
            if (retryAfter is { } asked)
                wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, Math.Min(asked.Ticks, options.Value.Retry.MaxRetryAfter.Ticks)));
            return now + wait;
        }

        var redelivery = context.GetRedeliveryCount();
        var schedule = Redeliveries;
        return redelivery < schedule.Intervals.Count ? now + schedule.Delay(redelivery, context.MessageId) : null;
    }
}
