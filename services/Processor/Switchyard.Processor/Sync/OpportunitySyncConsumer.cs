using System.Net;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.Sync;

/// <summary>
/// Brings one deal's opportunity up to date, reading everything fresh: creates it (idempotently, by a client token
/// derived from the deal) and writes the result back to the deal, or reads the current opportunity, merges the deal
/// into it and sends the whole payload with its <c>LastModifiedDate</c>. Runs on the Partner Central write queue, one
/// message at a time, and makes at most one Partner Central write per message, within the write budget
/// (<see cref="PartnerCentralWrites"/>): a creation's solutions are associated by <see cref="AssociateOpportunitySolution"/>
/// commands of their own, sent once the creation is written back.
/// </summary>
/// <remarks>
/// Safe to run twice for one message: creation is idempotent by client token and skipped once the deal carries the
/// opportunity id; an update that changes nothing writes nothing; a note is written only when the deal's properties
/// do not yet record what it says (a restored name, a review status, a failure), and those properties are written
/// after it. A conflict (the opportunity changed since it was read) is thrown, and the retry reads it again. When the
/// budget does not allow the write, the message is parked, coalesced with later ones for the same deal, and comes back
/// when it does. Errors retrying cannot fix end in a note on the deal, a <c>failed</c> sync status with the reason and
/// a <see cref="SyncFailed"/> outcome (<see cref="DealFailures"/>): Partner Central's refusals, and deals that cannot
/// make a request Partner Central accepts (<see cref="NotSyncableException"/>), which fail before anything is sent.
/// </remarks>
public sealed partial class OpportunitySyncConsumer(
    IHubSpotCrmClient crm,
    IPartnerCentralClient partnerCentral,
    OpportunityMapper mapper,
    IOptions<ProcessorOptions> options,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    PartnerCentralWrites writes,
    DealFailures failures,
    Outcomes outcomes,
    ILogger<OpportunitySyncConsumer> logger) : IConsumer<SyncOpportunity>
{
    const int MaxContacts = 10;
    const string PendingSubmission = "Pending Submission";
    const string Rejected = "Rejected";
    // LifeCycle.ReviewStatus (AWS's model): "Submitted: ... (read-only)", "In Review: Amazon Web Services is validating
    // (read-only)", "Rejected: Disqualified (read-only)". An update would only be refused, and spend the write budget.
    static readonly string[] ReviewStatusesThatBlockUpdates = ["Submitted", "In review", Rejected];

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<SyncOpportunity> context)
    {
        var request = context.Message;
        // Settings first: nothing may fail between a write to Partner Central and its bookkeeping.
        var catalog = partnerCentralOptions.Value.Catalog;
        var solutionIds = options.Value.SolutionIds;
        var deal = await crm.GetDealAsync(request.DealId, context.CancellationToken);
        if (deal is null)
        {
            await SkipAsync(context, SyncSkipReasons.ObjectNotFound, $"Deal {request.DealId} no longer exists in HubSpot.");
            return;
        }

        var opportunityId = deal.Property(DealProperties.OpportunityId);
        try
        {
            if (opportunityId is null)
                await CreateAsync(context, deal, catalog, solutionIds);
            else
                await UpdateAsync(context, deal, opportunityId, catalog, solutionIds);
        }
        catch (PartnerCentralException e) when (e.Kind == PartnerCentralErrorKind.Permanent)
        {
            await FailAsync(context, deal, opportunityId, e.ErrorType, e.Reason);
        }
        catch (NotSyncableException e)
        {
            await FailAsync(context, deal, opportunityId, e.Code, e.Reason);
        }
    }

    async Task CreateAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, string catalog, IReadOnlyList<string> solutionIds)
    {
        var cancellationToken = context.CancellationToken;
        if (!mapper.IsTagged(deal))
        {
            await SkipAsync(context, SyncSkipReasons.NotTagged, $"Deal {deal.Id} is not tagged {mapper.Tag}.");
            return;
        }

        // The one place opportunities are created: an AWS referral's deal gets AWS's opportunity by acceptance
        // (Invitations/), whatever event asked, and an expired or rejected one gets none.
        if (deal.Property(DealProperties.InvitationId) is { } invitationId)
        {
            await SkipAsync(context, SyncSkipReasons.InvitationPending,
                $"Deal {deal.Id} stands for AWS referral {invitationId}, whose opportunity comes from accepting it; none was created.");
            return;
        }

        var (company, contacts) = await ReadCustomerAsync(deal, cancellationToken);
        var create = mapper.MapCreate(deal, company, contacts, ClientTokenFor(context.Message));
        OpportunityMapper.EnsureValid(create, catalog);
        var created = await writes.TryWriteAsync(context, PartnerCentralWrite.Creation(deal.Id), ct => partnerCentral.CreateOpportunityAsync(create, ct));
        if (created is null)
            return;

        var title = create.Project?.Title ?? deal.Property(DealProperties.Name) ?? "";
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
        {
            [DealProperties.OpportunityId] = created.Id,
            [DealProperties.OpportunityTitle] = title,
            [DealProperties.SyncStatus] = SyncStatuses.Synced,
            [DealProperties.ReviewStatus] = PendingSubmission,
            [DealProperties.SyncError] = null,
        }, cancellationToken);

        // Through the outbox, so only once the creation is written back: a retry of the creation returns the same
        // opportunity, and the associations' ids derive from this message's, so a repeat sends the same commands.
        await AssociateAsync(context, created.Id, solutionIds);

        LogCreated(logger, deal.Id, created.Id);
        await Outcomes.PublishAsync(context, new OpportunityCreated
        {
            PortalId = context.Message.PortalId,
            DealId = deal.Id,
            OpportunityId = created.Id,
            Title = title,
            Catalog = catalog,
            OccurredAt = outcomes.Now,
        }, deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task UpdateAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, string opportunityId, string catalog, List<string> solutionIds)
    {
        var request = context.Message;
        var cancellationToken = context.CancellationToken;
        var current = await partnerCentral.GetOpportunityAsync(opportunityId, cancellationToken);

        if (request.Trigger == SyncTriggers.DealRenamed)
        {
            await RestoreTitleAsync(context, deal, current);
            return;
        }

        if (!mapper.IsTagged(deal))
        {
            await SkipAsync(context, SyncSkipReasons.NotTagged, $"Deal {deal.Id} is no longer tagged {mapper.Tag}; its opportunity is left as it is.");
            return;
        }

        if (current.ReviewStatus is { } status && ReviewStatusesThatBlockUpdates.Contains(status, StringComparer.OrdinalIgnoreCase))
        {
            await BlockAsync(context, deal, current, status);
            return;
        }

        // An opportunity with none of the solutions lost its creation's associations (their commands never left):
        // each is a write of its own.
        if (solutionIds.Count > 0 && current.Solutions is { } associated && !solutionIds.Any(associated.Contains))
            await AssociateAsync(context, opportunityId, solutionIds);

        var (company, contacts) = await ReadCustomerAsync(deal, cancellationToken);
        var update = mapper.MapUpdate(current, deal, company, contacts, request.NextSteps);
        // In Action Required only the fields AWS opens are sent; after approval the fields it freezes are not.
        var held = Submission.ReviewGate.Apply(current.ReviewStatus, current.Raw, update);
        await Submission.HeldBackChanges.SayAsync(crm, deal, opportunityId, current.ReviewStatus ?? "", held, cancellationToken);
        var changed = OpportunityMapper.ChangedFields(current.Raw, update);
        if (changed.Count == 0)
        {
            await SkipAsync(context, SyncSkipReasons.NoChanges, $"Opportunity {opportunityId} already matches deal {deal.Id}.");
            return;
        }

        OpportunityMapper.EnsureValid("UpdateOpportunity", update, catalog, current.Raw);
        // A ConflictException (someone changed the opportunity since GetOpportunity) propagates: the retry reads it again.
        if (await writes.TryWriteAsync(context, PartnerCentralWrite.Update(deal.Id), ct => partnerCentral.UpdateOpportunityAsync(update, ct)) is null)
            return;
        // The review status is left to the review sync (ReviewSync), which tells the deal what changed in AWS's review.
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
        {
            [DealProperties.SyncStatus] = SyncStatuses.Synced,
            // The review status is AWS's to report: the review sync writes it with its note, task and outcome.
            [DealProperties.SyncError] = Submission.HeldBackChanges.Describe(current.ReviewStatus, held),
        }, cancellationToken);

        LogUpdated(logger, deal.Id, opportunityId, string.Join(", ", changed));
        await Outcomes.PublishAsync(context, new OpportunityUpdated
        {
            PortalId = request.PortalId,
            DealId = deal.Id,
            OpportunityId = opportunityId,
            SubscriptionType = request.SubscriptionType,
            UpdatedFields = changed,
            OccurredAt = outcomes.Now,
        }, deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task RestoreTitleAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, OpportunityDocument current)
    {
        var name = deal.Property(DealProperties.Name) ?? "";
        var title = current.Title ?? deal.Property(DealProperties.OpportunityTitle) ?? name;
        var restored = DealNames.KeepingTag(title, mapper.Tag);
        if (name != restored)
        {
            // The note first: should the rename then fail, the retry explains twice rather than not at all.
            await crm.CreateNoteOnDealAsync(deal.Id,
                $"<p>Switchyard put this deal's name back to <strong>{WebUtility.HtmlEncode(restored)}</strong>: " +
                $"it is the title of AWS Partner Central opportunity {WebUtility.HtmlEncode(current.Id)}, which cannot change after " +
                $"the opportunity is created. The name <em>{WebUtility.HtmlEncode(name)}</em> was not kept.</p>", context.CancellationToken);
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
            {
                [DealProperties.Name] = restored,
                [DealProperties.OpportunityTitle] = title,
            }, context.CancellationToken);
        }

        await SkipAsync(context, SyncSkipReasons.TitleImmutable,
            $"Partner Central titles cannot change; deal {deal.Id} is named '{restored}' again.", current.Id);
    }

    async Task BlockAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, OpportunityDocument current, string status)
    {
        // Said once per review: a redelivery, or another change during the same review, finds it said in
        // aws_sync_error. Not in aws_review_status: that is the review sync's to write with its note and outcome, which
        // would find nothing changed and say nothing if a blocked change had written it first.
        var said = BlockedDescription(status);
        if (deal.Property(DealProperties.SyncError) != said)
        {
            var why = IsRejected(status)
                ? "AWS rejected it, which makes it read-only: the deal's changes stay in HubSpot."
                : "Partner Central accepts no changes until AWS finishes its review. Change the deal again afterwards to send the update.";
            await crm.CreateNoteOnDealAsync(deal.Id,
                $"<p>Switchyard did not update AWS Partner Central opportunity {WebUtility.HtmlEncode(current.Id)}: it is " +
                $"<strong>{WebUtility.HtmlEncode(status)}</strong>. {WebUtility.HtmlEncode(why)}</p>", context.CancellationToken);
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?> { [DealProperties.SyncError] = said }, context.CancellationToken);
        }

        LogBlocked(logger, deal.Id, current.Id, status);
        await Outcomes.PublishAsync(context, new SyncBlocked
        {
            PortalId = context.Message.PortalId,
            DealId = deal.Id,
            OpportunityId = current.Id,
            ReviewStatus = status,
            Detail = IsRejected(status)
                ? $"Opportunity {current.Id} is {status}; Partner Central accepts no updates to a rejected opportunity."
                : $"Opportunity {current.Id} is {status}; Partner Central accepts no updates during review.",
            OccurredAt = outcomes.Now,
        }, deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>What <c>aws_sync_error</c> says while changes wait for the end of AWS's review.</summary>
    static string BlockedDescription(string reviewStatus) => IsRejected(reviewStatus)
        ? $"Not sent: the opportunity is {reviewStatus}, which makes it read-only in Partner Central"
        : $"Not sent while {reviewStatus}: Partner Central accepts no changes until AWS finishes its review; change the deal again afterwards";

    static bool IsRejected(string reviewStatus) => string.Equals(reviewStatus, Rejected, StringComparison.OrdinalIgnoreCase);

    Task FailAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, string? opportunityId, string errorType, string reason) =>
        failures.FailAsync(context, context.Message.PortalId, context.Message.SubscriptionType, deal, opportunityId, errorType, reason);

    Task SkipAsync(ConsumeContext<SyncOpportunity> context, string reason, string detail, string? qualifier = null) =>
        outcomes.DealSkippedAsync(context, context.Message.PortalId, context.Message.DealId, context.Message.SubscriptionType, reason,
            detail, $"{context.Message.DealId}/{reason}/{qualifier}");

    static async Task AssociateAsync(ConsumeContext<SyncOpportunity> context, string opportunityId, IEnumerable<string> solutionIds)
    {
        var endpoint = await context.GetSendEndpoint(SyncRequests.AddressFor(context));
        foreach (var solutionId in solutionIds)
        {
            await endpoint.Send(new AssociateOpportunitySolution
            {
                PortalId = context.Message.PortalId,
                DealId = context.Message.DealId,
                OpportunityId = opportunityId,
                SolutionId = solutionId,
                SubscriptionType = context.Message.SubscriptionType,
            }, outgoing => outgoing.DeriveFrom(context, $"associate/{opportunityId}/{solutionId}"), context.CancellationToken);
        }
    }

    async Task<(HubSpotCompany? Company, IReadOnlyList<HubSpotContact> Contacts)> ReadCustomerAsync(HubSpotDeal deal, CancellationToken cancellationToken)
    {
        var company = deal.CompanyIds.Count > 0 ? await crm.GetCompanyAsync(deal.CompanyIds[0], cancellationToken) : null;
        var contacts = deal.ContactIds.Count > 0
            ? await crm.GetContactsAsync(deal.ContactIds.Take(MaxContacts).ToList(), cancellationToken)
            : [];
        return (company, contacts);
    }

    /// <summary>The same for every sync of one deal in one portal, so a repeated creation returns the first opportunity.</summary>
    static string ClientTokenFor(SyncOpportunity request) =>
        $"hubspot-{request.PortalId}-deal-{request.DealId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} became opportunity {OpportunityId}")]
    static partial void LogCreated(ILogger logger, long dealId, string opportunityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} updated opportunity {OpportunityId}: {Fields}")]
    static partial void LogUpdated(ILogger logger, long dealId, string opportunityId, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: opportunity {OpportunityId} is {ReviewStatus}; update blocked")]
    static partial void LogBlocked(ILogger logger, long dealId, string opportunityId, string reviewStatus);
}
