namespace Switchyard.Contracts.Processing;

/// <summary>
/// A deal's opportunity could not be submitted to AWS: something AWS requires is missing (found before calling AWS),
/// or AWS's submission task failed. The deal carries the reason too (<c>aws_submission_status</c>).
/// </summary>
public record OpportunitySubmissionFailed
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The HubSpot deal.</summary>
    public required long DealId { get; init; }

    /// <summary>The Partner Central opportunity, when there is one.</summary>
    public string? OpportunityId { get; init; }

    /// <summary>A stable code, e.g. <c>MissingRequiredFields</c> or AWS's error type.</summary>
    public required string Reason { get; init; }

    /// <summary>A sentence for people saying what to fix. Never holds a secret.</summary>
    public required string Detail { get; init; }

    /// <summary>When the submission failed.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
