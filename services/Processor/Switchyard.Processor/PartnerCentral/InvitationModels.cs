using System.Text.Json.Nodes;

namespace Switchyard.Processor.PartnerCentral;

// The requests and responses of the operations that answer AWS referrals (GetEngagementInvitation,
// StartEngagementByAcceptingInvitationTask, ListEngagementByAcceptingInvitationTasks, RejectEngagementInvitation,
// ListEngagementResourceAssociations), named and shaped as in AWS's model (partnercentral-selling 2022-07-26), with
// only the members Switchyard sends or reads. Timestamps are the model's DateTime: ISO 8601 text.

/// <summary>The body of <c>GetEngagementInvitation</c>.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="Identifier">The invitation, e.g. <c>engi-0123456789abc</c>.</param>
public sealed record GetEngagementInvitationRequest(string Catalog, string Identifier);

/// <summary>An invitation as <c>GetEngagementInvitation</c> answers it (the model's <c>GetEngagementInvitationResponse</c>).</summary>
/// <param name="Id">The invitation id.</param>
/// <param name="Catalog">Its catalog.</param>
/// <param name="PayloadType"><c>OpportunityInvitation</c> or <c>LeadInvitation</c>.</param>
/// <param name="EngagementId">The engagement it invites the partner to.</param>
/// <param name="EngagementTitle">The engagement's title.</param>
/// <param name="Status"><c>PENDING</c>, <c>ACCEPTED</c>, <c>REJECTED</c> or <c>EXPIRED</c>.</param>
/// <param name="InvitationDate">When it was sent.</param>
/// <param name="ExpirationDate">When it expires unanswered.</param>
/// <param name="SenderCompanyName">Who sent it, e.g. <c>AWS</c>.</param>
/// <param name="RejectionReason">Why it was rejected, once it is.</param>
/// <param name="Payload">What AWS shares: the customer and project (<c>OpportunityInvitation</c>) or the lead (<c>LeadInvitation</c>).</param>
/// <param name="InvitationMessage">AWS's message to the partner.</param>
/// <param name="EngagementDescription">The engagement's description.</param>
public sealed record EngagementInvitationDocument(string? Id, string? Catalog, string? PayloadType, string? EngagementId, string? EngagementTitle,
    string? Status, JsonNode? InvitationDate, JsonNode? ExpirationDate, string? SenderCompanyName, string? RejectionReason,
    InvitationPayload? Payload, string? InvitationMessage, string? EngagementDescription);

/// <summary>The model's <c>Payload</c> union: one of its members is set.</summary>
/// <param name="OpportunityInvitation">An AWS opportunity the partner is invited to co-sell.</param>
/// <param name="LeadInvitation">A lead AWS shares.</param>
public sealed record InvitationPayload(OpportunityInvitationPayload? OpportunityInvitation, LeadInvitationPayload? LeadInvitation);

/// <summary>The model's <c>OpportunityInvitationPayload</c>.</summary>
/// <param name="SenderContacts">AWS's people on the opportunity.</param>
/// <param name="ReceiverResponsibilities">What AWS expects of the partner, e.g. <c>Co-Sell Facilitator</c>.</param>
/// <param name="Customer">The customer.</param>
/// <param name="Project">The project.</param>
public sealed record OpportunityInvitationPayload(IReadOnlyList<SenderContact>? SenderContacts, IReadOnlyList<string>? ReceiverResponsibilities,
    InvitationCustomer? Customer, InvitationProject? Project);

/// <summary>The model's <c>SenderContact</c>: one of AWS's people on the opportunity.</summary>
/// <param name="Email">Email address.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="BusinessTitle">Job title.</param>
/// <param name="Phone">Phone number.</param>
public sealed record SenderContact(string? Email, string? FirstName, string? LastName, string? BusinessTitle, string? Phone);

/// <summary>The model's <c>EngagementCustomer</c> (and the members <c>LeadInvitationCustomer</c> shares with it).</summary>
/// <param name="Industry">One of Partner Central's industries.</param>
/// <param name="CompanyName">The customer's company.</param>
/// <param name="WebsiteUrl">Its website.</param>
/// <param name="CountryCode">ISO 3166 alpha-2.</param>
public sealed record InvitationCustomer(string? Industry, string? CompanyName, string? WebsiteUrl, string? CountryCode);

