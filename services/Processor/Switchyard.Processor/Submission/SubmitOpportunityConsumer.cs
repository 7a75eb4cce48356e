using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Submits a deal's opportunity to AWS: reads the deal and the opportunity, skips an opportunity already submitted,
/// checks what AWS requires (<see cref="SubmissionCheck"/>) and says what is missing without calling AWS, then starts
/// <c>StartEngagementFromOpportunityTask</c> within the write budget (one write), writes <c>In progress</c> on the
/// deal and sends <see cref="FollowSubmissionTask"/> to follow the task.
/// </summary>
/// <remarks>
/// Safe to run twice: the client token derives from the deal, its opportunity and the HubSpot event that asked, so a
/// redelivery gets AWS's first task back instead of a second one, while a later tick after a failure starts anew.
/// </remarks>
public sealed partial class SubmitOpportunityConsumer(
    IHubSpotCrmClient crm,
    IPartnerCentralSellingApi api,
    IPartnerCentralClient partnerCentral,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    IOptions<ProcessorOptions> options,
    PartnerCentralWrites writes,
    SubmissionFailures failures,
    Outcomes outcomes,
    ILogger<SubmitOpportunityConsumer> logger) : IConsumer<SubmitOpportunity>
{
    /// <summary>The reason of a submission that failed before calling AWS.</summary>
    public const string MissingRequiredFields = "MissingRequiredFields";

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<SubmitOpportunity> context)
    {
        var request = context.Message;
        var catalog = partnerCentralOptions.Value.Catalog;
        var submission = options.Value.Submission;
        var deal = await crm.GetDealAsync(request.DealId, context.CancellationToken);
        if (deal is null)
        {
            await SkipAsync(context, SyncSkipReasons.ObjectNotFound, $"Deal {request.DealId} no longer exists in HubSpot; nothing was submitted.");
            return;
        }

        // Decided: a deal is submitted once it has an opportunity; ticking the box earlier is said, not remembered.
        var opportunityId = deal.Property(DealProperties.OpportunityId);
        if (opportunityId is null)
        {
            await SkipAsync(context, SyncSkipReasons.NotSynced,
                $"Deal {deal.Id} has no Partner Central opportunity yet; submit it once aws_opportunity_id is set.");
            return;
        }

        var involvement = Choose(deal.Property(DealProperties.InvolvementType), submission.DefaultInvolvementType);
        var visibility = Choose(deal.Property(DealProperties.Visibility), submission.DefaultVisibility);
        if (!Valid(involvement, visibility, out var invalid))
        {
            await failures.FailAsync(context, request.PortalId, deal, opportunityId, "InvalidSubmissionSettings", invalid,
                SubmissionFailures.Note($"Switchyard did not submit opportunity {opportunityId} to AWS: {invalid}"));
            return;
        }

        try
        {
            var current = await partnerCentral.GetOpportunityAsync(opportunityId, context.CancellationToken);
            if (current.ReviewStatus is { } status && !SubmissionCheck.SubmittableReviewStatuses.Contains(status, StringComparer.OrdinalIgnoreCase))
            {
                await SkipAsync(context, SyncSkipReasons.AlreadySynced, $"Opportunity {opportunityId} is {status}: it has been submitted to AWS already.");
                return;
            }

            if (SubmissionCheck.Problems(current.Raw, involvement) is { Count: > 0 } problems)
            {
                var detail = $"AWS requires {string.Join("; ", problems.Select(p => p.ToString()))}";
                await failures.FailAsync(context, request.PortalId, deal, opportunityId, MissingRequiredFields, detail,
                    SubmissionFailures.Note($"Switchyard did not submit opportunity {opportunityId} to AWS: it lacks what AWS requires of a " +
                        $"submitted opportunity. Fill in: {string.Join("; ", problems.Select(p => $"{p.Fix} ({p.Field})"))}. Then tick aws_submit_to_aws again."));
                return;
            }

            var start = new StartEngagementFromOpportunityTaskRequest(catalog, ClientTokenFor(request, opportunityId), opportunityId,
                new AwsSubmission(involvement, visibility));
            var write = new PartnerCentralWrite("StartEngagementFromOpportunityTask", WriteKind.Submission, $"deal/{deal.Id}");
            var task = await writes.TryWriteAsync(context, write, async ct => await api.StartEngagementFromOpportunityTaskAsync(start, ct)
                ?? throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "StartEngagementFromOpportunityTask returned nothing.", PartnerCentralErrorKind.Transient));
            if (task is null)
                return;
            // A redelivery gets the same task back by the client token, so a missing id is worth another try.
            if (task.TaskId is not { Length: > 0 } taskId)
                throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "StartEngagementFromOpportunityTask returned no TaskId.", PartnerCentralErrorKind.Transient);

            await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?>
            {
                [DealProperties.SubmissionStatus] = SubmissionValues.InProgress,
                [DealProperties.SyncError] = null,
            }, context.CancellationToken);
            var endpoint = await context.GetSendEndpoint(SubmissionRegistration.FollowAddressFor(context));
            await endpoint.Send(new FollowSubmissionTask
            {
                PortalId = request.PortalId,
                DealId = deal.Id,
                OpportunityId = opportunityId,
                TaskId = taskId,
                InvolvementType = involvement,
                Visibility = visibility,
            }, outgoing => outgoing.DeriveFrom(context, $"follow/{taskId}"), context.CancellationToken);
            LogStarted(logger, deal.Id, opportunityId, taskId);
        }
        catch (PartnerCentralException e) when (e.Kind is PartnerCentralErrorKind.Permanent or PartnerCentralErrorKind.Conflict)
        {
            await failures.FailAsync(context, request.PortalId, deal, opportunityId, e.ErrorType, e.Reason,
                SubmissionFailures.Note($"AWS refused to submit opportunity {opportunityId}: {e.Reason} ({e.ErrorType})."));
        }
    }

    static string Choose(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    static bool Valid(string involvement, string visibility, out string problem)
    {
        problem = !SubmissionValues.InvolvementTypes.Contains(involvement, StringComparer.Ordinal)
            ? $"aws_involvement_type '{involvement}' is not one of {string.Join(", ", SubmissionValues.InvolvementTypes)}."
            : !SubmissionValues.Visibilities.Contains(visibility, StringComparer.Ordinal)
                ? $"aws_visibility '{visibility}' is not one of {string.Join(", ", SubmissionValues.Visibilities)}."
                : "";
        return problem.Length == 0;
    }

    /// <summary>Stable for one request of one deal's opportunity, so a redelivery starts nothing twice.</summary>
    internal static string ClientTokenFor(SubmitOpportunity request, string opportunityId) =>
        string.Create(CultureInfo.InvariantCulture, $"hubspot-{request.PortalId}-deal-{request.DealId}-{opportunityId}-submit-{request.EventId}");

    Task SkipAsync(ConsumeContext<SubmitOpportunity> context, string reason, string detail) =>
        outcomes.DealSkippedAsync(context, context.Message.PortalId, context.Message.DealId, context.Message.SubscriptionType, reason,
            detail, $"{context.Message.DealId}/submit/{reason}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Deal {DealId}: submission of opportunity {OpportunityId} started (task {TaskId})")]
    static partial void LogStarted(ILogger logger, long dealId, string opportunityId, string taskId);
}
