namespace Switchyard.Processor.Submission;

/// <summary>The <c>Processor:Submission</c> section: when a deal is submitted to AWS, and how.</summary>
public sealed class SubmissionOptions
{
    /// <summary>
    /// HubSpot deal stage ids (e.g. <c>contractsent</c>) whose entry submits the deal's opportunity, as ticking
    /// <c>aws_submit_to_aws</c> does. Empty by default: only the checkbox submits.
    /// </summary>
    public List<string> Stages { get; set; } = [];

    /// <summary>The involvement type when the deal has no <c>aws_involvement_type</c>: <c>Co-Sell</c> or <c>For Visibility Only</c>.</summary>
    public string DefaultInvolvementType { get; set; } = SubmissionValues.CoSell;

    /// <summary>The visibility when the deal has no <c>aws_visibility</c>: <c>Full</c> or <c>Limited</c>.</summary>
    public string DefaultVisibility { get; set; } = "Full";

    /// <summary>Checks the section; adds each problem to <paramref name="failures"/>.</summary>
    public void Validate(List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!SubmissionValues.InvolvementTypes.Contains(DefaultInvolvementType, StringComparer.Ordinal))
            failures.Add($"Processor:Submission:DefaultInvolvementType is '{DefaultInvolvementType}'; it must be one of {string.Join(", ", SubmissionValues.InvolvementTypes)}.");
        if (!SubmissionValues.Visibilities.Contains(DefaultVisibility, StringComparer.Ordinal))
            failures.Add($"Processor:Submission:DefaultVisibility is '{DefaultVisibility}'; it must be one of {string.Join(", ", SubmissionValues.Visibilities)}.");
        for (var i = 0; i < Stages.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Stages[i]))
                failures.Add($"Processor:Submission:Stages:{i} is empty.");
        }
    }
}