/// <summary>The model's <c>ProjectDetails</c>.</summary>
/// <param name="BusinessProblem">The customer's business problem.</param>
/// <param name="Title">The project's title (the opportunity's, once accepted).</param>
/// <param name="TargetCompletionDate">YYYY-MM-DD.</param>
/// <param name="ExpectedCustomerSpend">The monthly spend AWS expects.</param>
public sealed record InvitationProject(string? BusinessProblem, string? Title, string? TargetCompletionDate, IReadOnlyList<ExpectedCustomerSpend>? ExpectedCustomerSpend);

/// <summary>The model's <c>LeadInvitationPayload</c>: the customer and how AWS met them.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="Interaction">The interaction that made the lead.</param>
public sealed record LeadInvitationPayload(InvitationCustomer? Customer, LeadInvitationInteraction? Interaction);

/// <summary>The model's <c>LeadInvitationInteraction</c>.</summary>
/// <param name="SourceType">E.g. <c>Event</c>.</param>
/// <param name="SourceName">The event, site or campaign.</param>
/// <param name="Usecase">The customer's use case.</param>
/// <param name="ContactBusinessTitle">The customer contact's job title.</param>
public sealed record LeadInvitationInteraction(string? SourceType, string? SourceName, string? Usecase, string? ContactBusinessTitle);

/// <summary>The body of <c>StartEngagementByAcceptingInvitationTask</c>: accepts an invitation, idempotent by <see cref="ClientToken"/>.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="ClientToken">The same token returns the same task instead of starting a second one.</param>
/// <param name="Identifier">The invitation.</param>
public sealed record StartEngagementByAcceptingInvitationTaskRequest(string Catalog, string ClientToken, string Identifier);

/// <summary>The body of <c>ListEngagementByAcceptingInvitationTasks</c>, by task or by invitation.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="TaskIdentifier">The tasks to list.</param>
/// <param name="EngagementInvitationIdentifier">The invitations whose tasks to list.</param>
/// <param name="TaskStatus">Only tasks in these statuses.</param>
public sealed record ListEngagementByAcceptingInvitationTasksRequest(string Catalog, IReadOnlyList<string>? TaskIdentifier = null,
    IReadOnlyList<string>? EngagementInvitationIdentifier = null, IReadOnlyList<string>? TaskStatus = null);

/// <summary>The answer of <c>ListEngagementByAcceptingInvitationTasks</c>; each task as <see cref="EngagementTaskSummary"/>.</summary>
/// <param name="TaskSummaries">The tasks.</param>
/// <param name="NextToken">The next page's token.</param>
public sealed record ListEngagementByAcceptingInvitationTasksResponse(IReadOnlyList<EngagementTaskSummary>? TaskSummaries, string? NextToken);

/// <summary>The body of <c>RejectEngagementInvitation</c> (the model gives it no client token).</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="Identifier">The invitation.</param>
/// <param name="RejectionReason">One of the reasons AWS documents.</param>
public sealed record RejectEngagementInvitationRequest(string Catalog, string Identifier, string? RejectionReason);

/// <summary>The body of <c>ListEngagementResourceAssociations</c>, by engagement.</summary>
/// <param name="Catalog"><c>AWS</c> or <c>Sandbox</c>.</param>
/// <param name="EngagementIdentifier">The engagement.</param>
/// <param name="ResourceType"><c>Opportunity</c>.</param>
public sealed record ListEngagementResourceAssociationsRequest(string Catalog, string EngagementIdentifier, string ResourceType = "Opportunity");

/// <summary>The answer of <c>ListEngagementResourceAssociations</c>.</summary>
/// <param name="EngagementResourceAssociationSummaries">The engagement's resources.</param>
/// <param name="NextToken">The next page's token.</param>
public sealed record ListEngagementResourceAssociationsResponse(IReadOnlyList<EngagementResourceAssociation?>? EngagementResourceAssociationSummaries, string? NextToken);

/// <summary>The model's <c>EngagementResourceAssociationSummary</c>: a resource, e.g. an opportunity, in an engagement.</summary>
/// <param name="EngagementId">The engagement.</param>
/// <param name="ResourceType"><c>Opportunity</c>.</param>
/// <param name="ResourceId">E.g. the opportunity's id.</param>
public sealed record EngagementResourceAssociation(string? EngagementId, string? ResourceType, string? ResourceId);
