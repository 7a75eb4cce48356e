using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Following Partner Central's asynchronous tasks (<c>StartEngagementFromOpportunityTask</c>,
/// <c>StartEngagementByAcceptingInvitationTask</c>) to their end by reading them: while AWS works on one, the consumer
/// schedules its next check where the transport can delay (the submission follower), or throws
/// <see cref="EngagementTaskInProgressException"/> and MassTransit asks again later; no consumer waits.
/// </summary>
public static class EngagementTasks
{
    /// <summary>A task's status while AWS works on it.</summary>
    public const string InProgress = "IN_PROGRESS";

    /// <summary>A task's status once it succeeded.</summary>
    public const string Complete = "COMPLETE";

    /// <summary>A task's status once it failed, with a <c>ReasonCode</c> and a <c>Message</c>.</summary>
    public const string Failed = "FAILED";

    /// <summary>
    /// The redelivery of a message that follows a task, a schedule of its own since a task in progress is expected
    /// rather than a failure: after the immediate retries (each no sooner than the exception's two seconds), 5 s, 10 s,
    /// 30 s, 1 min, 2 min, 5 min and 10 min, where the transport can delay.
    /// </summary>
    public static RedeliverySchedule FollowSchedule { get; } = new(
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], 0.2);
}

/// <summary>
/// AWS is still working on a task: the message is tried again by MassTransit's retry (no sooner than
/// <see cref="RetryAfter"/>) and then its redelivery schedule (<see cref="EngagementTasks.FollowSchedule"/>).
/// </summary>
public sealed class EngagementTaskInProgressException(string taskId, string subject)
    : Exception($"Task {taskId} ({subject}) is still in progress."), IRetryAfter
{
    /// <summary>AWS's tasks usually take seconds: ask again after two.</summary>
    public TimeSpan? RetryAfter => TimeSpan.FromSeconds(2);

    /// <summary>The task.</summary>
    public string TaskId { get; } = taskId;
}
