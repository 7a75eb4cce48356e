using System.Net;

namespace Switchyard.Processor.ReviewSync;

/// <summary>What Switchyard writes on a deal when AWS's review of its opportunity changes: a note, and a task for Action Required.</summary>
public static class ReviewNotes
{
    /// <summary>The review statuses AWS sets (the model's <c>ReviewStatus</c>) that Switchyard says more about.</summary>
    public const string ActionRequired = "Action Required";

    /// <summary>AWS turned the opportunity down.</summary>
    public const string Rejected = "Rejected";

    /// <summary>AWS approved the opportunity.</summary>
    public const string Approved = "Approved";

    /// <summary>The note (HTML, every value encoded) for a review status change.</summary>
    public static string Note(string opportunityId, string? oldStatus, string newStatus, string? comments, string? reason)
    {
        var id = WebUtility.HtmlEncode(opportunityId);
        var change = oldStatus is null
            ? $"is now <strong>{WebUtility.HtmlEncode(newStatus)}</strong>"
            : $"changed from <em>{WebUtility.HtmlEncode(oldStatus)}</em> to <strong>{WebUtility.HtmlEncode(newStatus)}</strong>";
        var said = newStatus switch
        {
            ActionRequired => " AWS needs changes before it approves the opportunity: correct the deal in HubSpot (Switchyard sends the changes), then resubmit.",
            Rejected => " AWS rejected the opportunity.",
            Approved => " AWS approved the opportunity.",
            _ => "",
        };
        var html = $"<p>AWS's review of AWS Partner Central opportunity {id} {change}.{WebUtility.HtmlEncode(said)}</p>";
        // The comments are what the partner acts on; for other statuses the deal's aws_review_comments has them.
        if (newStatus is ActionRequired or Rejected)
        {
            if (!string.IsNullOrWhiteSpace(comments))
                html += $"<p>AWS's comments:</p><blockquote>{WebUtility.HtmlEncode(comments)}</blockquote>";
            if (!string.IsNullOrWhiteSpace(reason))
                html += $"<p>Reason: {WebUtility.HtmlEncode(reason)}</p>";
        }

        return html;
    }

    /// <summary>The task's subject for an Action Required review.</summary>
    public static string TaskSubject(string opportunityId) => $"AWS needs changes to opportunity {opportunityId}";

    /// <summary>The task's body (HTML, encoded) for an Action Required review.</summary>
    public static string TaskBody(string opportunityId, string? comments, string? reason) =>
        $"<p>AWS reviewed AWS Partner Central opportunity {WebUtility.HtmlEncode(opportunityId)} and needs changes before it approves it. " +
        "Correct the deal in HubSpot, then resubmit.</p>" +
        (string.IsNullOrWhiteSpace(comments) ? "" : $"<p>AWS's comments:</p><blockquote>{WebUtility.HtmlEncode(comments)}</blockquote>") +
        (string.IsNullOrWhiteSpace(reason) ? "" : $"<p>Reason: {WebUtility.HtmlEncode(reason)}</p>");
}
