using System.Diagnostics.Metrics;
using MassTransit;
using Switchyard.Contracts.Processing;

namespace Switchyard.Processor;

/// <summary>
/// The processor's instrument (meter <c>Switchyard.Processor</c>): <c>switchyard.processor.outcomes</c>, every outcome
/// event by kind (<c>created</c>, <c>updated</c>, <c>skipped</c>, <c>blocked</c>, <c>failed</c>; for co-selling
/// <c>submitted</c>, <c>submission_failed</c>, <c>review_changed</c>; for AWS referrals <c>invitation_received</c>,
/// <c>invitation_accepted</c>, <c>invitation_rejected</c>, <c>invitation_expired</c>) and reason (the skip reason, the
/// review status that blocked or was reached, Partner Central's error type or AWS's reason code), so dashboards can show
/// processing error rates and how submissions and referrals fare.
/// </summary>
/// <remarks>
/// Counted as the outcomes leave, through a publish observer: outcomes a failed attempt published are discarded by the
/// in-memory outbox and never reach it, so a retried event is counted once per outcome it really published.
/// </remarks>
public sealed class ProcessorMetrics : IPublishObserver
{
    /// <summary>The meter's name, for listeners and exporters.</summary>
    public const string MeterName = "Switchyard.Processor";

    /// <summary>The outcome counter's name.</summary>
    public const string OutcomesName = "switchyard.processor.outcomes";

    readonly Counter<long> _outcomes;

    /// <summary>Creates the instrument on a meter from the host's factory.</summary>
    public ProcessorMetrics(IMeterFactory meters) =>
        _outcomes = meters.Create(MeterName).CreateCounter<long>(OutcomesName, "{event}", "Outcome events published, by kind and reason.");

    /// <inheritdoc />
    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        var (outcome, reason) = context.Message switch
        {
            OpportunityCreated => ("created", null),
            OpportunityUpdated => ("updated", null),
            SyncSkipped skipped => ("skipped", skipped.Reason),
            SyncBlocked blocked => ("blocked", blocked.ReviewStatus),
            SyncFailed failed => ("failed", failed.Reason),
            OpportunitySubmitted => ("submitted", null),
            OpportunitySubmissionFailed submissionFailed => ("submission_failed", submissionFailed.Reason),
            OpportunityReviewChanged review => ("review_changed", review.NewStatus),
            InvitationReceived => ("invitation_received", null),
            InvitationAccepted => ("invitation_accepted", null),
            InvitationRejected => ("invitation_rejected", null),
            InvitationExpired => ("invitation_expired", null),
            _ => ((string?)null, (string?)null),
        };
        if (outcome is null)
            return Task.CompletedTask;
        if (reason is null)
            _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        else
            _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
