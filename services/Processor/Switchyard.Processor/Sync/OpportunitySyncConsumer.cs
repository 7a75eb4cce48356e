using System.Net;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Sync;

/// <summary>
/// Brings one deal's opportunity up to date, reading everything fresh: creates it (idempotently, by a client token
/// derived from the deal) and writes the result back to the deal, or reads the current opportunity, merges the deal
/// into it and sends the whole payload with its <c>LastModifiedDate</c>. Runs on a queue of its own, one message at a
/// time and rate-limited, because Partner Central allows one write per second.
/// </summary>
/// <remarks>
/// Safe to run twice for one message: creation is idempotent by client token and skipped once the deal carries the
/// opportunity id; an update that changes nothing writes nothing; a note is written only when the deal's properties
/// do not yet record what it says (a restored name, a review status, a failure), and those properties are written
/// after it. A conflict (the opportunity changed since it was read) is thrown, and the retry reads it again. Errors
/// retrying cannot fix end in a note on the deal, a <c>failed</c> sync status with the reason and a
/// <see cref="SyncFailed"/> outcome: Partner Central's refusals, and deals that cannot make a request Partner Central
/// accepts (<see cref="NotSyncableException"/>), which fail before anything is sent.
/// </remarks>
public sealed partial class OpportunitySyncConsumer(
    IHubSpotCrmClient crm,
    IPartnerCentralClient partnerCentral,
    OpportunityMapper mapper,
    IOptions<ProcessorOptions> options,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    Outcomes outcomes,
    ILogger<OpportunitySyncConsumer> logger) : IConsumer<SyncOpportunity>
{
    const int MaxContacts = 10;
    const string PendingSubmission = "Pending Submission";
    // Well within a HubSpot single-line text property, and short enough to read in a deal's sidebar.
    const int MaxSyncErrorLength = 500;
    static readonly string[] ReviewStatusesThatBlockUpdates = ["Submitted", "In review"];

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
                await UpdateAsync(context, deal, opportunityId, catalog);
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

        var (company, contacts) = await ReadCustomerAsync(deal, cancellationToken);
        var create = mapper.MapCreate(deal, company, contacts, ClientTokenFor(context.Message));
        OpportunityMapper.EnsureValid(create, catalog);
        var created = await partnerCentral.CreateOpportunityAsync(create, cancellationToken);

        // Associated before the write-back: a failure after it would otherwise leave the association out for good,
        // since a retry would then find the deal synced. A retry of the creation returns the same opportunity.
        foreach (var solutionId in solutionIds)
            await AssociateSolutionAsync(created.Id, solutionId, cancellationToken);

        var title = create.Project?.Title ?? deal.Property(DealProperties.Name) ?? "";
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
        {
            [DealProperties.OpportunityId] = created.Id,
            [DealProperties.OpportunityTitle] = title,
            [DealProperties.SyncStatus] = SyncStatuses.Synced,
            [DealProperties.ReviewStatus] = PendingSubmission,
            [DealProperties.SyncError] = null,
        }, cancellationToken);

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

    async Task UpdateAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, string opportunityId, string catalog)
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

        var (company, contacts) = await ReadCustomerAsync(deal, cancellationToken);
        var update = mapper.MapUpdate(current, deal, company, contacts, request.NextSteps);
        var changed = OpportunityMapper.ChangedFields(current.Raw, update);
        if (changed.Count == 0)
        {
            await SkipAsync(context, SyncSkipReasons.NoChanges, $"Opportunity {opportunityId} already matches deal {deal.Id}.");
            return;
        }

        OpportunityMapper.EnsureValid("UpdateOpportunity", update, catalog, current.Raw);
        // A ConflictException (someone changed the opportunity since GetOpportunity) propagates: the retry reads it again.
        await partnerCentral.UpdateOpportunityAsync(update, cancellationToken);
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
        {
            [DealProperties.SyncStatus] = SyncStatuses.Synced,
            [DealProperties.ReviewStatus] = current.ReviewStatus,
            [DealProperties.SyncError] = null,
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
        // Said once per review: a redelivery, or another change during the same review, finds the status recorded.
        if (!string.Equals(deal.Property(DealProperties.ReviewStatus), status, StringComparison.OrdinalIgnoreCase))
        {
            await crm.CreateNoteOnDealAsync(deal.Id,
                $"<p>Switchyard did not update AWS Partner Central opportunity {WebUtility.HtmlEncode(current.Id)}: it is " +
                $"<strong>{WebUtility.HtmlEncode(status)}</strong>, and Partner Central accepts no changes until AWS finishes " +
                "its review. Change the deal again afterwards to send the update.</p>", context.CancellationToken);
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?> { [DealProperties.ReviewStatus] = status }, context.CancellationToken);
        }

        LogBlocked(logger, deal.Id, current.Id, status);
        await Outcomes.PublishAsync(context, new SyncBlocked
        {
            PortalId = context.Message.PortalId,
            DealId = deal.Id,
            OpportunityId = current.Id,
            ReviewStatus = status,
            Detail = $"Opportunity {current.Id} is {status}; Partner Central accepts no updates during review.",
            OccurredAt = outcomes.Now,
        }, deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task FailAsync(ConsumeContext<SyncOpportunity> context, HubSpotDeal deal, string? opportunityId, string errorType, string reason)
    {
        var failure = Truncate($"{errorType}: {reason}", MaxSyncErrorLength);
        // Said once per failure: a redelivery finds the deal failed for the same reason, while a new reason is news.
        if (deal.Property(DealProperties.SyncStatus) != SyncStatuses.Failed || deal.Property(DealProperties.SyncError) != failure)
        {
            await crm.CreateNoteOnDealAsync(deal.Id,
                $"<p>Switchyard could not sync this deal to AWS Partner Central: {WebUtility.HtmlEncode(reason)} " +
                $"({WebUtility.HtmlEncode(errorType)}). Correct the deal, its company or contact in HubSpot to try again.</p>", context.CancellationToken);
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
            {
                [DealProperties.SyncStatus] = SyncStatuses.Failed,
                [DealProperties.SyncError] = failure,
            }, context.CancellationToken);
        }

        LogFailed(logger, deal.Id, errorType, reason);
        await Outcomes.PublishAsync(context, new SyncFailed
        {
            PortalId = context.Message.PortalId,
            ObjectType = "deal",
            ObjectId = deal.Id,
            SubscriptionType = context.Message.SubscriptionType,
            DealId = deal.Id,
            OpportunityId = opportunityId,
            Reason = errorType,
            Detail = reason,
            OccurredAt = outcomes.Now,
        }, deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    Task SkipAsync(ConsumeContext<SyncOpportunity> context, string reason, string detail, string? qualifier = null) =>
        outcomes.SkippedAsync(context, new SyncSkipped
        {
            PortalId = context.Message.PortalId,
            ObjectType = "deal",
            ObjectId = context.Message.DealId,
            SubscriptionType = context.Message.SubscriptionType,
            Reason = reason,
            Detail = detail,
            OccurredAt = outcomes.Now,
        }, $"{context.Message.DealId}/{reason}/{qualifier}");

    async Task AssociateSolutionAsync(string opportunityId, string solutionId, CancellationToken cancellationToken)
    {
        try
        {
            await partnerCentral.AssociateOpportunityAsync(opportunityId, "Solutions", solutionId, cancellationToken);
        }
        catch (PartnerCentralException e) when (e.Kind == PartnerCentralErrorKind.Conflict)
        {
            // A redelivery after the association succeeded: it is already there.
            LogAlreadyAssociated(logger, opportunityId, solutionId);
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

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The same for every sync of one deal in one portal, so a repeated creation returns the first opportunity.</summary>
    static string ClientTokenFor(SyncOpportunity request) =>
        $"hubspot-{request.PortalId}-deal-{request.DealId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} became opportunity {OpportunityId}")]
    static partial void LogCreated(ILogger logger, long dealId, string opportunityId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId} updated opportunity {OpportunityId}: {Fields}")]
    static partial void LogUpdated(ILogger logger, long dealId, string opportunityId, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: opportunity {OpportunityId} is {ReviewStatus}; update blocked")]
    static partial void LogBlocked(ILogger logger, long dealId, string opportunityId, string reviewStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} could not be synced: {ErrorType}: {Reason}")]
    static partial void LogFailed(ILogger logger, long dealId, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} is already associated with solution {SolutionId}")]
    static partial void LogAlreadyAssociated(ILogger logger, string opportunityId, string solutionId);
}
