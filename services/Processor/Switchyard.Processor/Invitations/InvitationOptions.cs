using System.Globalization;
using Microsoft.Extensions.Options;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// The <c>Processor:Invitations</c> section: what becomes of an AWS referral (an engagement invitation AWS sends the
/// partner) in HubSpot, and when Switchyard accepts one by itself.
/// </summary>
public sealed class InvitationOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Processor:Invitations";

    /// <summary>Whether referrals become deals (on by default); off, the processor leaves them to Partner Central.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The pipeline a referral's deal is created in: HubSpot's <c>default</c> unless set.</summary>
    public string Pipeline { get; set; } = "default";

    /// <summary>The stage of <see cref="Pipeline"/> a referral's deal starts in: <c>appointmentscheduled</c> unless set.</summary>
    public string Stage { get; set; } = "appointmentscheduled";

    /// <summary>The HubSpot owner (a user's owner id) of new referral deals, who gets the expiry task; none unless set.</summary>
    public string? OwnerId { get; set; }

    /// <summary>
    /// How long before a pending referral expires its deal's owner gets a task to answer it: 2 days unless set. AWS
    /// lets a referral wait 15 days ("Invitations will automatically expire if not accepted within 15 days",
    /// ListEngagementInvitationsRequest in AWS's model).
    /// </summary>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Accepting referrals without waiting for a seller's decision, by rule; off by default.</summary>
    public AutoAcceptOptions AutoAccept { get; set; } = new();
}

/// <summary>
/// The <c>Processor:Invitations:AutoAccept</c> rule: when on, a referral that meets every condition given is accepted
/// as soon as its deal exists; with no condition, every referral is. An invitation names no solution of the partner's
/// (the model's <c>OpportunityInvitationPayload</c>), so the conditions are on what it does say.
/// </summary>
public sealed class AutoAcceptOptions
{
    /// <summary>Whether referrals are accepted by this rule.</summary>
    public bool Enabled { get; set; }

    /// <summary>The least monthly spend AWS expects (<c>Project.ExpectedCustomerSpend</c>), in the referral's currency.</summary>
    public decimal? MinimumMonthlySpend { get; set; }

    /// <summary>The customer's industry is one of these (Partner Central's names, e.g. <c>Software and Internet</c>).</summary>
    public List<string> Industries { get; set; } = [];

    /// <summary>The customer's country is one of these (ISO 3166 alpha-2, e.g. <c>US</c>).</summary>
    public List<string> CountryCodes { get; set; } = [];
}

/// <summary>Checks <c>Processor:Invitations</c> at start-up, naming each setting that is wrong.</summary>
public sealed class InvitationOptionsValidator : IValidateOptions<InvitationOptions>
{
    const string Key = InvitationOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InvitationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Pipeline))
            failures.Add($"{Key}:Pipeline is empty; name the pipeline referral deals are created in (HubSpot's own is 'default').");
        if (string.IsNullOrWhiteSpace(options.Stage))
            failures.Add($"{Key}:Stage is empty; name the stage referral deals start in, e.g. 'appointmentscheduled'.");
        if (options.OwnerId is { Length: > 0 } owner && !long.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            failures.Add($"{Key}:OwnerId '{owner}' is not a HubSpot owner id (digits).");
        if (options.WarnBefore < TimeSpan.Zero || options.WarnBefore > TimeSpan.FromDays(15))
            failures.Add($"{Key}:WarnBefore is {options.WarnBefore}; it must be between 00:00:00 and 15.00:00:00 (AWS's referrals expire after 15 days).");

        var rule = options.AutoAccept;
        if (rule.MinimumMonthlySpend is < 0)
            failures.Add($"{Key}:AutoAccept:MinimumMonthlySpend is {rule.MinimumMonthlySpend.Value.ToString(CultureInfo.InvariantCulture)}; it cannot be negative.");
        var model = ServiceModel.PartnerCentralSelling;
        var industries = model.Shape("Industry").Enum ?? [];
        foreach (var industry in rule.Industries.Where(i => !industries.Contains(i, StringComparer.Ordinal)))
            failures.Add($"{Key}:AutoAccept:Industries has '{industry}', which is not one of Partner Central's industries ({string.Join(", ", industries)}).");
        var countries = model.Shape("CountryCode").Enum ?? [];
        foreach (var country in rule.CountryCodes.Where(c => !countries.Contains(c, StringComparer.Ordinal)))
            failures.Add($"{Key}:AutoAccept:CountryCodes has '{country}', which is not an ISO 3166 alpha-2 code Partner Central lists (e.g. US, DE).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
