using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Following Partner Central's asynchronous tasks (<c>StartEngagementFromOpportunityTask</c>,
/// <c>StartEngagementByAcceptingInvitationTask</c>) to their end by reading them. A task in progress is expected, not a
/// failure: the follower schedules its next check with MassTransit's scheduler (<see cref="CheckLaterAsync{T}"/>), one
/// Debug line and no exception; no consumer waits.
/// </summary>
public static partial class EngagementTasks
{
    /// <summary>A task's status while AWS works on it.</summary>
    public const string InProgress = "IN_PROGRESS";

    /// <summary>A task's status once it succeeded.</summary>
    public const string Complete = "COMPLETE";

    /// <summary>A task's status once it failed, with a <c>ReasonCode</c> and a <c>Message</c>.</summary>
    public const string Failed = "FAILED";

    /// <summary>
    /// The waits before each further check of a task in progress: AWS's tasks usually take seconds, so soon at first,
    /// then less often, about 19 minutes in all; each spread by up to a fifth, by message, so that tasks started
    /// together do not come back together. The longest, 12 minutes with its spread, is within what SQS delays a message
    /// (15 minutes). After the last, the message goes to the error queue.
    /// </summary>
    public static RedeliverySchedule Checks { get; } = new(
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], 0.2);

    /// <summary>
    /// The redelivery of a message that follows a task, for real failures (HubSpot or Partner Central unavailable):
    /// after the immediate retries, 5 s, 10 s, 30 s, 1 min, 2 min, 5 min and 10 min, where the transport can delay, so
    /// that an outage of some minutes does not leave the deal half way.
    /// </summary>
    public static RedeliverySchedule FollowSchedule { get; } = new(
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], 0.2);

    /// <summary>
    /// AWS still works on task <paramref name="taskId"/>, found so by check <paramref name="check"/> (0 for the first):
    /// schedules <paramref name="next"/> (the same message, its check one higher) to <paramref name="queue"/> after the
    /// wait <see cref="Checks"/> gives. After the last check, throws <see cref="EngagementTaskNotFinishedException"/>
    /// (not retried: the message goes to the error queue). Where the queue cannot delay a message, throws
    /// <see cref="EngagementTaskInProgressException"/> and MassTransit's retries ask again.
    /// </summary>
    public static async Task CheckLaterAsync<T>(ConsumeContext<T> context, Uri queue, int check, T next, string taskId, string subject, ILogger logger)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (check >= Checks.Intervals.Count)
            throw new EngagementTaskNotFinishedException(taskId, subject, check + 1);

        if (!CanSchedule(context))
        {
            LogInProgressRetried(logger, taskId, subject, check + 1);
            throw new EngagementTaskInProgressException(taskId, subject);
        }

        var delay = Checks.Delay(check, context.MessageId);
        await context.ScheduleSend(queue, delay, next,
            Pipe.Execute<SendContext<T>>(outgoing => outgoing.DeriveFrom(context, $"check/{check + 1}")), context.CancellationToken);
        LogInProgress(logger, taskId, subject, check + 1, delay);
    }

    // MassTransit's scheduler is configured where the transport can delay a message (the in-memory transport, RabbitMQ
    // with the delayed-message-exchange plugin, SQS), but SQS takes no delay per message on a FIFO queue.
    static bool CanSchedule(ConsumeContext context) =>
        context.TryGetPayload<MessageSchedulerContext>(out _)
        && !AmazonSqsTopology.IsFifoAddress(context.ReceiveContext.InputAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} ({Subject}) is in progress (check {Check}); the next check is in {Delay}")]
    static partial void LogInProgress(ILogger logger, string taskId, string subject, int check, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Task {TaskId} ({Subject}) is in progress (check {Check}); this queue cannot delay a message, so MassTransit's retries ask again")]
    static partial void LogInProgressRetried(ILogger logger, string taskId, string subject, int check);
}

/// <summary>
/// AWS is still working on a task and the queue cannot delay the next check: the message is tried again by
/// MassTransit's retry (no sooner than <see cref="RetryAfter"/>) and then its redelivery schedule
/// (<see cref="EngagementTasks.FollowSchedule"/>).
/// </summary>
public sealed class EngagementTaskInProgressException(string taskId, string subject)
    : Exception($"Task {taskId} ({subject}) is still in progress."), IRetryAfter
{
    /// <summary>AWS's tasks usually take seconds: ask again after two.</summary>
    public TimeSpan? RetryAfter => TimeSpan.FromSeconds(2);

    /// <summary>The task.</summary>
    public string TaskId { get; } = taskId;
}

/// <summary>
/// AWS was still working on a task after every scheduled check (<see cref="EngagementTasks.Checks"/>): not retried;
/// the message goes to its queue's error queue, where replaying it checks again.
/// </summary>
public sealed class EngagementTaskNotFinishedException(string taskId, string subject, int checks)
    : Exception($"Task {taskId} ({subject}) was still in progress after {checks} checks; replay this message from the error queue to check it again.")
{
    /// <summary>The task.</summary>
    public string TaskId { get; } = taskId;
}
