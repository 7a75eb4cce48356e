using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.ReviewSync;

/// <summary>
/// Brings what AWS says of an opportunity back to its deal: reads the opportunity (GetOpportunity) and AWS's own
/// (GetAwsOpportunitySummary), and writes the review status, comments and reason, AWS's stage, engagement score, seller
/// and next best actions to the deal's <c>aws_*</c> properties, only those that changed, with
/// <c>aws_last_synced_at</c>. A changed review status is also a note on the deal (with AWS's comments for Action
/// Required and Rejected), a task for the deal's owner for Action Required, and an <see cref="OpportunityReviewChanged"/>.
/// Reads only from Partner Central: nothing here writes to it.
/// </summary>
/// <remarks>
/// Safe to run twice and in any order: it reads the current state each time, and once the deal says what AWS says
/// there is nothing to write, no note and no task (the note and task are written before the properties, so a failure
/// between them explains twice rather than not at all). The deal is the one the opportunity was created from
/// (<c>PartnerOpportunityIdentifier</c> is the deal id) when that deal's <c>aws_opportunity_id</c> confirms it, else
/// the deal whose <c>aws_opportunity_id</c> is the opportunity's (CRM search); an opportunity linked to no deal is left
/// alone.
/// </remarks>
public sealed partial class OpportunityReviewSyncConsumer(
    IHubSpotCrmClient crm,
    IPartnerCentralClient partnerCentral,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    IOptions<HubSpotCrmOptions> hubSpotOptions,
    Outcomes outcomes,
    ILogger<OpportunityReviewSyncConsumer> logger) : IConsumer<PartnerCentralOpportunityChanged>
{
    // LifeCycle.ReviewStatus of a partner referral not yet submitted.
    const string PendingSubmission = "Pending Submission";

    /// <summary>The submission status the submission sets while AWS has not yet got the opportunity.</summary>
    public const string SubmissionInProgress = "In progress";

    /// <summary>The submission status once AWS has it.</summary>
    public const string SubmissionSubmitted = "Submitted";

    // The model's ReviewStatus values that mean AWS has the opportunity.
    static readonly string[] SubmittedOrBeyond = ["Submitted", "In review", ReviewNotes.Approved, ReviewNotes.Rejected, ReviewNotes.ActionRequired];

    // Soon enough to act before AWS's reviewer moves on, late enough to plan.
    static readonly TimeSpan TaskDue = TimeSpan.FromDays(1);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<PartnerCentralOpportunityChanged> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        if (!string.Equals(message.Catalog, partnerCentralOptions.Value.Catalog, StringComparison.Ordinal))
        {
            LogOtherCatalog(logger, message.OpportunityId, message.Catalog);
            return;
        }

        OpportunityDocument opportunity;
        try
        {
            opportunity = await partnerCentral.GetOpportunityAsync(message.OpportunityId, cancellationToken);
        }
        catch (PartnerCentralException e) when (e.ErrorType == "ResourceNotFoundException")
        {
            LogNotFound(logger, message.OpportunityId);
            return;
        }

        var deal = await FindDealAsync(opportunity, cancellationToken);
        if (deal is null)
        {
            LogUnlinked(logger, opportunity.Id);
            return;
        }

        // AWS has no opportunity of its own before the partner's is submitted (GetAwsOpportunitySummary answers
        // ResourceNotFoundException, which the client logs as a failure): nothing to read yet. AWS's referrals have no
        // review status ("only applicable for partner referrals") and do have a summary.
        var summary = opportunity.ReviewStatus == PendingSubmission ? null
            : await partnerCentral.GetAwsOpportunitySummaryAsync(opportunity.Id, cancellationToken);
        var wanted = AwsSideProperties.From(opportunity.Raw, summary);
        var changes = new Dictionary<string, string?>(AwsSideProperties.Changes(deal, wanted), StringComparer.Ordinal);
        var oldStatus = deal.Property(DealProperties.ReviewStatus);
        var newStatus = wanted[DealProperties.ReviewStatus];
        var reviewChanged = newStatus is not null && changes.ContainsKey(DealProperties.ReviewStatus);
        if (reviewChanged && SubmittedOrBeyond.Contains(newStatus) && deal.Property(DealProperties.SubmissionStatus) == SubmissionInProgress)
            changes[DealProperties.SubmissionStatus] = SubmissionSubmitted;
        if (changes.Count == 0)
        {
            LogUnchanged(logger, deal.Id, opportunity.Id);
            return;
        }

        var comments = wanted[DealProperties.ReviewComments];
        var reason = wanted[DealProperties.ReviewStatusReason];
        if (reviewChanged)
        {
            await crm.CreateNoteOnDealAsync(deal.Id, ReviewNotes.Note(opportunity.Id, oldStatus, newStatus!, comments, reason), cancellationToken);
            if (newStatus == ReviewNotes.ActionRequired)
            {
                await crm.CreateTaskOnDealAsync(deal.Id, deal.Property(DealProperties.OwnerId), ReviewNotes.TaskSubject(opportunity.Id),
                    ReviewNotes.TaskBody(opportunity.Id, comments, reason), outcomes.Now + TaskDue, cancellationToken);
            }
        }

        changes[DealProperties.LastSyncedAt] = IsoTimes.Format(outcomes.Now);
        await crm.UpdateDealAsync(deal.Id, changes, cancellationToken);
        LogWritten(logger, deal.Id, opportunity.Id, string.Join(", ", changes.Keys.Order(StringComparer.Ordinal)));

        if (reviewChanged)
        {
            await Outcomes.PublishAsync(context, new OpportunityReviewChanged
            {
                PortalId = hubSpotOptions.Value.PortalId,
                DealId = deal.Id,
                OpportunityId = opportunity.Id,
                OldStatus = oldStatus,
                NewStatus = newStatus!,
                Comments = comments,
                StatusReason = reason,
                OccurredAt = outcomes.Now,
            }, $"{opportunity.Id}/{newStatus}");
        }
    }

    async Task<HubSpotDeal?> FindDealAsync(OpportunityDocument opportunity, CancellationToken cancellationToken)
    {
        // The mapper sends the deal id as PartnerOpportunityIdentifier; the deal confirms it by naming the opportunity.
        if (long.TryParse((string?)opportunity.Raw["PartnerOpportunityIdentifier"], NumberStyles.None, CultureInfo.InvariantCulture, out var dealId)
            && await crm.GetDealAsync(dealId, cancellationToken) is { } deal
            && deal.Property(DealProperties.OpportunityId) == opportunity.Id)
            return deal;

        foreach (var candidate in await crm.FindDealIdsAsync(DealProperties.OpportunityId, opportunity.Id, cancellationToken))
        {
            if (await crm.GetDealAsync(candidate, cancellationToken) is { } found && found.Property(DealProperties.OpportunityId) == opportunity.Id)
                return found;
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} is in catalog {Catalog}, not the one Switchyard uses; left alone")]
    static partial void LogOtherCatalog(ILogger logger, string opportunityId, string catalog);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} does not exist in Partner Central; nothing to bring back")]
    static partial void LogNotFound(ILogger logger, string opportunityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Opportunity {OpportunityId} is linked to no HubSpot deal; left alone")]
    static partial void LogUnlinked(ILogger logger, string opportunityId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deal {DealId} already says what AWS says of opportunity {OpportunityId}")]
    static partial void LogUnchanged(ILogger logger, long dealId, string opportunityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} now says what AWS says of opportunity {OpportunityId}: {Properties}")]
    static partial void LogWritten(ILogger logger, long dealId, string opportunityId, string properties);
}
