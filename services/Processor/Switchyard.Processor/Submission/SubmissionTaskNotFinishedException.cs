namespace Switchyard.Processor.Submission;

/// <summary>
/// AWS was still working on a submission task after every scheduled check (<see cref="FollowSubmissionTaskConsumer.Checks"/>):
/// not retried; the message goes to <c>processor-submissions_error</c>, where replaying it checks again.
/// </summary>
public sealed class SubmissionTaskNotFinishedException(string taskId, string opportunityId, int checks)
    : Exception($"Submission task {taskId} of opportunity {opportunityId} was still in progress after {checks} checks; replay this message from the error queue to check it again.")
{
    /// <summary>The task.</summary>
    public string TaskId { get; } = taskId;
}
