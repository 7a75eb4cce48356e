using MassTransit;
using Switchyard.Contracts.Processing;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>
/// Builds "Deals and opportunities" from the processor's outcome events: each event updates the deal it is about and
/// counts in the minute's activity. One message at a time (see the definition), so two events of one deal never race.
/// </summary>
/// <remarks>
/// Issue 14 and 15's events (opportunity.submitted, opportunity.review_changed, opportunity.submission_failed,
/// invitation.received/accepted/rejected/expired) each become one more <c>IConsumer</c> method here that sets its
/// columns of <see cref="DealRecord"/> through <see cref="ApplyAsync"/>.
/// </remarks>
public sealed class DealOutcomeConsumer(ConsoleDbContext db) :
    IConsumer<OpportunityCreated>,
    IConsumer<OpportunityUpdated>,
    IConsumer<SyncSkipped>,
    IConsumer<SyncBlocked>,
    IConsumer<SyncFailed>
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
            deal.ReviewStatus = e.ReviewStatus;
        }, context.CancellationToken);
    }

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
        var deal = await db.Deals.FindAsync([portalId, dealId], cancellationToken);
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

    async Task CountOnlyAsync(DateTimeOffset at, bool failed, CancellationToken cancellationToken)
    {
        await ActivityCounter.CountAsync(db, ActivityKinds.Processed, at, cancellationToken);
        if (failed)
            await ActivityCounter.CountAsync(db, ActivityKinds.Failed, at, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
