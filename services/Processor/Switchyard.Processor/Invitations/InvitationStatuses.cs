namespace Switchyard.Processor.Invitations;

/// <summary>
/// What a referral's deal says of it in <c>aws_invitation_status</c>: AWS's four statuses in HubSpot's capitalisation,
/// and the two while Switchyard's own answer is on its way (so that the change AWS then reports is known as Switchyard's).
/// </summary>
public static class InvitationStatuses
{
    /// <summary>Waiting for the seller's answer.</summary>
    public const string Pending = "Pending";

    /// <summary>Switchyard asked AWS to accept it; the task that creates the opportunity is running.</summary>
    public const string Accepting = "Accepting";

    /// <summary>Accepted; its opportunity is in <c>aws_opportunity_id</c> once AWS has created it.</summary>
    public const string Accepted = "Accepted";

    /// <summary>Switchyard is rejecting it.</summary>
    public const string Rejecting = "Rejecting";

    /// <summary>Rejected, with the reason in <c>aws_rejection_reason</c>.</summary>
    public const string Rejected = "Rejected";

    /// <summary>It expired unanswered.</summary>
    public const string Expired = "Expired";

    /// <summary>The deal's value for AWS's status (<c>PENDING</c>, <c>ACCEPTED</c>, <c>REJECTED</c>, <c>EXPIRED</c>), or null for another.</summary>
    public static string? FromAws(string? status) => status switch
    {
        "PENDING" => Pending,
        "ACCEPTED" => Accepted,
        "REJECTED" => Rejected,
        "EXPIRED" => Expired,
        _ => null,
    };

    /// <summary>Whether the referral is over: nothing can be answered any more.</summary>
    public static bool IsFinal(string? status) => status is Accepted or Rejected or Expired;
}

/// <summary>The values of <c>aws_invitation_decision</c>, the seller's answer.</summary>
public static class InvitationDecisions
{
    /// <summary>Accept the referral: AWS creates the opportunity, which the deal is then linked to.</summary>
    public const string Accept = "Accept";

    /// <summary>Reject it, with <c>aws_rejection_reason</c>.</summary>
    public const string Reject = "Reject";
}
