namespace Switchyard.Processor.Quotas;

/// <summary>
/// One Partner Central write a message is about to make: the operation, its kind (which decides whether it may use the
/// reserve) and what it is about. Writes with the same <see cref="Key"/> coalesce while they wait: the one parked last
/// stands for all, since each reads HubSpot and Partner Central afresh when it runs.
/// </summary>
/// <param name="Operation">The API operation, e.g. <c>UpdateOpportunity</c>.</param>
/// <param name="Kind">What the write does for the partner.</param>
/// <param name="Subject">What it is about, e.g. <c>deal/4242</c>.</param>
public sealed record PartnerCentralWrite(string Operation, WriteKind Kind, string Subject)
{
    /// <summary>What it is and what it is about, e.g. <c>update/deal/4242</c> or <c>create/deal/4242</c>.</summary>
    public string Key => $"{KeyPrefix(Kind)}/{Subject}";

    /// <summary>Whether it goes before updates when the budget runs low, and may use the reserve.</summary>
    public bool IsPriority => Kind != WriteKind.Update;

    /// <summary><c>CreateOpportunity</c> for a deal.</summary>
    public static PartnerCentralWrite Creation(long dealId) => new("CreateOpportunity", WriteKind.Creation, $"deal/{dealId}");

    /// <summary><c>UpdateOpportunity</c> of a deal's opportunity.</summary>
    public static PartnerCentralWrite Update(long dealId) => new("UpdateOpportunity", WriteKind.Update, $"deal/{dealId}");

    /// <summary><c>AssociateOpportunity</c> of an opportunity with a solution.</summary>
    public static PartnerCentralWrite Association(string opportunityId, string solutionId) =>
        new("AssociateOpportunity", WriteKind.Association, $"opportunity/{opportunityId}/solution/{solutionId}");

    static string KeyPrefix(WriteKind kind) => kind switch
    {
        WriteKind.Update => "update",
        WriteKind.Creation => "create",
        WriteKind.Association => "associate",
        WriteKind.Submission => "submit",
        WriteKind.InvitationAnswer => "answer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of write."),
    };
}

/// <summary>What a write does for the partner. Every kind but <see cref="Update"/> is priority work.</summary>
public enum WriteKind
{
    /// <summary>Brings an existing opportunity up to date; waits while the budget is low.</summary>
    Update,

    /// <summary>Creates an opportunity.</summary>
    Creation,

    /// <summary>Completes a creation: associates the opportunity with a solution.</summary>
    Association,

    /// <summary>Submits an opportunity to AWS (<c>StartEngagementFromOpportunityTask</c>).</summary>
    Submission,

    /// <summary>Accepts or rejects an engagement invitation from AWS.</summary>
    InvitationAnswer,
}
