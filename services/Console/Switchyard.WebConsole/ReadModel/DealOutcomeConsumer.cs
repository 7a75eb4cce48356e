using MassTransit;
using Microsoft.EntityFrameworkCore;
using Switchyard.Contracts.Processing;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>
/// Builds "Deals and opportunities" from the processor's outcome events: each event updates the deal it is about and
/// counts in the minute's activity. One message at a time (see the definition), so two events of one deal never race.
/// </summary>
/// <remarks>
/// Co-selling's events set their part of the deal: the submission (<c>opportunity.submitted</c>,
/// <c>opportunity.submission_failed</c>), AWS's review (<c>opportunity.review_changed</c>, and the status a
/// <c>sync.blocked</c> reports) and the invitation (<c>invitation.received</c>, <c>.accepted</c>, <c>.rejected</c>,
/// <c>.expired</c>), each only when it is newer than what the deal shows (see <see cref="DealRecord"/>).
/// </remarks>
public sealed class DealOutcomeConsumer(ConsoleDbContext db) :
    IConsumer<OpportunityCreated>,
    IConsumer<OpportunityUpdated>,
    IConsumer<SyncSkipped>,
    IConsumer<SyncBlocked>,
    IConsumer<SyncFailed>,
    IConsumer<OpportunitySubmitted>,
    IConsumer<OpportunitySubmissionFailed>,
    IConsumer<OpportunityReviewChanged>,
    IConsumer<InvitationReceived>,
    IConsumer<InvitationAccepted>,
    IConsumer<InvitationRejected>,
    IConsumer<InvitationExpired>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunityCreated> context)
    {
        var e = context.Message;
        return ApplyAsync(e.PortalId, e.DealId, OutcomeEventTypes.OpportunityCreated, null, $"Opportunity {e.OpportunityId} created in {e.Catalog}.",
            e.OccurredAt, deal =>
            {
                deal.OpportunityId = e.OpportunityId;
                deal.Title = e.Title;
                deal.Catalog = e.Catalog;
            }, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunityUpdated> context)
    {
        var e = context.Message;
        var fields = e.UpdatedFields.Count == 0 ? "no field changed" : string.Join(", ", e.UpdatedFields);
        return ApplyAsync(e.PortalId, e.DealId, OutcomeEventTypes.OpportunityUpdated, e.SubscriptionType, $"Updated: {fields}.", e.OccurredAt,
            deal => deal.OpportunityId ??= e.OpportunityId, context.CancellationToken);
    }

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<SyncSkipped> context)
    {
        var e = context.Message;
        // Skips of contacts, companies and notes say nothing about a deal: counted, not listed.
        if (e.ObjectType == "deal")
            await ApplyAsync(e.PortalId, e.ObjectId, OutcomeEventTypes.SyncSkipped, e.Reason, e.Detail, e.OccurredAt, null, context.CancellationToken);
        else
            await CountOnlyAsync(e.OccurredAt, failed: false, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<SyncBlocked> context)
    {
        var e = context.Message;
        return ApplyAsync(e.PortalId, e.DealId, OutcomeEventTypes.SyncBlocked, e.ReviewStatus, e.Detail, e.OccurredAt, deal =>
        {
            deal.OpportunityId ??= e.OpportunityId;
            deal.ReportReview(e.ReviewStatus, e.OccurredAt);
        }, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunitySubmitted> context)
    {
        var e = context.Message;
        var visibility = e.Visibility is null ? "" : $", {e.Visibility} visibility";
        return ApplyAsync(e.PortalId, e.DealId, OutcomeEventTypes.OpportunitySubmitted, e.InvolvementType,
            $"Opportunity {e.OpportunityId} submitted to AWS ({e.InvolvementType}{visibility}); AWS reviews it now.", e.OccurredAt, deal =>
            {
                deal.OpportunityId ??= e.OpportunityId;
                deal.ReportSubmission(SubmissionStates.Submitted, e.OccurredAt, involvementType: e.InvolvementType);
            }, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunitySubmissionFailed> context)
    {
        var e = context.Message;
        return ApplyAsync(e.PortalId, e.DealId, OutcomeEventTypes.OpportunitySubmissionFailed, e.Reason, e.Detail, e.OccurredAt, deal =>
        {
            deal.OpportunityId ??= e.OpportunityId;
            deal.ReportSubmission(SubmissionStates.Failed, e.OccurredAt, reason: e.Reason);
        }, context.CancellationToken, failed: true);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<OpportunityReviewChanged> context)
    {
        var e = context.Message;
        var detail = $"AWS review: {e.OldStatus ?? "none"} → {e.NewStatus}" + (e.Comments is null ? "." : $": {e.Comments}");
        return ApplyAsync(e.PortalId, e.DealId, OutcomeEventTypes.OpportunityReviewChanged, e.StatusReason, detail, e.OccurredAt, deal =>
        {
            deal.OpportunityId ??= e.OpportunityId;
            deal.ReportReview(e.NewStatus, e.OccurredAt, e.OldStatus, e.Comments, e.StatusReason);
        }, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationReceived> context)
    {
        var e = context.Message;
        return InvitationAsync(e.PortalId, e.DealId, e.InvitationId, e.OpportunityId, InvitationStates.Pending, OutcomeEventTypes.InvitationReceived,
            e.Detail ?? $"AWS invited you to an engagement (invitation {e.InvitationId}).", e.OccurredAt, context.CancellationToken,
            deal => deal.InvitationExpiresAt = e.ExpiresAt?.UtcDateTime ?? deal.InvitationExpiresAt);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationAccepted> context)
    {
        var e = context.Message;
        return InvitationAsync(e.PortalId, e.DealId, e.InvitationId, e.OpportunityId, InvitationStates.Accepted, OutcomeEventTypes.InvitationAccepted,
            e.Detail ?? $"Invitation {e.InvitationId} accepted.", e.OccurredAt, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationRejected> context)
    {
        var e = context.Message;
        return InvitationAsync(e.PortalId, e.DealId, e.InvitationId, e.OpportunityId, InvitationStates.Rejected, OutcomeEventTypes.InvitationRejected,
            e.Detail ?? $"Invitation {e.InvitationId} rejected.", e.OccurredAt, context.CancellationToken);
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<InvitationExpired> context)
    {
        var e = context.Message;
        return InvitationAsync(e.PortalId, e.DealId, e.InvitationId, e.OpportunityId, InvitationStates.Expired, OutcomeEventTypes.InvitationExpired,
            e.Detail ?? $"Invitation {e.InvitationId} expired before anyone accepted or rejected it.", e.OccurredAt, context.CancellationToken);
    }

    Task InvitationAsync(long portalId, long dealId, string invitationId, string? opportunityId, string state, string outcome, string detail,
        DateTimeOffset at, CancellationToken cancellationToken, Action<DealRecord>? also = null) =>
        ApplyAsync(portalId, dealId, outcome, state, detail, at, deal =>
        {
            deal.OpportunityId ??= opportunityId;
            deal.ReportInvitation(invitationId, state, at);
            also?.Invoke(deal);
        }, cancellationToken);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<SyncFailed> context)
    {
        var e = context.Message;
        var dealId = e.DealId ?? (e.ObjectType == "deal" ? e.ObjectId : null);
        if (dealId is { } id)
            await ApplyAsync(e.PortalId, id, OutcomeEventTypes.SyncFailed, e.Reason, e.Detail, e.OccurredAt,
                deal => deal.OpportunityId ??= e.OpportunityId, context.CancellationToken, failed: true);
        else
            await CountOnlyAsync(e.OccurredAt, failed: true, context.CancellationToken);
    }

    async Task ApplyAsync(long portalId, long dealId, string outcome, string? reason, string? detail, DateTimeOffset at,
        Action<DealRecord>? change, CancellationToken cancellationToken, bool failed = false)
    {
        var deal = await FindAsync(portalId, dealId, cancellationToken);
        if (deal is null)
        {
            deal = new DealRecord { PortalId = portalId, DealId = dealId, LastOutcome = outcome };
            db.Deals.Add(deal);
        }

        change?.Invoke(deal);
        deal.Record(outcome, reason, detail, at);
        await ActivityCounter.CountAsync(db, ActivityKinds.Processed, at, cancellationToken);
        if (failed)
            await ActivityCounter.CountAsync(db, ActivityKinds.Failed, at, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The deal, by its portal and id. Events no webhook caused (AWS's review, invitations) carry the processor's
    /// <c>HubSpot:PortalId</c>, 0 when it is not set: those go to the deal with that id in the one portal that has it.
    /// </summary>
    async Task<DealRecord?> FindAsync(long portalId, long dealId, CancellationToken cancellationToken)
    {
        if (portalId != 0)
            return await db.Deals.FindAsync([portalId, dealId], cancellationToken);
        var known = await db.Deals.Where(d => d.DealId == dealId && d.PortalId != 0).Take(2).ToListAsync(cancellationToken);
        return known.Count == 1 ? known[0] : await db.Deals.FindAsync([0L, dealId], cancellationToken);
    }

    async Task CountOnlyAsync(DateTimeOffset at, bool failed, CancellationToken cancellationToken)
    {
        await ActivityCounter.CountAsync(db, ActivityKinds.Processed, at, cancellationToken);
        if (failed)
            await ActivityCounter.CountAsync(db, ActivityKinds.Failed, at, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
