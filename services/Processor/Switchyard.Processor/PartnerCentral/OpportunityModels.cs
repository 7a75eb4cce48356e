using System.Text.Json.Nodes;

namespace Switchyard.Processor.PartnerCentral;

// The Partner Central Selling API's shapes (AWS JSON 1.0, PascalCase names as on the wire), limited to what Switchyard
// sets. Updates do not go through these: they start from GetOpportunity's raw JSON (OpportunityDocument.Raw), so that
// fields Switchyard does not model are sent back unchanged instead of being nulled.

/// <summary>The body of <c>CreateOpportunity</c>. The client fills in <see cref="Catalog"/>.</summary>
public sealed record CreateOpportunityRequest
{
    /// <summary><c>AWS</c> or <c>Sandbox</c>; set by the client from its options.</summary>
    public string? Catalog { get; init; }

    /// <summary>Idempotency token: the same token returns the same opportunity instead of a second one.</summary>
    public required string ClientToken { get; init; }

    /// <summary>The customer.</summary>
    public Customer? Customer { get; init; }

    /// <summary>Stage, close date, next steps.</summary>
    public LifeCycle? LifeCycle { get; init; }

    /// <summary>Marketing details.</summary>
    public Marketing? Marketing { get; init; }

    /// <summary><c>Yes</c> or <c>No</c>; only for the Government industry.</summary>
    public string? NationalSecurity { get; init; }

    /// <summary><c>Net New Business</c>, <c>Flat Renewal</c> or <c>Expansion</c>.</summary>
    public string? OpportunityType { get; init; }

    /// <summary><c>Partner Referral</c> for opportunities the partner creates.</summary>
    public string? Origin { get; init; }

    /// <summary>The id in the partner's CRM: the HubSpot deal id.</summary>
    public string? PartnerOpportunityIdentifier { get; init; }

    /// <summary>What the partner needs from AWS, e.g. <c>Co-Sell - Technical Consultation</c>.</summary>
    public IReadOnlyList<string>? PrimaryNeedsFromAws { get; init; }

    /// <summary>Title, business problem, use case, delivery models, spend, sales activities.</summary>
    public Project? Project { get; init; }
}

/// <summary>The customer of an opportunity.</summary>
public sealed record Customer
{
    /// <summary>The customer's company.</summary>
    public Account? Account { get; init; }

    /// <summary>The customer's contacts.</summary>
    public IReadOnlyList<Contact>? Contacts { get; init; }
}

/// <summary>The customer's company.</summary>
public sealed record Account
{
    /// <summary>Company name.</summary>
    public string? CompanyName { get; init; }

    /// <summary>One of Partner Central's industries, or <c>Other</c> with <see cref="OtherIndustry"/>.</summary>
    public string? Industry { get; init; }

    /// <summary>The industry in words when <see cref="Industry"/> is <c>Other</c>.</summary>
    public string? OtherIndustry { get; init; }

    /// <summary>The company's website, with scheme.</summary>
    public string? WebsiteUrl { get; init; }

    /// <summary>The customer's AWS account id, when known.</summary>
    public string? AwsAccountId { get; init; }

    /// <summary>D-U-N-S number, when known.</summary>
    public string? Duns { get; init; }

    /// <summary>Where the company is.</summary>
    public Address? Address { get; init; }
}

/// <summary>An address.</summary>
public sealed record Address
{
    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public string? CountryCode { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>State or region.</summary>
    public string? StateOrRegion { get; init; }

    /// <summary>Street address.</summary>
    public string? StreetAddress { get; init; }
}

/// <summary>A person at the customer.</summary>
public sealed record Contact
{
    /// <summary>Email address.</summary>
    public string? Email { get; init; }

    /// <summary>First name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Job title.</summary>
    public string? BusinessTitle { get; init; }

    /// <summary>Phone number in E.164 shape, e.g. <c>+14155550100</c>.</summary>
    public string? Phone { get; init; }
}

/// <summary>Where the opportunity is in its life.</summary>
public sealed record LifeCycle
{
    /// <summary>E.g. <c>Prospect</c>, <c>Qualified</c>, <c>Launched</c>, <c>Closed Lost</c>.</summary>
    public string? Stage { get; init; }

    /// <summary>The expected close date, <c>YYYY-MM-DD</c>.</summary>
    public string? TargetCloseDate { get; init; }

    /// <summary>What happens next.</summary>
    public string? NextSteps { get; init; }

