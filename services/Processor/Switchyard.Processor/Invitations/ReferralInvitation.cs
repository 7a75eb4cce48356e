using System.Text.Json.Nodes;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// An AWS referral as the processor uses it: <c>GetEngagementInvitation</c>'s answer with its payload read, whether
/// AWS shares an opportunity (<c>OpportunityInvitation</c>) or a lead (<c>LeadInvitation</c>).
/// </summary>
/// <param name="Id">The invitation.</param>
/// <param name="EngagementId">The engagement it invites the partner to.</param>
/// <param name="Status">AWS's status: <c>PENDING</c>, <c>ACCEPTED</c>, <c>REJECTED</c> or <c>EXPIRED</c>.</param>
/// <param name="ExpiresAt">When it expires unanswered.</param>
/// <param name="Document">The answer as read.</param>
public sealed record ReferralInvitation(string Id, string? EngagementId, string? Status, DateTimeOffset? ExpiresAt, EngagementInvitationDocument Document)
{
    /// <summary>Reads <paramref name="document"/>, the answer for <paramref name="id"/>.</summary>
    public static ReferralInvitation From(string id, EngagementInvitationDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new ReferralInvitation(document.Id ?? id, document.EngagementId, document.Status, IsoTimes.Parse(document.ExpirationDate), document);
    }

    /// <summary>The customer AWS names.</summary>
    public InvitationCustomer? Customer => Document.Payload?.OpportunityInvitation?.Customer ?? Document.Payload?.LeadInvitation?.Customer;

    /// <summary>The project, for an opportunity AWS shares.</summary>
    public InvitationProject? Project => Document.Payload?.OpportunityInvitation?.Project;

    /// <summary>AWS's people on it.</summary>
    public IReadOnlyList<SenderContact> SenderContacts => Document.Payload?.OpportunityInvitation?.SenderContacts ?? [];

    /// <summary>The monthly spend AWS expects: the first entry of <c>Project.ExpectedCustomerSpend</c>.</summary>
    public ExpectedCustomerSpend? Spend => Project?.ExpectedCustomerSpend?.FirstOrDefault(s => !string.IsNullOrWhiteSpace(s.Amount));

    /// <summary>
    /// What the referral is called: the project's title (the opportunity's title once accepted, which is how AWS says to
    /// match the two), else the engagement's, else the customer's name.
    /// </summary>
    public string Title =>
        Clean(Project?.Title) ?? Clean(Document.EngagementTitle)
        ?? (Clean(Customer?.CompanyName) is { } company ? $"AWS referral: {company}" : $"AWS referral {Id}");

    /// <summary>When it was sent.</summary>
    public DateTimeOffset? InvitedAt => IsoTimes.Parse(Document.InvitationDate);

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
