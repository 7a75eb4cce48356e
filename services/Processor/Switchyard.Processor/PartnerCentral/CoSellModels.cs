using System.Text.Json.Nodes;

namespace Switchyard.Processor.PartnerCentral;

// The requests and responses of the operations that read AWS's side back (GetAwsOpportunitySummary,
// ListOpportunities, ListEngagementInvitations), named and shaped as in AWS's model (partnercentral-selling
// 2022-07-26), with only the members Switchyard sends or reads. Timestamps are the model's DateTime: ISO 8601 text.

/// <summary>The body of <c>GetAwsOpportunitySummary</c>; the answer is read as JSON.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="RelatedOpportunityIdentifier">The partner's opportunity, e.g. <c>O1234567</c>.</param>
public sealed record GetAwsOpportunitySummaryRequest(string Catalog, string RelatedOpportunityIdentifier);

/// <summary>The model's <c>LastModifiedDate</c> filter of <c>ListOpportunities</c>.</summary>
/// <param name="AfterLastModifiedDate">Opportunities modified on or after this time (ISO 8601).</param>
/// <param name="BeforeLastModifiedDate">Opportunities modified before this time (ISO 8601).</param>
public sealed record LastModifiedDateFilter(string? AfterLastModifiedDate = null, string? BeforeLastModifiedDate = null);

/// <summary>The model's <c>OpportunitySort</c>.</summary>
/// <param name="SortOrder"><c>ASCENDING</c> or <c>DESCENDING</c>.</param>
/// <param name="SortBy">E.g. <c>LastModifiedDate</c>.</param>
public sealed record OpportunitySort(string SortOrder, string SortBy);

/// <summary>The body of <c>ListOpportunities</c>: one page.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="MaxResults">The page size, at most 100.</param>
/// <param name="NextToken">The previous page's token; none for the first page.</param>
/// <param name="LastModifiedDate">Only opportunities modified in this window.</param>
/// <param name="Sort">The order.</param>
public sealed record ListOpportunitiesRequest(string Catalog, int? MaxResults = null, string? NextToken = null,
    LastModifiedDateFilter? LastModifiedDate = null, OpportunitySort? Sort = null);

/// <summary>One page of <c>ListOpportunities</c>.</summary>
/// <param name="OpportunitySummaries">The opportunities on this page.</param>
/// <param name="NextToken">Where the next page starts; none on the last page.</param>
public sealed record ListOpportunitiesResponse(IReadOnlyList<OpportunitySummaryDto?>? OpportunitySummaries, string? NextToken);

/// <summary>An opportunity as <c>ListOpportunities</c> lists it (the model's <c>OpportunitySummary</c>), what polling reads.</summary>
/// <param name="Id">The opportunity id.</param>
/// <param name="Catalog">Its catalog.</param>
/// <param name="PartnerOpportunityIdentifier">The CRM id it was created with (Switchyard: the deal id).</param>
/// <param name="LastModifiedDate">When it last changed, ISO 8601.</param>
public sealed record OpportunitySummaryDto(string? Id, string? Catalog, string? PartnerOpportunityIdentifier, JsonNode? LastModifiedDate);

/// <summary>The body of <c>ListEngagementInvitations</c>: one page.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="ParticipantType"><c>RECEIVER</c> (invitations to the partner) or <c>SENDER</c>.</param>
/// <param name="MaxResults">The page size, at most 100.</param>
/// <param name="NextToken">The previous page's token; none for the first page.</param>
/// <param name="Status">Only invitations in these statuses, e.g. <c>PENDING</c>.</param>
/// <param name="Sort">The order.</param>
public sealed record ListEngagementInvitationsRequest(string Catalog, string ParticipantType, int? MaxResults = null, string? NextToken = null,
    IReadOnlyList<string>? Status = null, InvitationSort? Sort = null);

/// <summary>The model's <c>OpportunityEngagementInvitationSort</c>.</summary>
/// <param name="SortOrder"><c>ASCENDING</c> or <c>DESCENDING</c>.</param>
/// <param name="SortBy"><c>InvitationDate</c>.</param>
public sealed record InvitationSort(string SortOrder, string SortBy);

/// <summary>One page of <c>ListEngagementInvitations</c>.</summary>
/// <param name="EngagementInvitationSummaries">The invitations on this page.</param>
/// <param name="NextToken">Where the next page starts; none on the last page.</param>
public sealed record ListEngagementInvitationsResponse(IReadOnlyList<EngagementInvitationSummaryDto?>? EngagementInvitationSummaries, string? NextToken);

/// <summary>An invitation as <c>ListEngagementInvitations</c> lists it (the model's <c>EngagementInvitationSummary</c>).</summary>
/// <param name="Id">The invitation id.</param>
/// <param name="Catalog">Its catalog.</param>
/// <param name="Status"><c>PENDING</c>, <c>ACCEPTED</c>, <c>REJECTED</c> or <c>EXPIRED</c>.</param>
/// <param name="InvitationDate">When it was sent, ISO 8601.</param>
/// <param name="ExpirationDate">When it expires unanswered, ISO 8601.</param>
public sealed record EngagementInvitationSummaryDto(string? Id, string? Catalog, string? Status, JsonNode? InvitationDate, JsonNode? ExpirationDate = null);

/// <summary>An opportunity that changed, from <see cref="IPartnerCentralClient.ListOpportunitiesAsync"/>.</summary>
/// <param name="Id">The opportunity id.</param>
/// <param name="PartnerOpportunityIdentifier">The CRM id it was created with.</param>
/// <param name="LastModifiedDate">When it last changed.</param>
public sealed record ChangedOpportunity(string Id, string? PartnerOpportunityIdentifier, DateTimeOffset LastModifiedDate);

/// <summary>One page of <see cref="IPartnerCentralClient.ListOpportunitiesAsync"/>.</summary>
/// <param name="Opportunities">The page's opportunities.</param>
/// <param name="NextToken">Where the next page starts; null on the last page.</param>
public sealed record ChangedOpportunityPage(IReadOnlyList<ChangedOpportunity> Opportunities, string? NextToken);

/// <summary>An invitation, from <see cref="IPartnerCentralClient.ListReceivedInvitationsAsync"/>.</summary>
/// <param name="Id">The invitation id.</param>
/// <param name="Status">Its status.</param>
/// <param name="InvitationDate">When it was sent, when AWS said.</param>
/// <param name="ExpirationDate">When it expires unanswered, when AWS said.</param>
public sealed record ReceivedInvitation(string Id, string? Status, DateTimeOffset? InvitationDate, DateTimeOffset? ExpirationDate = null);

/// <summary>One page of <see cref="IPartnerCentralClient.ListReceivedInvitationsAsync"/>.</summary>
/// <param name="Invitations">The page's invitations.</param>
/// <param name="NextToken">Where the next page starts; null on the last page.</param>
public sealed record ReceivedInvitationPage(IReadOnlyList<ReceivedInvitation> Invitations, string? NextToken);
