using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Submission;

/// <summary>
/// AWS is still working on a submission task, and this queue cannot schedule the next check (RabbitMQ without the
/// delayed-message-exchange plugin, a FIFO queue on SQS): the message is tried again by MassTransit's immediate retries,
/// no sooner than <see cref="RetryAfter"/>. Where the transport can delay, the consumer schedules its next check
/// instead and throws nothing.
/// </summary>
public sealed class SubmissionTaskInProgressException(string taskId, string opportunityId)
    : Exception($"Submission task {taskId} of opportunity {opportunityId} is still in progress."), IRetryAfter
{
    /// <summary>AWS's tasks usually take seconds: ask again after two.</summary>
    public TimeSpan? RetryAfter => TimeSpan.FromSeconds(2);

    /// <summary>The task.</summary>
    public string TaskId { get; } = taskId;
}
