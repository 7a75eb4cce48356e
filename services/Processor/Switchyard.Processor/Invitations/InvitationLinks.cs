using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Sync;
using static Switchyard.Processor.Invitations.InvitationMapping;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Links a referral's deal to the opportunity that accepting the referral created, however it was accepted (by
/// Switchyard's task, or in Partner Central's console): the deal gets <c>aws_opportunity_id</c> and the title, the
/// customer's contacts AWS shares on the opportunity, a note, <c>Accepted</c>, and <see cref="InvitationAccepted"/>;
/// then one sync of the deal to the opportunity, after which the deal syncs both ways like one the partner created.
/// </summary>
/// <remarks>
/// The deal's properties are the last write, and everything published or sent leaves through the consume's outbox, so
/// a failure before them does it all again (a note twice at worst) and a deal that says it is linked has been told.
/// </remarks>
public sealed partial class InvitationLinks(IHubSpotCrmClient crm, IPartnerCentralClient partnerCentral, Outcomes outcomes, ILogger<InvitationLinks> logger)
{
    /// <summary>The <see cref="SyncOpportunity.Trigger"/> of the first sync after an acceptance.</summary>
    public const string SyncTrigger = "InvitationAccepted";

    // AWS's opportunity can carry up to 10 contacts (Customer.Contacts); HubSpot's MaxContacts reads as many back.
    const int MaxContacts = 10;

    /// <summary>Links <paramref name="deal"/> to <paramref name="opportunityId"/>; false when it was linked already.</summary>
    /// <param name="context">The consume, whose outbox carries the outcome and the sync.</param>
    /// <param name="portalId">The HubSpot account.</param>
    /// <param name="deal">The referral's deal.</param>
    /// <param name="invitationId">The referral.</param>
    /// <param name="opportunityId">The opportunity accepting it created.</param>
    /// <param name="how">How it was accepted, for people: e.g. <c>by Switchyard</c>, <c>in Partner Central</c>.</param>
    public async Task<bool> LinkAsync(ConsumeContext context, long portalId, HubSpotDeal deal, string invitationId, string opportunityId, string how)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deal);
        var cancellationToken = context.CancellationToken;
        if (deal.Property(DealProperties.OpportunityId) == opportunityId && deal.Property(DealProperties.InvitationStatus) == InvitationStatuses.Accepted)
            return false;

        var opportunity = await partnerCentral.GetOpportunityAsync(opportunityId, cancellationToken);
        var title = opportunity.Title ?? AwsTag.Remove(deal.Property(DealProperties.Name) ?? "");
        var contacts = await AddContactsAsync(deal, opportunity, cancellationToken);
        await crm.CreateNoteOnDealAsync(deal.Id,
            $"<p>AWS referral {E(invitationId)} was accepted {E(how)}: it is AWS Partner Central opportunity <strong>{E(opportunityId)}</strong> " +
            $"(<em>{E(title)}</em>). From now on this deal and the opportunity sync both ways, as for a deal tagged in HubSpot." +
            (contacts > 0 ? $" AWS shared {contacts.ToString(CultureInfo.InvariantCulture)} customer contact(s), now on the deal." : "") + "</p>",
            cancellationToken);
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
        {
            [DealProperties.OpportunityId] = opportunityId,
            [DealProperties.OpportunityTitle] = title,
            [DealProperties.InvitationStatus] = InvitationStatuses.Accepted,
            [DealProperties.SyncStatus] = SyncStatuses.Synced,
            [DealProperties.SyncError] = null,
        }, cancellationToken);
        LogLinked(logger, invitationId, deal.Id, opportunityId, how);

        await InvitationOutcomes.PublishAsync(context, new InvitationAccepted
        {
            PortalId = portalId,
            DealId = deal.Id,
            InvitationId = invitationId,
            OpportunityId = opportunityId,
            Detail = $"Accepted {how}; the deal is opportunity {opportunityId}.",
            OccurredAt = outcomes.Now,
        }, portalId, invitationId, "accepted");

        // The deal's own id, stage and customer reach the opportunity (PartnerOpportunityIdentifier is how AWS's side
        // finds the deal again), on the write queue like any sync.
        var endpoint = await context.GetSendEndpoint(SyncRequests.AddressFor(context));
        await endpoint.Send(new SyncOpportunity
        {
            PortalId = portalId,
            DealId = deal.Id,
            Trigger = SyncTrigger,
            SubscriptionType = OutcomeEventTypes.InvitationAccepted,
            SourceObjectType = "deal",
            SourceObjectId = deal.Id,
        }, outgoing => outgoing.MessageId = InvitationOutcomes.IdOf(portalId, invitationId, "first-sync"), cancellationToken);
        return true;
    }

    // "Contacts when AWS shares them": an accepted referral's opportunity may name the customer's people; each becomes
    // the HubSpot contact with that email (or a new one) on the deal. The deal's contacts then sync back as they are.
    async Task<int> AddContactsAsync(HubSpotDeal deal, OpportunityDocument opportunity, CancellationToken cancellationToken)
    {
        if (opportunity.Raw["Customer"]?["Contacts"] is not System.Text.Json.Nodes.JsonArray { Count: > 0 } shared)
            return 0;
        var added = 0;
        var known = deal.ContactIds.ToHashSet();
        foreach (var contact in shared.Take(MaxContacts))
        {
            if (Customers.Email((string?)contact?["Email"]) is not { } email)
                continue;
            var existing = await crm.FindContactIdByEmailAsync(email, cancellationToken);
            if (existing is { } id)
            {
                if (!known.Contains(id))
                    await crm.AssociateContactWithDealAsync(id, deal.Id, cancellationToken);
            }
            else
            {
                await crm.CreateContactOnDealAsync(deal.Id, new Dictionary<string, string?>
                {
                    [ContactProperties.Email] = email,
                    [ContactProperties.FirstName] = (string?)contact?["FirstName"],
                    [ContactProperties.LastName] = (string?)contact?["LastName"],
                    [ContactProperties.JobTitle] = (string?)contact?["BusinessTitle"],
                    [ContactProperties.Phone] = (string?)contact?["Phone"],
                }, deal.CompanyIds.Count > 0 ? deal.CompanyIds[0] : null, cancellationToken);
            }

            added++;
        }

        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AWS referral {InvitationId} accepted {How}: deal {DealId} is opportunity {OpportunityId}")]
    static partial void LogLinked(ILogger logger, string invitationId, long dealId, string opportunityId, string how);
}
