namespace Switchyard.Contracts.Processing;

/// <summary>The values of <see cref="SyncSkipped.Reason"/>. Add-only.</summary>
public static class SyncSkipReasons
{
    /// <summary>No Partner Central sync handles this kind of event.</summary>
    public const string NotHandled = "NotHandled";

    /// <summary>The deal's name does not contain <c>#AWS</c>.</summary>
    public const string NotTagged = "NotTagged";

    /// <summary>The deal already has an opportunity.</summary>
    public const string AlreadySynced = "AlreadySynced";

    /// <summary>The deal has no opportunity yet, so there is nothing to update.</summary>
    public const string NotSynced = "NotSynced";

    /// <summary>The changed property does not map to a Partner Central field.</summary>
    public const string PropertyNotMapped = "PropertyNotMapped";

    /// <summary>The HubSpot object no longer exists.</summary>
    public const string ObjectNotFound = "ObjectNotFound";

    /// <summary>The opportunity already says what the deal says; nothing was written.</summary>
    public const string NoChanges = "NoChanges";

    /// <summary>The deal was renamed; Partner Central titles cannot change, so the name was put back.</summary>
    public const string TitleImmutable = "TitleImmutable";

    /// <summary>The note has no text to send as next steps.</summary>
    public const string EmptyNote = "EmptyNote";

    /// <summary>Switchyard made the change itself (its write-back to HubSpot): acting on it would echo it back.</summary>
    public const string OwnChange = "OwnChange";

    /// <summary>
    /// The deal stands for an AWS referral not yet accepted: it becomes an opportunity by accepting the invitation
    /// (<c>aws_invitation_decision</c>), never by the partner-originated creation.
    /// </summary>
    public const string InvitationPending = "InvitationPending";

    /// <summary>The invitation is not one AWS sent the partner (e.g. the one a submission sent AWS), or has no deal to act on.</summary>
    public const string InvitationNotTracked = "InvitationNotTracked";
}
