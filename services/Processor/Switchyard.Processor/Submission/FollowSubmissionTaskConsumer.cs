using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Follows a submission task (<c>ListEngagementFromOpportunityTasks</c>, a read, not a budgeted write): while AWS works
/// on it, schedules the next check with MassTransit's scheduler (never a wait in the consumer, and no exception: a task
/// in progress is expected, so it is one Debug line, not a retry's warning); <c>COMPLETE</c> writes <c>Submitted</c> and the review status on the deal and publishes
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
    /// <summary>
    /// The waits before each further check of a task in progress: AWS's tasks usually take seconds, so soon at first,
    /// then less often, about 19 minutes in all; each spread by up to a fifth, by message, so that tasks started
    /// together do not come back together. The longest, 12 minutes with its spread, is within what SQS delays a message
    /// (15 minutes). After the last, the message goes to the error queue.
    /// </summary>
    public static readonly RedeliverySchedule Checks = new(
        [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], 0.2);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<FollowSubmissionTask> context)
    {
        var request = context.Message;
        var list = await api.ListEngagementFromOpportunityTasksAsync(
            new ListEngagementFromOpportunityTasksRequest(partnerCentralOptions.Value.Catalog, [request.TaskId]), context.CancellationToken);
        var task = list?.TaskSummaries?.FirstOrDefault(t => t.TaskId == request.TaskId);
        if (task is null || task.TaskStatus == EngagementTasks.InProgress)
        {
            await CheckLaterAsync(context);
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

    async Task CheckLaterAsync(ConsumeContext<FollowSubmissionTask> context)
    {
        var request = context.Message;
        if (request.Check >= Checks.Intervals.Count)
            throw new SubmissionTaskNotFinishedException(request.TaskId, request.OpportunityId, request.Check + 1);

        if (!CanSchedule(context))
        {
            LogInProgressRetried(logger, request.TaskId, request.OpportunityId, request.Check + 1);
            throw new EngagementTaskInProgressException(request.TaskId, $"submission of opportunity {request.OpportunityId}");
        }

        var delay = Checks.Delay(request.Check, context.MessageId);
        var next = request with { Check = request.Check + 1 };
        await context.ScheduleSend(SubmissionRegistration.FollowAddressFor(context), delay, next,
            Pipe.Execute<SendContext<FollowSubmissionTask>>(outgoing => outgoing.DeriveFrom(context, $"check/{next.Check}")), context.CancellationToken);
        LogInProgress(logger, request.TaskId, request.OpportunityId, request.Check + 1, delay);
    }

    // MassTransit's scheduler is configured where the transport can delay a message (the in-memory transport, RabbitMQ
    // with the delayed-message-exchange plugin, SQS), but SQS takes no delay per message on a FIFO queue.
    static bool CanSchedule(ConsumeContext context) =>
        context.TryGetPayload<MessageSchedulerContext>(out _)
        && !AmazonSqsTopology.IsFifoAddress(context.ReceiveContext.InputAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Submission task {TaskId} of opportunity {OpportunityId} is in progress (check {Check}); the next check is in {Delay}")]
    static partial void LogInProgress(ILogger logger, string taskId, string opportunityId, int check, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Submission task {TaskId} of opportunity {OpportunityId} is in progress (check {Check}); this queue cannot delay a message, so MassTransit's retries ask again")]
    static partial void LogInProgressRetried(ILogger logger, string taskId, string opportunityId, int check);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: opportunity {OpportunityId} is submitted to AWS (engagement {EngagementId})")]
    static partial void LogSubmitted(ILogger logger, long dealId, string opportunityId, string? engagementId);
}
