using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// A referral's deal in HubSpot: found by <c>aws_invitation_id</c>, created with its company, told what AWS sent, and
/// given the task to answer before the referral expires.
/// </summary>
/// <remarks>
/// One invitation, one deal, however often and wherever it is seen: <c>aws_invitation_id</c> is a property that
/// requires unique values, so the deal is read by it (<c>?idProperty=</c>, current at once, where the CRM search lags
/// a write by seconds), and should two processors create it at once HubSpot refuses the second, which then reads the
/// first. A deal is created without <c>aws_invitation_status</c>; the status is written last, after the note, so a
/// deal found without one is a reception that has not finished, and is finished then.
/// </remarks>
public sealed partial class InvitationDeals(IHubSpotCrmClient crm, OpportunityMapper mapper, IOptions<InvitationOptions> options,
    TimeProvider clock, ILogger<InvitationDeals> logger)
{
    /// <summary>The deal of the invitation, or null.</summary>
    public Task<HubSpotDeal?> FindAsync(string invitationId, CancellationToken cancellationToken) =>
        crm.GetDealByUniqueValueAsync(DealProperties.InvitationId, invitationId, cancellationToken);

    /// <summary>
    /// Creates the deal of <paramref name="invitation"/>, with the customer's company (the one with its domain, else a
    /// new one) as its primary company; returns it, or the deal another processor created for it first.
    /// </summary>
    public async Task<HubSpotDeal> CreateAsync(ReferralInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var companyId = await CompanyAsync(invitation.Customer, cancellationToken);
        var properties = InvitationMapping.NewDeal(invitation, options.Value, mapper.Tag);
        // Written last, once the deal is complete (see the remarks).
        properties.Remove(DealProperties.InvitationStatus);
        long dealId;
        try
        {
            dealId = await crm.CreateDealAsync(properties, companyId, cancellationToken);
        }
        catch (HubSpotPermanentException e) when (e.StatusCode is 409 or 400)
        {
            // Another processor made it first and HubSpot kept the invitation id unique; any other refusal is rethrown.
            var existing = await FindAsync(invitation.Id, cancellationToken);
            if (existing is null)
                throw;
            LogCreatedElsewhere(logger, invitation.Id, existing.Id);
            return existing;
        }

        LogCreated(logger, invitation.Id, dealId);
        return await crm.GetDealAsync(dealId, cancellationToken)
            ?? throw new HubSpotTransientException($"Deal {dealId}, just created for AWS referral {invitation.Id}, cannot be read yet.");
    }

    /// <summary>
    /// Finishes a new deal: the note with what AWS sent, the task when the referral expires soon, then its status
    /// (<c>Pending</c>), last. Returns whether the task was made.
    /// </summary>
    public async Task<bool> FinishReceptionAsync(HubSpotDeal deal, ReferralInvitation invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(invitation);
        await crm.CreateNoteOnDealAsync(deal.Id, InvitationMapping.ReceivedNote(invitation), cancellationToken);
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DealProperties.InvitationStatus] = InvitationStatuses.Pending,
        };
        var reminded = await RemindIfDueAsync(deal, invitation, properties, cancellationToken);
        await crm.UpdateDealAsync(deal.Id, properties, cancellationToken);
        return reminded;
    }

    /// <summary>
    /// Gives the deal's owner the task to answer, once, when the pending referral expires within
    /// <see cref="InvitationOptions.WarnBefore"/>; returns whether it did.
    /// </summary>
    public async Task<bool> RemindIfDueAsync(HubSpotDeal deal, ReferralInvitation invitation, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!await RemindIfDueAsync(deal, invitation, properties, cancellationToken))
            return false;
        await crm.UpdateDealAsync(deal.Id, properties, cancellationToken);
        return true;
    }

    /// <summary>Whether the deal's owner is due the task: pending, expiring soon, and not yet reminded.</summary>
    public bool ReminderDue(HubSpotDeal deal, DateTimeOffset? expiresAt) =>
        deal.Property(DealProperties.InvitationRemindedAt) is null
        && InvitationMapping.ReminderDue(expiresAt, clock.GetUtcNow(), options.Value.WarnBefore);

    // The task first, then the property that says it was made: a failure between them reminds twice rather than never.
    async Task<bool> RemindIfDueAsync(HubSpotDeal deal, ReferralInvitation invitation, Dictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        if (invitation.Status != "PENDING" || invitation.ExpiresAt is not { } expiresAt || !ReminderDue(deal, expiresAt))
            return false;
        await crm.CreateTaskOnDealAsync(deal.Id, deal.Property(DealProperties.OwnerId), InvitationMapping.ReminderSubject(invitation, expiresAt),
            InvitationMapping.ReminderBody(invitation, expiresAt), expiresAt, cancellationToken);
        properties[DealProperties.InvitationRemindedAt] = IsoTimes.Format(clock.GetUtcNow());
        LogReminded(logger, invitation.Id, deal.Id, expiresAt);
        return true;
    }

    // A repeat after a failure may not find the company it created a moment before (the search lags) and make a
    // second: rare, and a duplicate company is what HubSpot users merge every day; a duplicate deal is what must not be.
    async Task<long?> CompanyAsync(InvitationCustomer? customer, CancellationToken cancellationToken)
    {
        if (customer is null || string.IsNullOrWhiteSpace(customer.CompanyName))
            return null;
        if (InvitationMapping.Domain(customer.WebsiteUrl) is { } domain && await crm.FindCompanyIdByDomainAsync(domain, cancellationToken) is { } existing)
            return existing;
        return await crm.CreateCompanyAsync(InvitationMapping.NewCompany(customer), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} became deal {DealId}")]
    static partial void LogCreated(ILogger logger, string invitationId, long dealId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} is deal {DealId} already (another processor created it)")]
    static partial void LogCreatedElsewhere(ILogger logger, string invitationId, long dealId);

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} expires at {ExpiresAt:u}: deal {DealId}'s owner has a task to answer it")]
    static partial void LogReminded(ILogger logger, string invitationId, long dealId, DateTimeOffset expiresAt);
}
