// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text.Json.Nodes;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.ReviewSync;

/// <summary>
/// The deal properties that say what AWS says of the deal's opportunity: its review (GetOpportunity's
/// <c>LifeCycle.ReviewStatus</c>, <c>ReviewComments</c>, <c>ReviewStatusReason</c>) and AWS's own opportunity
/// (GetAwsOpportunitySummary: <c>LifeCycle.Stage</c>, <c>Insights.EngagementScore</c>, <c>Insights.NextBestActions</c>,
/// the seller in <c>OpportunityTeam</c>).
/// </summary>
public static class AwsSideProperties
{
    /// <summary>The properties this sync owns, except <see cref="DealProperties.LastSyncedAt"/>, which goes with any change.</summary>
    public static readonly IReadOnlyList<string> Owned =
    [
        DealProperties.ReviewStatus, DealProperties.ReviewComments, DealProperties.ReviewStatusReason,
        DealProperties.AwsStage, DealProperties.EngagementScore, DealProperties.Seller, DealProperties.AwsNextSteps,
    ];

    // AwsMemberBusinessTitle in the model: the account owner is the seller who owns the customer; without one, the sales rep.
    static readonly string[] SellerTitles = ["AWSAccountOwner", "AWSSalesRep"];

    /// <summary>
    /// What the deal should say, from the opportunity and, once AWS has one, the AWS opportunity summary. Without a
    /// summary the summary's properties are left out (not cleared): AWS has not said anything yet.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> From(JsonObject opportunity, JsonObject? summary)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        var lifeCycle = opportunity["LifeCycle"] as JsonObject;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [DealProperties.ReviewStatus] = Text(lifeCycle?["ReviewStatus"]),
            [DealProperties.ReviewComments] = Text(lifeCycle?["ReviewComments"]),
            [DealProperties.ReviewStatusReason] = Text(lifeCycle?["ReviewStatusReason"]),
        };
        if (summary is not null)
        {
            values[DealProperties.AwsStage] = Text(summary["LifeCycle"]?["Stage"]);
            values[DealProperties.EngagementScore] = Text(summary["Insights"]?["EngagementScore"]);
            values[DealProperties.AwsNextSteps] = Text(summary["Insights"]?["NextBestActions"]);
            values[DealProperties.Seller] = Seller(summary["OpportunityTeam"] as JsonArray);
        }

        return values;
    }

    /// <summary>The properties of <paramref name="wanted"/> whose value differs from the deal's (empty and absent are the same).</summary>
    public static IReadOnlyDictionary<string, string?> Changes(HubSpotDeal deal, IReadOnlyDictionary<string, string?> wanted)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(wanted);
        return wanted.Where(p => !string.Equals(deal.Property(p.Key), string.IsNullOrEmpty(p.Value) ? null : p.Value, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    static string? Seller(JsonArray? team)
    {
        var members = team?.OfType<JsonObject>().ToList() ?? [];
        var seller = SellerTitles.Select(title => members.FirstOrDefault(m => Text(m["BusinessTitle"]) == title)).FirstOrDefault(m => m is not null);
        if (seller is null)
            return null;
        var name = string.Join(' ', new[] { Text(seller["FirstName"]), Text(seller["LastName"]) }.Where(n => n is not null));
        var email = Text(seller["Email"]);
        return (name.Length > 0, email) switch
        {
            (true, not null) => $"{name} <{email}>",
            (true, null) => name,
            (false, not null) => email,
            _ => null,
        };
    }

    static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
}
