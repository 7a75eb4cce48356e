using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// What <c>UpdateOpportunity</c> accepts, member by member, to cut GetOpportunity's answer down to a request body.
/// </summary>
/// <remarks>
/// From the service model's <c>UpdateOpportunityRequest</c> and the structures it uses (<c>Customer</c>,
/// <c>Account</c>, <c>Address</c>, <c>Contact</c>, <c>LifeCycle</c>, <c>Marketing</c>, <c>Project</c>,
/// <c>ExpectedCustomerSpend</c>, <c>SoftwareRevenue</c>, <c>MonetaryValue</c>). GetOpportunity answers with the same
/// structures plus read-only top-level fields (<c>Id</c>, <c>Arn</c>, <c>CreatedDate</c>, <c>OpportunityTeam</c>,
/// <c>RelatedEntityIdentifiers</c>, ...), which are left out. <c>LifeCycle</c> is one structure for both, so its
/// members that only AWS writes (<c>ReviewStatus</c>, <c>ReviewComments</c>, <c>ReviewStatusReason</c>,
/// <c>NextStepsHistory</c>; the model documents the first and last as read-only) are left out too: sending them
/// back could at best be ignored, and leaving them out cannot clear them, as partners cannot write them. Members
/// this list does not know (added to the API after it was written) are dropped rather than sent on trust.
/// </remarks>
public sealed class UpdateOpportunityShape
{
    /// <summary>A value kept as it is: a string, number, boolean, or a list of them.</summary>
    public static readonly UpdateOpportunityShape Value = new(null, isList: false);

    static readonly UpdateOpportunityShape Address = Structure(
        "City", "CountryCode", "PostalCode", "StateOrRegion", "StreetAddress");

    static readonly UpdateOpportunityShape Account = Structure(
        ("Address", Address), "AwsAccountId", "CompanyName", "Duns", "Industry", "OtherIndustry", "WebsiteUrl");

    static readonly UpdateOpportunityShape Contact = Structure(
        "BusinessTitle", "Email", "FirstName", "LastName", "Phone");

    static readonly UpdateOpportunityShape Customer = Structure(("Account", Account), ("Contacts", ListOf(Contact)));

    static readonly UpdateOpportunityShape LifeCycle = Structure("ClosedLostReason", "NextSteps", "Stage", "TargetCloseDate");

    static readonly UpdateOpportunityShape Marketing = Structure("AwsFundingUsed", "CampaignName", "Channels", "Source", "UseCases");

    static readonly UpdateOpportunityShape ExpectedCustomerSpend = Structure(
        "Amount", "CurrencyCode", "EstimationUrl", "Frequency", "TargetCompany");

    static readonly UpdateOpportunityShape Project = Structure(
        "AdditionalComments", "ApnPrograms", "CompetitorName", "CustomerBusinessProblem", "CustomerUseCase",
        "DeliveryModels", ("ExpectedCustomerSpend", ListOf(ExpectedCustomerSpend)), "OtherCompetitorNames",
        "OtherSolutionDescription", "RelatedOpportunityIdentifier", "SalesActivities", "Title");

    static readonly UpdateOpportunityShape MonetaryValue = Structure("Amount", "CurrencyCode");

    static readonly UpdateOpportunityShape SoftwareRevenue = Structure(
        "DeliveryModel", "EffectiveDate", "ExpirationDate", ("Value", MonetaryValue));

    /// <summary>
    /// The request's data: everything but <c>Catalog</c>, <c>Identifier</c> and <c>LastModifiedDate</c>, which say
    /// where and which version rather than what.
    /// </summary>
    public static readonly UpdateOpportunityShape Request = Structure(
        ("Customer", Customer), ("LifeCycle", LifeCycle), ("Marketing", Marketing), "NationalSecurity",
        "OpportunityType", "PartnerOpportunityIdentifier", "PrimaryNeedsFromAws", ("Project", Project),
        ("SoftwareRevenue", SoftwareRevenue));

    UpdateOpportunityShape(FrozenDictionary<string, UpdateOpportunityShape>? members, bool isList)
    {
        Members = members;
        IsList = isList;
    }

    /// <summary>A structure's members and their shapes (names as on the wire); null for a plain value.</summary>
    public FrozenDictionary<string, UpdateOpportunityShape>? Members { get; }

    /// <summary>Whether this is a list of <see cref="Members"/>-shaped structures.</summary>
    public bool IsList { get; }

    /// <summary>
    /// A copy of <paramref name="node"/> with only what this shape accepts; null when nothing of it is accepted
    /// (null values, a structure where a value belongs or the other way round).
    /// </summary>
    public JsonNode? Keep(JsonNode? node)
    {
        if (node is null)
            return null;
        if (Members is null)
            return node is JsonObject ? null : node.DeepClone();

        if (IsList)
        {
            if (node is not JsonArray items)
                return null;
            var kept = new JsonArray();
            foreach (var item in items)
            {
                if (KeepStructure(item) is { } structure)
                    kept.Add(structure);
            }

            return kept;
        }

        return KeepStructure(node);
    }

    JsonObject? KeepStructure(JsonNode? node)
    {
        if (node is not JsonObject source)
            return null;

        var kept = new JsonObject();
        foreach (var (name, value) in source)
        {
            if (Members!.TryGetValue(name, out var shape) && shape.Keep(value) is { } member)
                kept[name] = member;
        }

        return kept;
    }

    static UpdateOpportunityShape ListOf(UpdateOpportunityShape structure) => new(structure.Members, isList: true);

    static UpdateOpportunityShape Structure(params object[] members)
    {
        var map = new Dictionary<string, UpdateOpportunityShape>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var (name, shape) = member switch
            {
                string value => (value, Value),
                ValueTuple<string, UpdateOpportunityShape> structure => structure,
                _ => throw new ArgumentException($"Unexpected member {member}.", nameof(members)),
            };
            map.Add(name, shape);
        }

        return new UpdateOpportunityShape(map.ToFrozenDictionary(StringComparer.Ordinal), isList: false);
    }
}