    /// <summary>Why the opportunity was lost, when <see cref="Stage"/> is <c>Closed Lost</c>.</summary>
    public string? ClosedLostReason { get; init; }
}

/// <summary>The project an opportunity is about.</summary>
public sealed record Project
{
    /// <summary>The opportunity's title; Partner Central does not let it change after creation.</summary>
    public string? Title { get; init; }

    /// <summary>The customer's problem, at least 20 characters.</summary>
    public string? CustomerBusinessProblem { get; init; }

    /// <summary>One of Partner Central's use cases.</summary>
    public string? CustomerUseCase { get; init; }

    /// <summary>E.g. <c>SaaS or PaaS</c>, <c>Professional Services</c>.</summary>
    public IReadOnlyList<string>? DeliveryModels { get; init; }

    /// <summary>What the customer is expected to spend on AWS.</summary>
    public IReadOnlyList<ExpectedCustomerSpend>? ExpectedCustomerSpend { get; init; }

    /// <summary>What has happened with the customer so far.</summary>
    public IReadOnlyList<string>? SalesActivities { get; init; }

    /// <summary>Free text for AWS.</summary>
    public string? AdditionalComments { get; init; }
}

/// <summary>Expected spend: an amount per period for a target company.</summary>
public sealed record ExpectedCustomerSpend
{
    /// <summary>The amount as a decimal string, e.g. <c>1200.00</c>.</summary>
    public string? Amount { get; init; }

    /// <summary>ISO 4217 currency, e.g. <c>USD</c>.</summary>
    public string? CurrencyCode { get; init; }

    /// <summary><c>Monthly</c>.</summary>
    public string? Frequency { get; init; }

    /// <summary><c>AWS</c>.</summary>
    public string? TargetCompany { get; init; }
}

/// <summary>Marketing details.</summary>
public sealed record Marketing
{
    /// <summary><c>Marketing Activity</c> or <c>None</c>.</summary>
    public string? Source { get; init; }
}

/// <summary>What <c>CreateOpportunity</c> answers.</summary>
/// <param name="Id">The new opportunity's id, e.g. <c>O1234567</c>.</param>
/// <param name="PartnerOpportunityIdentifier">The CRM id it was created with.</param>
/// <param name="LastModifiedDate">As sent by Partner Central.</param>
public sealed record CreateOpportunityResult(string Id, string? PartnerOpportunityIdentifier, string? LastModifiedDate);

/// <summary>What <c>UpdateOpportunity</c> answers.</summary>
/// <param name="Id">The opportunity id.</param>
/// <param name="LastModifiedDate">The new modification time, as sent by Partner Central.</param>
public sealed record UpdateOpportunityResult(string Id, string? LastModifiedDate);

/// <summary>A solution of the partner's, from <c>ListSolutions</c>.</summary>
public sealed record SolutionSummary(string Id, string? Name, string? Status, string? Category);

/// <summary>
/// An opportunity as <c>GetOpportunity</c> returned it: the raw JSON (to send back in full on update) and the few
/// values Switchyard decides on.
/// </summary>
public sealed class OpportunityDocument(JsonObject raw)
{
    /// <summary>The response body exactly as received.</summary>
    public JsonObject Raw { get; } = raw;

    /// <summary>The opportunity id.</summary>
    public string Id => (string?)Raw[nameof(Id)] ?? throw new InvalidOperationException("GetOpportunity returned no Id.");

    /// <summary>The modification time as sent (echoed back unchanged in the update).</summary>
    public JsonNode? LastModifiedDate => Raw[nameof(LastModifiedDate)];

    /// <summary>E.g. <c>Pending Submission</c>, <c>Submitted</c>, <c>In review</c>, <c>Approved</c>.</summary>
    public string? ReviewStatus => (string?)Raw[nameof(LifeCycle)]?[nameof(ReviewStatus)];

    /// <summary>The title, which cannot change after creation.</summary>
    public string? Title => (string?)Raw[nameof(Project)]?[nameof(Title)];

    /// <summary>The solutions associated with it (<c>RelatedEntityIdentifiers.Solutions</c>), or null when the answer has no <c>RelatedEntityIdentifiers</c>.</summary>
    public IReadOnlyList<string>? Solutions =>
        Raw["RelatedEntityIdentifiers"] is JsonObject related
            ? (related[nameof(Solutions)] as JsonArray)?.Select(s => (string?)s).OfType<string>().ToList() ?? []
            : null;
}
