using System.Text.Json.Nodes;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>The body of <c>StartEngagementFromOpportunityTask</c>: submits an opportunity to AWS, idempotent by <see cref="ClientToken"/>.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="ClientToken">The same token returns the same task instead of starting a second one.</param>
/// <param name="Identifier">The opportunity, e.g. <c>O1000001</c>.</param>
/// <param name="AwsSubmission">How AWS is involved and who sees the opportunity.</param>
public sealed record StartEngagementFromOpportunityTaskRequest(string Catalog, string ClientToken, string Identifier, AwsSubmission AwsSubmission);

/// <summary>How AWS is involved in an opportunity submitted to it.</summary>
/// <param name="InvolvementType"><c>Co-Sell</c> or <c>For Visibility Only</c>.</param>
/// <param name="Visibility"><c>Full</c> or <c>Limited</c>.</param>
public sealed record AwsSubmission(string InvolvementType, string? Visibility);

/// <summary>A submission task as <c>StartEngagementFromOpportunityTask</c> and <c>ListEngagementFromOpportunityTasks</c> describe it.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TaskStatus"><c>IN_PROGRESS</c>, <c>COMPLETE</c> or <c>FAILED</c>.</param>
/// <param name="Message">Why it failed, when it did.</param>
/// <param name="ReasonCode">AWS's code for a failure, e.g. <c>OpportunityValidationFailed</c>.</param>
/// <param name="OpportunityId">The opportunity submitted.</param>
/// <param name="EngagementId">The engagement AWS started for it, once complete.</param>
/// <param name="StartTime">When it started.</param>
public sealed record EngagementTaskSummary(string? TaskId, string? TaskStatus, string? Message, string? ReasonCode, string? OpportunityId,
    string? EngagementId, JsonNode? StartTime);

/// <summary>The body of <c>ListEngagementFromOpportunityTasks</c>, here by task id.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="TaskIdentifier">The tasks to list.</param>
public sealed record ListEngagementFromOpportunityTasksRequest(string Catalog, IReadOnlyList<string> TaskIdentifier);

/// <summary>The answer of <c>ListEngagementFromOpportunityTasks</c>.</summary>
/// <param name="TaskSummaries">The tasks.</param>
/// <param name="NextToken">The next page's token.</param>
public sealed record ListEngagementFromOpportunityTasksResponse(IReadOnlyList<EngagementTaskSummary>? TaskSummaries, string? NextToken);
