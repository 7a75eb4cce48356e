using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.WebConsole.ReadModel;

namespace Switchyard.WebConsole.Pages;

/// <summary>Deals and their opportunities from the read model; pending invitations by expiry.</summary>
internal sealed class DealsModel(ConsoleDbContext db, IOptions<ConsoleOptions> options) : ConsolePage
{
    /// <summary>Deals per page.</summary>
    public const int PageSize = 100;

    /// <summary>Pending invitations shown.</summary>
    public const int InvitationCount = 50;

    /// <summary>The outcomes a deal can have last.</summary>
    public static readonly string[] OutcomeTypes =
    [
        OutcomeEventTypes.OpportunityCreated, OutcomeEventTypes.OpportunityUpdated, OutcomeEventTypes.SyncSkipped, OutcomeEventTypes.SyncBlocked,
        OutcomeEventTypes.SyncFailed, OutcomeEventTypes.OpportunitySubmitted, OutcomeEventTypes.OpportunitySubmissionFailed,
        OutcomeEventTypes.OpportunityReviewChanged, OutcomeEventTypes.InvitationReceived, OutcomeEventTypes.InvitationAccepted,
        OutcomeEventTypes.InvitationRejected, OutcomeEventTypes.InvitationExpired,
    ];

    /// <summary>How a last outcome is marked: failures bad, outcomes that need someone's attention a warning.</summary>
    public static string StatusOf(string outcome) => outcome switch
    {
        OutcomeEventTypes.SyncFailed or OutcomeEventTypes.OpportunitySubmissionFailed => "bad",
        OutcomeEventTypes.SyncBlocked or OutcomeEventTypes.InvitationReceived or OutcomeEventTypes.InvitationExpired => "warn",
        _ => "ok",
    };

    /// <summary>How an AWS review status is marked.</summary>
    public static string ReviewStatusOf(string? status) => status switch
    {
        "Approved" => "ok",
        "Rejected" => "bad",
        "Action Required" => "warn",
        _ => "",
    };

    /// <summary>The search text.</summary>
    public string? Query { get; private set; }

    /// <summary>The last-outcome filter.</summary>
    public string? Outcome { get; private set; }

    /// <summary>The page, from 0.</summary>
    public int PageNumber { get; private set; }

    /// <summary>How many deals match.</summary>
    public int Total { get; private set; }

    /// <summary>This page's deals, the latest outcome first.</summary>
    public IReadOnlyList<DealRecord> Deals { get; private set; } = [];

    /// <summary>Deals with a pending invitation, the soonest to expire first.</summary>
    public IReadOnlyList<DealRecord> Invitations { get; private set; } = [];

    /// <summary>How many invitations are pending in all.</summary>
    public int PendingInvitations { get; private set; }

    /// <summary>Where deals and opportunities link to.</summary>
    public ConsoleLinkOptions Links => options.Value.Links;

    /// <summary>The page.</summary>
    public async Task OnGetAsync(string? q, string? outcome, int? page, CancellationToken cancellationToken)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
        PageNumber = Math.Max(0, page ?? 0);

        var deals = db.Deals.AsNoTracking();
        if (Query is { } text)
        {
            deals = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? deals.Where(d => d.DealId == id || d.PortalId == id)
                : deals.Where(d => d.OpportunityId == text || d.InvitationId == text || (d.Title != null && d.Title.Contains(text)));
        }

        if (Outcome is { } last)
            deals = deals.Where(d => d.LastOutcome == last);

        Total = await deals.CountAsync(cancellationToken);
        Deals = await deals.OrderByDescending(d => d.LastOutcomeAt).ThenByDescending(d => d.DealId)
            .Skip(PageNumber * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        // Soonest expiry first; the invitation events do not carry AWS's expiry yet, so those without one follow,
        // oldest first (the page says so).
        Invitations = await db.Deals.AsNoTracking().Where(d => d.InvitationState == InvitationStates.Pending)
            .OrderBy(d => d.InvitationExpiresAt == null).ThenBy(d => d.InvitationExpiresAt).ThenBy(d => d.InvitationReceivedAt).ThenBy(d => d.DealId)
            .Take(InvitationCount).ToListAsync(cancellationToken);
        PendingInvitations = Invitations.Count < InvitationCount
            ? Invitations.Count
            : await db.Deals.CountAsync(d => d.InvitationState == InvitationStates.Pending, cancellationToken);
    }
}
