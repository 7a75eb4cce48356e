using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.PartnerCentral.Model;

/// <summary>
/// The rules AWS documents across members of an opportunity, which the model's shapes cannot state, and the members
/// of an opportunity only AWS writes. AWS answers a broken rule with a <c>ValidationException</c> whose reason is
/// <c>BUSINESS_VALIDATION_FAILED</c>.
/// </summary>
/// <remarks>
/// Each rule names the member documentation it comes from; that text is also the member's entry on the data type's
/// page of the Partner Central API reference (docs.aws.amazon.com/partner-central/latest/APIReference/API_&lt;Shape&gt;.html).
/// The rules apply to <c>CreateOpportunity</c> and <c>UpdateOpportunity</c>, whose bodies share their members.
/// </remarks>
public static class DocumentedRules
{
    /// <summary>
    /// Members of an opportunity that AWS writes and a partner cannot: <c>LifeCycle.ReviewStatus</c> ("This field is
    /// read-only", API_LifeCycle), and the review's comments, reason and the next-steps history AWS keeps. They are in
    /// the <c>LifeCycle</c> structure both requests share, so the model lists them as input; an update that leaves them
    /// out does not clear them.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadOnlyMembers =
        ["LifeCycle.ReviewStatus", "LifeCycle.ReviewComments", "LifeCycle.ReviewStatusReason", "LifeCycle.NextStepsHistory"];

    /// <summary>The only <c>Origin</c> of an opportunity created in the <c>AWS</c> catalog.</summary>
    public const string PartnerReferral = "Partner Referral";

    /// <summary>The partition whose spend must be in euros.</summary>
    public const string EuropeanSovereignCloud = "aws-eusc";

    /// <summary>Every broken rule in <paramref name="request"/>, the body of <paramref name="operation"/>.</summary>
    public static IReadOnlyList<ModelViolation> Check(ServiceModel model, string operation, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        var violations = new List<ModelViolation>();
        if (operation is not ("CreateOpportunity" or "UpdateOpportunity"))
            return violations;

        // CreateOpportunityRequest.Origin: "For all opportunities created with Catalog: AWS, this field must only be
        // Partner Referral"; the Sandbox may simulate AWS referrals.
        if (operation == "CreateOpportunity" && Text(request["Catalog"]) == "AWS" && Text(request["Origin"]) is { } origin && origin != PartnerReferral)
            violations.Add(Rule("Origin", $"Member must be {PartnerReferral} in the AWS catalog", ModelViolation.InvalidValue));

        var account = request["Customer"]?["Account"];
        var industry = Text(account?["Industry"]);
        // Account.OtherIndustry: "Specifies the end Customer's industry ... when the selected value in the Industry
        // field is Other."
        if (industry == "Other" && string.IsNullOrWhiteSpace(Text(account?["OtherIndustry"])))
            violations.Add(Rule("Customer.Account.OtherIndustry", "Member is required when Industry is Other", ModelViolation.RequiredFieldMissing));
        // NationalSecurity: "This field must be set to true only when the customer's industry is Government."
        if (Text(request["NationalSecurity"]) == "Yes" && industry != "Government")
            violations.Add(Rule("NationalSecurity", "Member may be Yes only when Customer.Account.Industry is Government", ModelViolation.InvalidValue));

        // Address.StateOrRegion: "Valid values: Alabama | Alaska | ... | FPO, AP", which are the United States' states,
        // territories and military post codes: applied to US addresses, where a region elsewhere is free text.
        var address = account?["Address"];
        if (Text(address?["CountryCode"]) == "US" && Text(address?["StateOrRegion"]) is { } state
            && model.UsStates.Check(state, "Customer.Account.Address.StateOrRegion") is { } notAState)
            violations.Add(notAState with { Kind = ViolationKind.BusinessRule, Message = $"Member must be a US state or territory when CountryCode is US: [{string.Join(", ", model.UsStates.Values!)}]" });

        // LifeCycle.ClosedLostReason: "Specifies the reason code when an opportunity is marked as Closed Lost."
        var lifeCycle = request["LifeCycle"];
        if (Text(lifeCycle?["Stage"]) == "Closed Lost" && lifeCycle?["ClosedLostReason"] is null)
            violations.Add(Rule("LifeCycle.ClosedLostReason", "Member is required when Stage is Closed Lost", ModelViolation.RequiredFieldMissing));

        var project = request["Project"];
        // ExpectedCustomerSpend.CurrencyCode and MonetaryValue.CurrencyCode: "If the AWS Partition is aws-eusc (AWS
        // European Sovereign Cloud), the currency code must be EUR."
        if (Text(project?["AwsPartition"]) == EuropeanSovereignCloud)
        {
            if (project?["ExpectedCustomerSpend"] is JsonArray spend)
            {
                for (var i = 0; i < spend.Count; i++)
                {
                    if (Text(spend[i]?["CurrencyCode"]) is { } currency && currency != "EUR")
                        violations.Add(Rule($"Project.ExpectedCustomerSpend[{i}].CurrencyCode", $"Member must be EUR when Project.AwsPartition is {EuropeanSovereignCloud}", ModelViolation.InvalidValue));
                }
            }

            if (Text(request["SoftwareRevenue"]?["Value"]?["CurrencyCode"]) is { } revenueCurrency && revenueCurrency != "EUR")
                violations.Add(Rule("SoftwareRevenue.Value.CurrencyCode", $"Member must be EUR when Project.AwsPartition is {EuropeanSovereignCloud}", ModelViolation.InvalidValue));
        }

        // Project.OtherCompetitorNames: "Only allowed when CompetitorNames has Other selected" (the value *Other).
        if (Text(project?["OtherCompetitorNames"]) is not null && Text(project?["CompetitorName"]) != "*Other")
            violations.Add(Rule("Project.OtherCompetitorNames", "Member is allowed only when CompetitorName is *Other", ModelViolation.InvalidValue));

        // Marketing.UseCases: "Must be empty when Marketing.AWSFundingUsed = No."
        var marketing = request["Marketing"];
        if (Text(marketing?["AwsFundingUsed"]) == "No" && marketing?["UseCases"] is JsonArray { Count: > 0 })
            violations.Add(Rule("Marketing.UseCases", "Member must be empty when AwsFundingUsed is No", ModelViolation.InvalidValue));

        return violations;
    }

    static ModelViolation Rule(string path, string message, string code) => new(path, ViolationKind.BusinessRule, message, code);

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
