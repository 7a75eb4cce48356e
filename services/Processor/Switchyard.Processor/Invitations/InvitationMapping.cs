using System.Globalization;
using System.Net;
using System.Text;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// What an AWS referral becomes in HubSpot: the deal's properties, its company, the note with what AWS sent, the task
/// before it expires, and whether the auto-accept rule takes it. Pure: "now" is the caller's.
/// </summary>
public static class InvitationMapping
{
    static readonly string[] AcceptedCurrencies = ["USD", "EUR"];

    /// <summary>
    /// The new deal's properties: the referral's title tagged with <paramref name="tag"/>, the configured pipeline and
    /// stage (and owner), AWS's expected monthly spend as the amount, its target completion date as the close date, its
    /// business problem as the description, AWS's seller, and the invitation's id, status and expiry.
    /// </summary>
    public static Dictionary<string, string?> NewDeal(ReferralInvitation invitation, InvitationOptions options, string tag)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(options);
        var spend = invitation.Spend;
        var amount = Spend.Amount(spend?.Amount);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DealProperties.Name] = $"{invitation.Title} {tag}",
            [DealProperties.Pipeline] = options.Pipeline,
            [DealProperties.Stage] = options.Stage,
            [DealProperties.OwnerId] = string.IsNullOrWhiteSpace(options.OwnerId) ? null : options.OwnerId,
            [DealProperties.Amount] = amount,
            [DealProperties.Currency] = amount is null ? null : spend!.CurrencyCode,
            [DealProperties.CloseDate] = CloseDate(invitation.Project?.TargetCompletionDate),
            [DealProperties.Description] = string.IsNullOrWhiteSpace(invitation.Project?.BusinessProblem) ? null : invitation.Project.BusinessProblem.Trim(),
            [DealProperties.Seller] = Seller(invitation.SenderContacts),
            [DealProperties.InvitationId] = invitation.Id,
            [DealProperties.InvitationStatus] = InvitationStatuses.FromAws(invitation.Status) ?? InvitationStatuses.Pending,
            [DealProperties.InvitationExpiresAt] = invitation.ExpiresAt is { } expires ? IsoTimes.Format(expires) : null,
        };
    }

    /// <summary>The customer's domain, from AWS's website URL (<c>https://www.example.com</c> is <c>example.com</c>), or null.</summary>
    public static string? Domain(string? websiteUrl)
    {
        if (Websites.ToWebsiteUrl(websiteUrl, null) is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return null;
        var host = uri.Host;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>
    /// A new company for the customer: its name, domain and website, its country as HubSpot users write it (the
    /// country's name), and a HubSpot industry that maps back to the same Partner Central industry.
    /// </summary>
    public static Dictionary<string, string?> NewCompany(InvitationCustomer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [CompanyProperties.Name] = string.IsNullOrWhiteSpace(customer.CompanyName) ? null : customer.CompanyName.Trim(),
            [CompanyProperties.Domain] = Domain(customer.WebsiteUrl),
            [CompanyProperties.Website] = Websites.ToWebsiteUrl(customer.WebsiteUrl, null),
            [CompanyProperties.Country] = Countries.Find(customer.CountryCode)?.Name,
            [CompanyProperties.Industry] = HubSpotIndustry(customer.Industry),
        };
    }

    /// <summary>
    /// HubSpot's industry code for a Partner Central industry: the one whose label is the industry's name, else the
    /// first that maps to it, so that a sync sends the same industry back; none for <c>Other</c> or an unknown one.
    /// </summary>
    public static string? HubSpotIndustry(string? industry)
    {
        if (string.IsNullOrWhiteSpace(industry) || industry == PartnerCentralValues.Other)
            return null;
        var candidates = Industries.HubSpotIndustries.Where(i => i.Industry == industry).ToList();
        return (candidates.FirstOrDefault(i => string.Equals(i.Label, industry, StringComparison.OrdinalIgnoreCase)) is { Code: not null } same
            ? same
            : candidates.FirstOrDefault()).Code;
    }

    /// <summary>AWS's seller as the review sync writes <c>aws_seller</c>: <c>First Last &lt;email&gt;</c> of the first sender contact.</summary>
    public static string? Seller(IReadOnlyList<SenderContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        if (contacts.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c.Email) || !string.IsNullOrWhiteSpace(c.LastName)) is not { } contact)
            return null;
        var name = string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        var email = contact.Email?.Trim();
        return (name.Length, string.IsNullOrEmpty(email)) switch
        {
            (0, _) => email,
            (_, true) => name,
            _ => $"{name} <{email}>",
        };
    }

    /// <summary>The note on a new referral deal (HTML, every value encoded): everything AWS sent with the invitation.</summary>
    public static string ReceivedNote(ReferralInvitation invitation, string? decisionProperty = null)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var document = invitation.Document;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p><strong>AWS referral</strong> {E(invitation.Id)} from {E(document.SenderCompanyName ?? "AWS")}");
        if (invitation.ExpiresAt is { } expires)
            html.Append(CultureInfo.InvariantCulture, $", to answer before {E(Readable(expires))}");
        html.Append(". Accept or reject it with <em>").Append(E(decisionProperty ?? DealProperties.InvitationDecision))
            .Append("</em> (and <em>").Append(E(DealProperties.RejectionReason)).Append("</em> to reject).</p>");
        if (!string.IsNullOrWhiteSpace(document.InvitationMessage))
            html.Append(CultureInfo.InvariantCulture, $"<blockquote>{E(document.InvitationMessage)}</blockquote>");

        var rows = new List<(string Label, string? Value)>
        {
            ("Engagement", document.EngagementTitle),
            ("Description", document.EngagementDescription),
            ("Customer", invitation.Customer?.CompanyName),
            ("Industry", invitation.Customer?.Industry),
            ("Website", invitation.Customer?.WebsiteUrl),
            ("Country", invitation.Customer?.CountryCode),
            ("Project", invitation.Project?.Title),
            ("Business problem", invitation.Project?.BusinessProblem),
            ("Target completion", invitation.Project?.TargetCompletionDate),
            ("Expected spend", SpendText(invitation.Spend)),
            ("AWS contacts", invitation.SenderContacts.Count == 0 ? null : string.Join("; ", invitation.SenderContacts.Select(ContactText))),
            ("Your responsibilities", document.Payload?.OpportunityInvitation?.ReceiverResponsibilities is { Count: > 0 } duties ? string.Join(", ", duties) : null),
            ("Lead source", document.Payload?.LeadInvitation?.Interaction is { } lead ? string.Join(", ", new[] { lead.SourceType, lead.SourceName }.Where(v => !string.IsNullOrWhiteSpace(v))) : null),
            ("Use case", document.Payload?.LeadInvitation?.Interaction?.Usecase),
            ("Customer contact's title", document.Payload?.LeadInvitation?.Interaction?.ContactBusinessTitle),
        };
        html.Append("<ul>");
        foreach (var (label, value) in rows.Where(r => !string.IsNullOrWhiteSpace(r.Value)))
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{E(label)}:</strong> {E(value!.Trim())}</li>");
        html.Append("</ul>");
        return html.ToString();
    }

    /// <summary>Whether the deal's owner is due the task to answer: pending, and expiring within <paramref name="warnBefore"/>.</summary>
    public static bool ReminderDue(DateTimeOffset? expiresAt, DateTimeOffset now, TimeSpan warnBefore) =>
        expiresAt is { } expires && expires > now && expires - now <= warnBefore;

    /// <summary>The expiry task's subject.</summary>
    public static string ReminderSubject(ReferralInvitation invitation, DateTimeOffset expiresAt) =>
        $"Answer the AWS referral \"{invitation.Title}\" before {Readable(expiresAt)}";

    /// <summary>The expiry task's body (HTML, encoded).</summary>
    public static string ReminderBody(ReferralInvitation invitation, DateTimeOffset expiresAt) =>
        $"<p>AWS referral {E(invitation.Id)} expires on {E(Readable(expiresAt))} unless it is answered. Set " +
        $"<em>{E(DealProperties.InvitationDecision)}</em> to Accept, or to Reject with <em>{E(DealProperties.RejectionReason)}</em>.</p>";

    /// <summary>
    /// Whether <paramref name="rule"/> accepts the referral by itself: on, and every condition it gives holds (a spend
    /// condition needs a spend; an industry or country condition needs the customer's).
    /// </summary>
    public static bool AutoAccepts(AutoAcceptOptions rule, ReferralInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(invitation);
        if (!rule.Enabled)
            return false;
        if (rule.MinimumMonthlySpend is { } minimum
            && !(decimal.TryParse(invitation.Spend?.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var spend) && spend >= minimum))
            return false;
        if (rule.Industries.Count > 0 && !rule.Industries.Contains(invitation.Customer?.Industry ?? "", StringComparer.Ordinal))
            return false;
        return rule.CountryCodes.Count == 0 || rule.CountryCodes.Contains(invitation.Customer?.CountryCode ?? "", StringComparer.Ordinal);
    }

    /// <summary>An instant as people read it in a note: <c>2026-03-17 09:00 UTC</c>.</summary>
    public static string Readable(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>HTML-encoded.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text);

    // HubSpot's closedate is a date-time; AWS's target completion date a day (YYYY-MM-DD).
    static string? CloseDate(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00.000Z"
            : null;

    static string? SpendText(ExpectedCustomerSpend? spend) =>
        spend is null ? null : $"{spend.Amount} {spend.CurrencyCode} {spend.Frequency?.ToLowerInvariant() ?? "monthly"}".Trim()
            + (spend.CurrencyCode is { } code && !AcceptedCurrencies.Contains(code) ? " (not a currency Partner Central accepts for spend)" : "");

    static string ContactText(SenderContact contact)
    {
        var name = string.Join(' ', new[] { contact.FirstName, contact.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var parts = new[] { name, contact.BusinessTitle, contact.Email, contact.Phone }.Where(p => !string.IsNullOrWhiteSpace(p));
        return string.Join(", ", parts);
    }
}
