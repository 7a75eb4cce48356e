using System.Text.Json.Nodes;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Submission;

/// <summary>
/// What an update may change while AWS reviews or has approved an opportunity, from AWS's Partner Central selling API
/// guide, "Working with opportunity updates": in <c>Action Required</c> "AWS opens select fields for updates", and
/// after approval some fields "cannot be updated". <see cref="Apply"/> puts every other change back to Partner
/// Central's value, so an update never carries a change AWS would refuse. Pure.
/// </summary>
public static class ReviewGate
{
    /// <summary>The review status in which only <see cref="OpenWhenActionRequired"/> may change.</summary>
    public const string ActionRequired = "Action Required";

    /// <summary>The review status after which <see cref="FrozenWhenApproved"/> keep their values.</summary>
    public const string Approved = "Approved";

    /// <summary>"If the opportunity is in Action Required status, AWS opens select fields for updates" ("Working with opportunity updates").</summary>
    public static readonly IReadOnlyList<string> OpenWhenActionRequired =
    [
        "Customer.Account.Address.City", "Customer.Account.Address.CountryCode", "Customer.Account.Address.PostalCode",
        "Customer.Account.Address.StateOrRegion", "Customer.Account.Address.StreetAddress", "Customer.Account.WebsiteUrl",
        "LifeCycle.TargetCloseDate", "Project.ExpectedCustomerSpend", "Project.CustomerBusinessProblem",
        "PartnerOpportunityIdentifier",
    ];

    /// <summary>"After the review process (i.e., when Lifecycle.ReviewStatus is set to Approved), the following fields cannot be updated" (the same page).</summary>
    public static readonly IReadOnlyList<string> FrozenWhenApproved =
    [
        "Customer.Account.Address.CountryCode", "Customer.Account.Address.PostalCode", "Customer.Account.Industry",
        "Customer.Account.WebsiteUrl", "Project.CustomerBusinessProblem", "PartnerOpportunityIdentifier", "Project.Title",
    ];

    /// <summary>
    /// Puts back, in <paramref name="update"/> (an UpdateOpportunity body built from <paramref name="current"/>), every
    /// change <paramref name="reviewStatus"/> does not allow, and returns their paths (empty when nothing was held back).
    /// </summary>
    public static IReadOnlyList<string> Apply(string? reviewStatus, JsonObject current, JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(update);
        Func<string, bool>? allowed = reviewStatus switch
        {
            _ when string.Equals(reviewStatus, ActionRequired, StringComparison.OrdinalIgnoreCase) => path => Within(path, OpenWhenActionRequired),
            _ when string.Equals(reviewStatus, Approved, StringComparison.OrdinalIgnoreCase) => path => !Within(path, FrozenWhenApproved),
            _ => null,
        };
        if (allowed is null)
            return [];

        var before = UpdatePayload.From(current);
        var after = UpdatePayload.From(update);
        var held = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in Leaves(before, "").Union(Leaves(after, "")).Distinct())
        {
            var old = At(before, path);
            if (JsonNode.DeepEquals(old, At(after, path)) || allowed(path))
                continue;
            Set(update, path, old?.DeepClone());
            held.Add(path);
        }

        return [.. held];
    }

    static bool Within(string path, IReadOnlyList<string> fields) =>
        fields.Any(f => path == f || path.StartsWith(f + ".", StringComparison.Ordinal) || f.StartsWith(path + ".", StringComparison.Ordinal));

    // Members of objects, recursively; arrays and values are leaves.
    static IEnumerable<string> Leaves(JsonObject node, string prefix)
    {
        foreach (var (name, value) in node)
        {
            var path = prefix + name;
            if (value is JsonObject inner && inner.Count > 0)
            {
                foreach (var leaf in Leaves(inner, path + "."))
                    yield return leaf;
            }
            else
                yield return path;
        }
    }

    static JsonNode? At(JsonObject root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('.'))
            node = node is JsonObject o ? o[part] : null;
        return node;
    }

    static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next)
            {
                if (value is null)
                    return;
                node[part] = next = new JsonObject();
            }

            node = next;
        }

        if (value is null)
            node.Remove(parts[^1]);
        else
            node[parts[^1]] = value;
    }
}

/// <summary>Saying on a deal, once, which of its changes an update held back during or after AWS's review.</summary>
public static class HeldBackChanges
{
    /// <summary>What <c>aws_sync_error</c> says while changes are held back, or null when none are.</summary>
    public static string? Describe(string? reviewStatus, IReadOnlyList<string> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return held.Count == 0 ? null : $"Not sent while {reviewStatus}: {string.Join(", ", held)}";
    }

    /// <summary>A note on the deal, unless <c>aws_sync_error</c> says the same already (a redelivery, or another change of the same review).</summary>
    public static async Task SayAsync(HubSpot.IHubSpotCrmClient crm, HubSpot.HubSpotDeal deal, string opportunityId, string reviewStatus, IReadOnlyList<string> held,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crm);
        ArgumentNullException.ThrowIfNull(deal);
        var described = Describe(reviewStatus, held);
        if (described is null || deal.Property(HubSpot.DealProperties.SyncError) == described)
            return;
        var accepted = string.Equals(reviewStatus, ReviewGate.ActionRequired, StringComparison.OrdinalIgnoreCase)
            ? $"AWS accepts changes only to {string.Join(", ", ReviewGate.OpenWhenActionRequired)} while an opportunity is Action Required"
            : $"AWS keeps {string.Join(", ", ReviewGate.FrozenWhenApproved)} as approved";
        await crm.CreateNoteOnDealAsync(deal.Id, SubmissionFailures.Note(
            $"Switchyard did not send some changes of this deal to AWS Partner Central opportunity {opportunityId}: {string.Join(", ", held)} " +
            $"changed in HubSpot, but {accepted} (\"Working with opportunity updates\"). Partner Central keeps its values."), cancellationToken);
        await crm.UpdateDealAsync(deal.Id, new Dictionary<string, string?> { [HubSpot.DealProperties.SyncError] = described }, cancellationToken);
    }
}
