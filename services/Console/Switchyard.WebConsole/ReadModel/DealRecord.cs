namespace Switchyard.WebConsole.ReadModel;

/// <summary>
/// A HubSpot deal Switchyard has touched, as the outcome events tell it: its opportunity and the last thing that
/// happened to it. Built by <see cref="DealOutcomeConsumer"/>; never by calling HubSpot.
/// </summary>
/// <remarks>
/// Adding an outcome event (issues 14 and 15: submission, review, invitations) is one consumer method that sets the
/// columns it owns (<see cref="ReviewStatus"/>, <see cref="SubmissionState"/>, <see cref="InvitationState"/>,
/// <see cref="InvitationExpiresAt"/> are here for them) and calls <see cref="Record"/>.
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

    /// <summary>Whether the opportunity was submitted to AWS, and how that went (issue 14's events).</summary>
    public string? SubmissionState { get; set; }

    /// <summary>The state of an invitation from AWS about this deal (issue 15's events): pending, accepted, rejected, expired.</summary>
    public string? InvitationState { get; set; }

    /// <summary>When a pending invitation expires (UTC).</summary>
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
}
