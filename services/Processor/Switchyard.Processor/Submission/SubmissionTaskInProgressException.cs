using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Submission;

/// <summary>
/// AWS is still working on a submission task: the message is tried again by MassTransit's retry (no sooner than
/// <see cref="RetryAfter"/>) and then its redelivery schedule (<see cref="FollowSubmissionTaskConsumerDefinition"/>).
/// </summary>
public sealed class SubmissionTaskInProgressException(string taskId, string opportunityId)
    : Exception($"Submission task {taskId} of opportunity {opportunityId} is still in progress."), IRetryAfter
{
    /// <summary>AWS's tasks usually take seconds: ask again after two.</summary>
    public TimeSpan? RetryAfter => TimeSpan.FromSeconds(2);

    /// <summary>The task.</summary>
    public string TaskId { get; } = taskId;
}
