namespace Switchyard.Processor.Invitations;

/// <summary>
/// Follow an acceptance task until AWS finishes it (<c>ListEngagementByAcceptingInvitationTasks</c>, a read): sent once
/// the task has started; while the task is in progress, each check schedules the next one, this message with
/// <see cref="Check"/> one higher.
/// </summary>
/// <remarks>Internal to the processor: its queue is <c>processor-invitation-tasks</c>.</remarks>
public sealed record FollowInvitationAcceptance
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The referral's deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The referral.</summary>
    public required string InvitationId { get; init; }

    /// <summary>The task, as <c>StartEngagementByAcceptingInvitationTask</c> returned it.</summary>
    public required string TaskId { get; init; }

    /// <summary>How many checks found the task in progress before this one: 0 for the first check.</summary>
    public int Check { get; init; }
}
