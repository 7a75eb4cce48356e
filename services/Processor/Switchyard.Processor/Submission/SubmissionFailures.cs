using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Submission;

/// <summary>
/// A submission that failed, said on the deal and to subscribers: a note saying what to do, <c>aws_submission_status</c>
/// <c>Failed: reason</c>, <c>aws_sync_error</c>, and an <see cref="OpportunitySubmissionFailed"/> outcome. The deal is
/// written once per distinct reason: a redelivery finds it said already.
/// </summary>
public sealed partial class SubmissionFailures(IHubSpotCrmClient crm, Outcomes outcomes, ILogger<SubmissionFailures> logger)
{
    // As DealFailures: short enough to read in a deal's sidebar.
    const int MaxLength = 500;

    /// <summary>Reports that the opportunity of <paramref name="deal"/> was not submitted: <paramref name="reason"/> (a code) and <paramref name="detail"/> (a sentence).</summary>
    public async Task FailAsync(ConsumeContext context, long portalId, HubSpotDeal deal, string? opportunityId, string reason, string detail, string noteHtml)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deal);
        var status = Truncate(SubmissionValues.Failed($"{reason}: {detail}"));
        if (deal.Property(DealProperties.SubmissionStatus) != status)
        {
            await crm.CreateNoteOnDealAsync(deal.Id, noteHtml, context.CancellationToken);
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
            {
                [DealProperties.SubmissionStatus] = status,
                [DealProperties.SyncError] = Truncate($"{reason}: {detail}"),
            }, context.CancellationToken);
        }

        LogFailed(logger, deal.Id, opportunityId, reason, detail);
        await Outcomes.PublishAsync(context, new OpportunitySubmissionFailed
        {
            PortalId = portalId,
            DealId = deal.Id,
            OpportunityId = opportunityId,
            Reason = reason,
            Detail = detail,
            OccurredAt = outcomes.Now,
        }, deal.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A note's HTML for a sentence of plain text.</summary>
    public static string Note(string text) => $"<p>{WebUtility.HtmlEncode(text)}</p>";

    static string Truncate(string text) => text.Length <= MaxLength ? text : text[..(MaxLength - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deal {DealId}: opportunity {OpportunityId} was not submitted to AWS: {Reason}: {Detail}")]
    static partial void LogFailed(ILogger logger, long dealId, string? opportunityId, string reason, string detail);
}
