using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Follows a submission task (<c>ListEngagementFromOpportunityTasks</c>, a read, not a budgeted write): while AWS works
/// on it, schedules the next check (<see cref="EngagementTasks.CheckLaterAsync{T}"/>: never a wait in the consumer, and no
/// exception: a task in progress is expected, so it is one Debug line, not a retry's warning); <c>COMPLETE</c> writes <c>Submitted</c> and the review status on the deal and publishes
/// <see cref="OpportunitySubmitted"/>; <c>FAILED</c> writes <c>Failed: reason</c> and a note with AWS's message and
/// publishes <see cref="OpportunitySubmissionFailed"/>.
/// </summary>
public sealed partial class FollowSubmissionTaskConsumer(
    IHubSpotCrmClient crm,
    IPartnerCentralSellingApi api,
    IPartnerCentralClient partnerCentral,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    SubmissionFailures failures,
    Outcomes outcomes,
    ILogger<FollowSubmissionTaskConsumer> logger) : IConsumer<FollowSubmissionTask>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<FollowSubmissionTask> context)
    {
        var request = context.Message;
        var list = await api.ListEngagementFromOpportunityTasksAsync(
            new ListEngagementFromOpportunityTasksRequest(partnerCentralOptions.Value.Catalog, [request.TaskId]), context.CancellationToken);
        var task = list?.TaskSummaries?.FirstOrDefault(t => t.TaskId == request.TaskId);
        if (task is null || task.TaskStatus == EngagementTasks.InProgress)
        {
            await EngagementTasks.CheckLaterAsync(context, SubmissionRegistration.FollowAddressFor(context), request.Check,
                request with { Check = request.Check + 1 }, request.TaskId, $"submission of opportunity {request.OpportunityId}", logger);
            return;
        }

        var deal = await crm.GetDealAsync(request.DealId, context.CancellationToken);
        if (deal is null)
        {
            await outcomes.DealSkippedAsync(context, request.PortalId, request.DealId, "submission", SyncSkipReasons.ObjectNotFound,
                $"Deal {request.DealId} no longer exists in HubSpot; submission task {request.TaskId} ended {task.TaskStatus}.", $"{request.DealId}/follow/{SyncSkipReasons.ObjectNotFound}");
            return;
        }

        if (task.TaskStatus == EngagementTasks.Complete)
        {
            var current = await partnerCentral.GetOpportunityAsync(request.OpportunityId, context.CancellationToken);
            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
            {
                [DealProperties.SubmissionStatus] = SubmissionValues.Submitted,
                [DealProperties.ReviewStatus] = current.ReviewStatus ?? SubmissionValues.Submitted,
                [DealProperties.SyncError] = null,
            }, context.CancellationToken);
            LogSubmitted(logger, deal.Id, request.OpportunityId, task.EngagementId);
            await Outcomes.PublishAsync(context, new OpportunitySubmitted
            {
                PortalId = request.PortalId,
                DealId = deal.Id,
                OpportunityId = request.OpportunityId,
                InvolvementType = request.InvolvementType,
                Visibility = request.Visibility,
                EngagementId = task.EngagementId,
                OccurredAt = outcomes.Now,
            }, deal.Id.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var reason = task.ReasonCode ?? task.TaskStatus ?? "Unknown";
        var message = task.Message ?? "AWS gave no reason.";
        await failures.FailAsync(context, request.PortalId, deal, request.OpportunityId, reason, message,
            SubmissionFailures.Note($"AWS did not accept the submission of opportunity {request.OpportunityId}: {message} ({reason}). " +
                "Correct the deal in HubSpot, then tick aws_submit_to_aws again."));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: opportunity {OpportunityId} is submitted to AWS (engagement {EngagementId})")]
    static partial void LogSubmitted(ILogger logger, long dealId, string opportunityId, string? engagementId);
}
