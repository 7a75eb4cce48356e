using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using static Switchyard.Processor.Invitations.InvitationMapping;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// An answer to a referral that did not go through, said on the deal and to subscribers: a note with what to do or
/// AWS's message, <c>aws_sync_error</c>, the referral's status as AWS has it, and a <see cref="SyncFailed"/> outcome.
/// The deal is written once per distinct reason: a redelivery finds it said already.
/// </summary>
public sealed partial class InvitationFailures(IHubSpotCrmClient crm, Outcomes outcomes, ILogger<InvitationFailures> logger)
{
    // As DealFailures: short enough to read in a deal's sidebar.
    const int MaxLength = 500;

    /// <summary>The <see cref="SyncFailed.SubscriptionType"/> of a failed answer.</summary>
    public const string Answer = "invitation.answer";

    /// <summary>
    /// Reports that the answer to the referral of <paramref name="deal"/> failed: <paramref name="reason"/> (a code, e.g.
    /// AWS's error type), <paramref name="detail"/> (a sentence, e.g. AWS's message); the deal's status becomes
    /// <paramref name="status"/> (what AWS says of the referral now) when given.
    /// </summary>
    public async Task FailAsync(ConsumeContext context, long portalId, HubSpotDeal deal, string reason, string detail, string? status)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deal);
        var error = Truncate($"{reason}: {detail}");
        var properties = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (deal.Property(DealProperties.SyncError) != error)
        {
            await crm.CreateNoteOnDealAsync(deal.Id, $"<p>{E(detail)} ({E(reason)})</p>", context.CancellationToken);
            properties[DealProperties.SyncError] = error;
        }

        if (status is not null && deal.Property(DealProperties.InvitationStatus) != status)
            properties[DealProperties.InvitationStatus] = status;
        if (properties.Count > 0)
            await crm.UpdateDealAsync(deal.Id, properties, context.CancellationToken);

        LogFailed(logger, deal.Id, deal.Property(DealProperties.InvitationId), reason, detail);
        await outcomes.DealFailedAsync(context, portalId, deal.Id, Answer, opportunityId: null, reason, detail, $"{deal.Id}/answer/{reason}");
    }

    static string Truncate(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId}: the answer to AWS referral {InvitationId} failed: {Reason}: {Detail}")]
    static partial void LogFailed(ILogger logger, long dealId, string? invitationId, string reason, string detail);
}
