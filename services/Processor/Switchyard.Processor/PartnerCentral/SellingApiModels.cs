using System.Text.Json.Nodes;

namespace Switchyard.Processor.PartnerCentral;

// The requests and responses of IPartnerCentralSellingApi's operations, named and shaped as in AWS's model
// (partnercentral-selling 2022-07-26: <Operation>Request / <Operation>Response), with only the members Switchyard
// sends or reads. The opportunity's own shapes are in OpportunityModels.cs. Members are PascalCase as on the wire;
// nulls are left out of requests.

/// <summary>The body of <c>GetOpportunity</c>; the answer is the whole opportunity, read as JSON.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="Identifier">The opportunity id, e.g. <c>O1234567</c>.</param>
public sealed record GetOpportunityRequest(string Catalog, string Identifier);

/// <summary>What <c>CreateOpportunity</c> answers on the wire.</summary>
/// <param name="Id">The new opportunity's id.</param>
/// <param name="PartnerOpportunityIdentifier">The CRM id it was created with.</param>
/// <param name="LastModifiedDate">A timestamp, kept as sent.</param>
public sealed record CreateOpportunityResponse(string? Id, string? PartnerOpportunityIdentifier, JsonNode? LastModifiedDate);

/// <summary>What <c>UpdateOpportunity</c> answers on the wire.</summary>
/// <param name="Id">The opportunity id.</param>
/// <param name="LastModifiedDate">The new modification time, kept as sent.</param>
public sealed record UpdateOpportunityResponse(string? Id, JsonNode? LastModifiedDate);

/// <summary>The body of <c>AssociateOpportunity</c>, which answers nothing.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="OpportunityIdentifier">The opportunity id.</param>
/// <param name="RelatedEntityType">E.g. <c>Solutions</c>.</param>
/// <param name="RelatedEntityIdentifier">The related entity's id, e.g. a solution id.</param>
public sealed record AssociateOpportunityRequest(string Catalog, string OpportunityIdentifier, string RelatedEntityType, string RelatedEntityIdentifier);

/// <summary>The body of <c>ListSolutions</c>: one page.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="MaxResults">The page size, at most 100.</param>
/// <param name="NextToken">The previous page's <see cref="ListSolutionsResponse.NextToken"/>; none for the first page.</param>
public sealed record ListSolutionsRequest(string Catalog, int? MaxResults = null, string? NextToken = null);

/// <summary>One page of <c>ListSolutions</c>.</summary>
/// <param name="SolutionSummaries">The solutions on this page.</param>
/// <param name="NextToken">Where the next page starts; none on the last page.</param>
public sealed record ListSolutionsResponse(IReadOnlyList<SolutionBase>? SolutionSummaries, string? NextToken);

/// <summary>A solution as <c>ListSolutions</c> lists it (the model's <c>SolutionBase</c>).</summary>
/// <param name="Id">The solution id, e.g. <c>S-0000001</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Status"><c>Active</c>, <c>Inactive</c> or <c>Draft</c>.</param>
/// <param name="Category">E.g. <c>Software Product</c>.</param>
public sealed record SolutionBase(string? Id, string? Name, string? Status, string? Category);
