namespace Switchyard.Processor.Submission;

/// <summary>
/// Follow a submission task until AWS finishes it (<c>ListEngagementFromOpportunityTasks</c>, a read): sent once the
/// task has started; while the task is in progress, each check schedules the next one, this message with
/// <see cref="Check"/> one higher.
/// </summary>
/// <remarks>Internal to the processor: its queue is <c>processor-submissions</c>.</remarks>
public sealed record FollowSubmissionTask
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The opportunity submitted.</summary>
    public required string OpportunityId { get; init; }

    /// <summary>The task, as <c>StartEngagementFromOpportunityTask</c> returned it.</summary>
    public required string TaskId { get; init; }

    /// <summary><c>Co-Sell</c> or <c>For Visibility Only</c>.</summary>
    public required string InvolvementType { get; init; }

    /// <summary><c>Full</c> or <c>Limited</c>.</summary>
    public required string Visibility { get; init; }

    /// <summary>How many checks found the task in progress before this one: 0 for the first check.</summary>
    public int Check { get; init; }
}
