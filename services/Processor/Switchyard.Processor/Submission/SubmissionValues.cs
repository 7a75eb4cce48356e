namespace Switchyard.Processor.Submission;

/// <summary>The values of a submission: AWS's enumerations (the model's SalesInvolvementType and Visibility) and what Switchyard writes to <c>aws_submission_status</c>.</summary>
public static class SubmissionValues
{
    /// <summary>AWS co-sells the opportunity with the partner.</summary>
    public const string CoSell = "Co-Sell";

    /// <summary>AWS only sees the opportunity.</summary>
    public const string ForVisibilityOnly = "For Visibility Only";

    /// <summary>The involvement types AWS accepts (SalesInvolvementType).</summary>
    public static readonly IReadOnlyList<string> InvolvementTypes = [CoSell, ForVisibilityOnly];

    /// <summary>The visibilities AWS accepts (Visibility).</summary>
    public static readonly IReadOnlyList<string> Visibilities = ["Full", "Limited"];

    /// <summary>The task has started and is followed.</summary>
    public const string InProgress = "In progress";

    /// <summary>AWS has the opportunity for review.</summary>
    public const string Submitted = "Submitted";

    /// <summary><c>Failed: reason</c>.</summary>
    public static string Failed(string reason) => $"Failed: {reason}";
}
