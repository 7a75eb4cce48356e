using System.Text.Json.Nodes;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// The Partner Central Selling operations the processor needs, in the configured catalog. Every failure is a
/// <see cref="PartnerCentralException"/> whose <see cref="PartnerCentralException.Kind"/> says whether to retry.
/// </summary>
public interface IPartnerCentralClient
{
    /// <summary>Creates an opportunity (idempotent by <see cref="CreateOpportunityRequest.ClientToken"/>).</summary>
    Task<CreateOpportunityResult> CreateOpportunityAsync(CreateOpportunityRequest request, CancellationToken cancellationToken);

    /// <summary>The whole opportunity.</summary>
    Task<OpportunityDocument> GetOpportunityAsync(string opportunityId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the opportunity with <paramref name="request"/>: the complete payload, with <c>Identifier</c> and the
    /// <c>LastModifiedDate</c> read before (omitted fields become null; a stale date is a conflict).
    /// </summary>
    Task<UpdateOpportunityResult> UpdateOpportunityAsync(JsonObject request, CancellationToken cancellationToken);

    /// <summary>Associates an entity, e.g. type <c>Solutions</c> with a solution id.</summary>
    Task AssociateOpportunityAsync(string opportunityId, string relatedEntityType, string relatedEntityIdentifier, CancellationToken cancellationToken);

    /// <summary>The partner's solutions, every page.</summary>
    Task<IReadOnlyList<SolutionSummary>> ListSolutionsAsync(CancellationToken cancellationToken);

    /// <summary>What AWS says of the opportunity (GetAwsOpportunitySummary); null while AWS has none (not yet shared with AWS).</summary>
    Task<JsonObject?> GetAwsOpportunitySummaryAsync(string opportunityId, CancellationToken cancellationToken);

    /// <summary>One page of the opportunities modified on or after <paramref name="modifiedSince"/>, oldest first.</summary>
    Task<ChangedOpportunityPage> ListOpportunitiesAsync(DateTimeOffset modifiedSince, string? nextToken, CancellationToken cancellationToken);

    /// <summary>One page of the engagement invitations the partner received in the given statuses (all when none are given), newest first.</summary>
    Task<ReceivedInvitationPage> ListReceivedInvitationsAsync(IReadOnlyList<string> statuses, string? nextToken, CancellationToken cancellationToken);

    /// <summary>
    /// An engagement invitation with what AWS shares of it (GetEngagementInvitation); null when Partner Central has it
    /// no more (a rejected one: "all related data will become inaccessible thereafter").
    /// </summary>
    Task<EngagementInvitationDocument?> GetEngagementInvitationAsync(string invitationId, CancellationToken cancellationToken);

    /// <summary>An acceptance task by its id (ListEngagementByAcceptingInvitationTasks); null while it is not listed.</summary>
    Task<EngagementTaskSummary?> GetAcceptanceTaskAsync(string taskId, CancellationToken cancellationToken);

    /// <summary>
    /// The opportunity accepting the invitation created, or null while there is none: the one a completed acceptance
    /// task names (ListEngagementByAcceptingInvitationTasks), else the opportunity in the invitation's engagement
    /// (ListEngagementResourceAssociations), which is how one accepted in Partner Central's console is found.
    /// </summary>
    Task<string?> FindAcceptedOpportunityAsync(string invitationId, string? engagementId, CancellationToken cancellationToken);
}

/// <summary>How a Partner Central failure is handled.</summary>
public enum PartnerCentralErrorKind
{
    /// <summary>Throttling, internal errors, timeouts, connection errors: the bus retries.</summary>
    Transient,

    /// <summary>Validation, access denied, not found and other client errors: retrying cannot help.</summary>
    Permanent,

    /// <summary>The opportunity changed since it was read (stale <c>LastModifiedDate</c>): read again and retry.</summary>
    Conflict,
}

/// <summary>
/// A Partner Central error, with its <c>__type</c> (e.g. <c>ValidationException</c>) and message, and the wait the
/// service asked for (its <c>Retry-After</c>), which the bus's retry honours.
/// </summary>
public sealed class PartnerCentralException(string errorType, string message, PartnerCentralErrorKind kind, Exception? innerException = null)
    : Exception($"{errorType}: {message}", innerException), IRetryAfter
{
    /// <summary>The error type without namespace, e.g. <c>ValidationException</c>.</summary>
    public string ErrorType { get; } = errorType;

    /// <summary>Whether and how to retry.</summary>
    public PartnerCentralErrorKind Kind { get; } = kind;

    /// <summary>Partner Central's message.</summary>
    public string Reason { get; } = message;

    /// <summary>How long Partner Central (or a gateway before it) asked to wait, when it sent <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
