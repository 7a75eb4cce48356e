using System.Net;
using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Sync;

/// <summary>
/// A sync that retrying cannot fix, said on the deal and to subscribers: a note, a <c>failed</c> sync status with the
/// reason, and a <see cref="SyncFailed"/> outcome. Said once per failure: a redelivery finds the deal failed for the
/// same reason and writes nothing to HubSpot again, while a new reason is news.
/// </summary>
public sealed partial class DealFailures(IHubSpotCrmClient crm, Outcomes outcomes, ILogger<DealFailures> logger)
{
    // Well within a HubSpot single-line text property, and short enough to read in a deal's sidebar.
    const int MaxSyncErrorLength = 500;

    /// <summary>Reports that <paramref name="deal"/> could not be synced: <paramref name="errorType"/> (Partner Central's, or the processor's own) and why.</summary>
    public async Task FailAsync(ConsumeContext context, long portalId, string subscriptionType, HubSpotDeal deal, string? opportunityId, string errorType, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deal);
        var failure = Truncate($"{errorType}: {reason}", MaxSyncErrorLength);
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
        await outcomes.DealFailedAsync(context, portalId, deal.Id, subscriptionType, opportunityId, errorType, reason,
            deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId} could not be synced: {ErrorType}: {Reason}")]
    static partial void LogFailed(ILogger logger, long dealId, string errorType, string reason);
}
