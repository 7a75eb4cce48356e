using System.Text.Json.Nodes;
using Refit;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Partner Central Selling (API version 2022-07-26) as Refit calls it: AWS JSON 1.0, every operation a
/// <c>POST /</c> naming itself in <c>X-Amz-Target</c>, its request record the body and its response record the answer.
/// What every call shares is in the handlers <see cref="PartnerCentralRegistration.AddPartnerCentral"/> registers:
/// failures as <see cref="PartnerCentralException"/> (<see cref="PartnerCentralErrorHandler"/>), the protocol's
/// headers (<see cref="AwsJsonProtocolHandler"/>), SigV4 (<see cref="PartnerCentralSigningHandler"/>) and one deadline
/// per exchange. The caller sets <c>Catalog</c>; <see cref="PartnerCentralClient"/> is the processor's view.
/// </summary>
/// <remarks>
/// Adding an operation is one method here, named after it with <c>Async</c>, with <c>[Post("/")]</c> and
/// <c>[Headers("X-Amz-Target: AWSPartnerCentralSelling.&lt;Operation&gt;")]</c>, and its request and response
/// records as AWS's model (partnercentral-selling.service-2.json) shapes them. An operation without output returns
/// <see cref="Task"/>.
/// </remarks>
public interface IPartnerCentralSellingApi
{
    /// <summary><c>CreateOpportunity</c>: idempotent by <see cref="CreateOpportunityRequest.ClientToken"/>.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.CreateOpportunity")]
    Task<CreateOpportunityResponse?> CreateOpportunityAsync([Body] CreateOpportunityRequest request, CancellationToken cancellationToken);

    /// <summary><c>GetOpportunity</c>: the whole opportunity as JSON, so that members Switchyard does not model survive an update.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.GetOpportunity")]
    Task<JsonObject?> GetOpportunityAsync([Body] GetOpportunityRequest request, CancellationToken cancellationToken);

    /// <summary><c>UpdateOpportunity</c>: the complete opportunity as JSON (what is left out becomes null).</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.UpdateOpportunity")]
    Task<UpdateOpportunityResponse?> UpdateOpportunityAsync([Body] JsonObject request, CancellationToken cancellationToken);

    /// <summary><c>AssociateOpportunity</c>: relates an entity, e.g. a solution, to an opportunity.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.AssociateOpportunity")]
    Task AssociateOpportunityAsync([Body] AssociateOpportunityRequest request, CancellationToken cancellationToken);

    /// <summary><c>ListSolutions</c>: one page of the partner's solutions.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.ListSolutions")]
    Task<ListSolutionsResponse?> ListSolutionsAsync([Body] ListSolutionsRequest request, CancellationToken cancellationToken);

    /// <summary><c>GetAwsOpportunitySummary</c>: what AWS says of the opportunity (its seller, stage, insights), as JSON.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.GetAwsOpportunitySummary")]
    Task<JsonObject?> GetAwsOpportunitySummaryAsync([Body] GetAwsOpportunitySummaryRequest request, CancellationToken cancellationToken);

    /// <summary><c>ListOpportunities</c>: one page of opportunity summaries, e.g. those modified after a date.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.ListOpportunities")]
    Task<ListOpportunitiesResponse?> ListOpportunitiesAsync([Body] ListOpportunitiesRequest request, CancellationToken cancellationToken);

    /// <summary><c>ListEngagementInvitations</c>: one page of engagement invitations.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.ListEngagementInvitations")]
    Task<ListEngagementInvitationsResponse?> ListEngagementInvitationsAsync([Body] ListEngagementInvitationsRequest request, CancellationToken cancellationToken);

    /// <summary><c>StartEngagementFromOpportunityTask</c>: submits an opportunity to AWS, idempotent by its client token.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.StartEngagementFromOpportunityTask")]
    Task<EngagementTaskSummary?> StartEngagementFromOpportunityTaskAsync([Body] StartEngagementFromOpportunityTaskRequest request, CancellationToken cancellationToken);

    /// <summary><c>ListEngagementFromOpportunityTasks</c>: submission tasks, e.g. one by its id.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.ListEngagementFromOpportunityTasks")]
    Task<ListEngagementFromOpportunityTasksResponse?> ListEngagementFromOpportunityTasksAsync([Body] ListEngagementFromOpportunityTasksRequest request, CancellationToken cancellationToken);

    /// <summary><c>GetEngagementInvitation</c>: an invitation, e.g. an AWS referral, with what AWS shares of it.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.GetEngagementInvitation")]
    Task<EngagementInvitationDocument?> GetEngagementInvitationAsync([Body] GetEngagementInvitationRequest request, CancellationToken cancellationToken);

    /// <summary><c>StartEngagementByAcceptingInvitationTask</c>: accepts an invitation, idempotent by its client token.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.StartEngagementByAcceptingInvitationTask")]
    Task<EngagementTaskSummary?> StartEngagementByAcceptingInvitationTaskAsync([Body] StartEngagementByAcceptingInvitationTaskRequest request, CancellationToken cancellationToken);

    /// <summary><c>ListEngagementByAcceptingInvitationTasks</c>: acceptance tasks, by task or by invitation.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.ListEngagementByAcceptingInvitationTasks")]
    Task<ListEngagementByAcceptingInvitationTasksResponse?> ListEngagementByAcceptingInvitationTasksAsync([Body] ListEngagementByAcceptingInvitationTasksRequest request, CancellationToken cancellationToken);

    /// <summary><c>RejectEngagementInvitation</c>: rejects an invitation AWS shared, with a reason.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.RejectEngagementInvitation")]
    Task RejectEngagementInvitationAsync([Body] RejectEngagementInvitationRequest request, CancellationToken cancellationToken);

    /// <summary><c>ListEngagementResourceAssociations</c>: the resources, e.g. the partner's opportunity, of an engagement.</summary>
    [Post("/")]
    [Headers("X-Amz-Target: AWSPartnerCentralSelling.ListEngagementResourceAssociations")]
    Task<ListEngagementResourceAssociationsResponse?> ListEngagementResourceAssociationsAsync([Body] ListEngagementResourceAssociationsRequest request, CancellationToken cancellationToken);
}
