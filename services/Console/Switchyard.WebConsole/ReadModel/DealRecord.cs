namespace Switchyard.WebConsole.ReadModel;

/// <summary>
/// A HubSpot deal Switchyard has touched, as the outcome events tell it: its opportunity and the last thing that
/// happened to it. Built by <see cref="DealOutcomeConsumer"/>; never by calling HubSpot.
/// </summary>
/// <remarks>
/// Each part of the deal's state (AWS's review, the submission, the invitation) keeps the time it was reported, and an
/// event older than that does not replace it: events can arrive out of order after a redelivery.
/// </remarks>
public sealed class DealRecord
{
    /// <summary>The HubSpot account.</summary>
    public long PortalId { get; set; }

    /// <summary>The HubSpot deal.</summary>
    public long DealId { get; set; }

    /// <summary>The Partner Central opportunity, once there is one.</summary>
    public string? OpportunityId { get; set; }

    /// <summary>The opportunity's title, as created.</summary>
    public string? Title { get; set; }

    /// <summary>The Partner Central catalog, <c>AWS</c> or <c>Sandbox</c>.</summary>
    public string? Catalog { get; set; }

    /// <summary>AWS's review status, when an event said it (e.g. <c>Submitted</c>, <c>Approved</c>).</summary>
    public string? ReviewStatus { get; set; }

    /// <summary>The review status before the last change AWS made, when there was one.</summary>
    public string? PreviousReviewStatus { get; set; }

    /// <summary>AWS's review comments with the last change, e.g. what to fix for <c>Action Required</c>.</summary>
    public string? ReviewComments { get; set; }

    /// <summary>AWS's reason code with the last change.</summary>
    public string? ReviewStatusReason { get; set; }

    /// <summary>When the review status shown was reported (UTC).</summary>
    public DateTime? ReviewStatusAt { get; set; }

    /// <summary>Whether the opportunity was submitted to AWS (<see cref="SubmissionStates"/>).</summary>
    public string? SubmissionState { get; set; }

    /// <summary>Why the submission failed (a stable code such as <c>MissingRequiredFields</c>).</summary>
    public string? SubmissionReason { get; set; }

    /// <summary><c>Co-Sell</c> or <c>For Visibility Only</c>, as submitted.</summary>
    public string? InvolvementType { get; set; }

    /// <summary>When the submission state shown was reported (UTC).</summary>
    public DateTime? SubmissionStateAt { get; set; }

    /// <summary>The Partner Central engagement invitation (an AWS referral) the deal stands for.</summary>
    public string? InvitationId { get; set; }

    /// <summary>The invitation's state (<see cref="InvitationStates"/>).</summary>
    public string? InvitationState { get; set; }

    /// <summary>When the invitation state shown was reported (UTC).</summary>
    public DateTime? InvitationStateAt { get; set; }

    /// <summary>When the invitation was received (UTC).</summary>
    public DateTime? InvitationReceivedAt { get; set; }

    /// <summary>
    /// When a pending invitation expires (UTC), when an event says it: the invitation events do not carry AWS's
    /// <c>ExpirationDate</c> yet, so this stays empty until they do.
    /// </summary>
    public DateTime? InvitationExpiresAt { get; set; }

    /// <summary>The event type of the last outcome, e.g. <c>opportunity.updated</c>, <c>sync.failed</c>.</summary>
    public required string LastOutcome { get; set; }

    /// <summary>The last outcome's stable code, when it has one (a skip or failure reason, a review status).</summary>
    public string? LastReason { get; set; }

    /// <summary>The last outcome's sentence for people.</summary>
    public string? LastDetail { get; set; }

    /// <summary>When the last outcome happened (UTC).</summary>
    public DateTime LastOutcomeAt { get; set; }

    /// <summary>When Switchyard first touched the deal (UTC).</summary>
    public DateTime FirstSeenAt { get; set; }

    /// <summary>How many outcomes the deal has had.</summary>
    public int Outcomes { get; set; }

    /// <summary>
    /// Notes an outcome: the latest by its time becomes the last outcome (events may arrive out of order after a
    /// redelivery); the count and the first time always move.
    /// </summary>
    public void Record(string outcome, string? reason, string? detail, DateTimeOffset at)
    {
        var time = at.UtcDateTime;
        Outcomes++;
        if (Outcomes == 1 || time < FirstSeenAt)
            FirstSeenAt = time;
        if (Outcomes == 1 || time >= LastOutcomeAt)
        {
            LastOutcome = outcome;
            LastReason = reason;
            LastDetail = detail;
            LastOutcomeAt = time;
        }
    }

    /// <summary>Takes a review status reported at <paramref name="at"/>, unless a later one is already known.</summary>
    public void ReportReview(string status, DateTimeOffset at, string? previous = null, string? comments = null, string? reason = null)
    {
        var time = at.UtcDateTime;
        if (ReviewStatusAt is { } known && time < known)
            return;
        PreviousReviewStatus = previous ?? (status == ReviewStatus ? PreviousReviewStatus : ReviewStatus);
        ReviewStatus = status;
        ReviewComments = comments;
        ReviewStatusReason = reason;
        ReviewStatusAt = time;
    }

    /// <summary>Takes a submission state reported at <paramref name="at"/>, unless a later one is already known.</summary>
    public void ReportSubmission(string state, DateTimeOffset at, string? reason = null, string? involvementType = null)
    {
        var time = at.UtcDateTime;
        if (SubmissionStateAt is { } known && time < known)
            return;
        SubmissionState = state;
        SubmissionReason = reason;
        InvolvementType = involvementType ?? InvolvementType;
        SubmissionStateAt = time;
    }

    /// <summary>Takes an invitation state reported at <paramref name="at"/>, unless a later one is already known.</summary>
    public void ReportInvitation(string invitationId, string state, DateTimeOffset at)
    {
        var time = at.UtcDateTime;
        InvitationId ??= invitationId;
        if (state == InvitationStates.Pending && (InvitationReceivedAt is not { } received || time < received))
            InvitationReceivedAt = time;
        if (InvitationStateAt is { } known && time < known)
            return;
        InvitationState = state;
        InvitationStateAt = time;
    }
}

/// <summary>The values of <see cref="DealRecord.SubmissionState"/>.</summary>
public static class SubmissionStates
{
    /// <summary><c>opportunity.submitted</c>: AWS reviews it now.</summary>
    public const string Submitted = "Submitted";

    /// <summary><c>opportunity.submission_failed</c>.</summary>
    public const string Failed = "Failed";
}

/// <summary>The values of <see cref="DealRecord.InvitationState"/>, as the deal's <c>aws_invitation_status</c> says them.</summary>
public static class InvitationStates
{
    /// <summary>Received, waiting for a decision.</summary>
    public const string Pending = "Pending";

    /// <summary>Accepted: the opportunity is the partner's.</summary>
    public const string Accepted = "Accepted";

    /// <summary>Rejected.</summary>
    public const string Rejected = "Rejected";

    /// <summary>Expired before a decision.</summary>
    public const string Expired = "Expired";
}
