// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

// ListOpportunities: what polling reads. "Find the latest LastModifiedDate that you stored ... submit the date in ISO
// 8601 format in the AfterLastModifiedDate filter. Amazon Web Services only returns opportunities created or updated on
// or after that date and time. Use NextToken to iterate over all pages." (the operation's documentation in the model).
public sealed partial class PartnerCentralEmulator
{
    JsonObject ListOpportunities(JsonObject body)
    {
        const string operation = "ListOpportunities";
        var catalog = (string)body["Catalog"]!;
        var ids = Strings(body["Identifier"]);
        var stages = Strings(body["LifeCycleStage"]);
        var reviewStatuses = Strings(body["LifeCycleReviewStatus"]);
        var companies = Strings(body["CustomerCompanyName"])?.Select(c => c.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var (modifiedAfter, modifiedBefore) = (Instant(body["LastModifiedDate"]?["AfterLastModifiedDate"]), Instant(body["LastModifiedDate"]?["BeforeLastModifiedDate"]));
        var (createdAfter, createdBefore) = (Instant(body["CreatedDate"]?["AfterCreatedDate"]), Instant(body["CreatedDate"]?["BeforeCreatedDate"]));
        var (closeAfter, closeBefore) = ((string?)body["TargetCloseDate"]?["AfterTargetCloseDate"], (string?)body["TargetCloseDate"]?["BeforeTargetCloseDate"]);
        lock (_gate)
        {
            var matching = _opportunities.Values.Where(o => o.Catalog == catalog)
                .Select(o => (Stored: o, Document: Document(o)))
                .Where(o => ids is null || ids.Contains(o.Stored.Id))
                .Where(o => stages is null || stages.Contains((string?)o.Document["LifeCycle"]?["Stage"] ?? ""))
                .Where(o => reviewStatuses is null || reviewStatuses.Contains((string?)o.Document["LifeCycle"]?["ReviewStatus"] ?? ""))
                .Where(o => companies is null || companies.Contains(((string?)o.Document["Customer"]?["Account"]?["CompanyName"] ?? "").ToUpperInvariant()))
                // On or after the date given, as the documentation says; before it, strictly.
                .Where(o => modifiedAfter is null || o.Stored.LastModifiedDate >= modifiedAfter)
                .Where(o => modifiedBefore is null || o.Stored.LastModifiedDate < modifiedBefore)
                .Where(o => createdAfter is null || o.Stored.CreatedDate >= createdAfter)
                .Where(o => createdBefore is null || o.Stored.CreatedDate < createdBefore)
                .Where(o => closeAfter is null || string.CompareOrdinal((string?)o.Document["LifeCycle"]?["TargetCloseDate"] ?? "", closeAfter) >= 0)
                .Where(o => closeBefore is null || ((string?)o.Document["LifeCycle"]?["TargetCloseDate"] is { } close && string.CompareOrdinal(close, closeBefore) < 0));

            // "The default Sort.SortBy value is LastModifiedDate" (ListOpportunitiesRequest.Sort); newest first.
            Func<(StoredOpportunity Stored, JsonObject Document), string> key = (string?)body["Sort"]?["SortBy"] switch
            {
                "Identifier" => o => o.Stored.Id.PadLeft(21, '0'),
                "CustomerCompanyName" => o => (string?)o.Document["Customer"]?["Account"]?["CompanyName"] ?? "",
                "CreatedDate" => o => Format(o.Stored.CreatedDate) + o.Stored.Id.PadLeft(21, '0'),
                "TargetCloseDate" => o => (string?)o.Document["LifeCycle"]?["TargetCloseDate"] ?? "",
                _ => o => Format(o.Stored.LastModifiedDate) + o.Stored.Id.PadLeft(21, '0'),
            };
            var sorted = Sort(matching, key, body["Sort"], descendingByDefault: true).ThenBy(o => o.Stored.Id.PadLeft(21, '0'), StringComparer.Ordinal).ToList();
            var summary = _model.Shape("OpportunitySummary");
            return Page(sorted, Offset(body, operation, catalog), (int?)body["MaxResults"] ?? 20, "OpportunitySummaries",
                o => Project(o.Document, summary), operation, catalog);
        }
    }

    /// <summary><paramref name="document"/> cut down to what <paramref name="shape"/> has, in its order, at every depth.</summary>
    static JsonObject Project(JsonObject document, ModelShape shape)
    {
        var projected = new JsonObject();
        foreach (var member in shape.Members)
        {
            if (document[member.Name] is not { } value)
                continue;
            projected[member.Name] = (member.Shape.Kind, value) switch
            {
                (ShapeKind.Structure, JsonObject structure) => Project(structure, member.Shape),
                (ShapeKind.List, JsonArray items) when member.Shape.Item!.Kind == ShapeKind.Structure =>
                    new JsonArray(items.Select(i => i is JsonObject o ? (JsonNode)Project(o, member.Shape.Item) : i?.DeepClone()).ToArray()),
                _ => value.DeepClone(),
            };
        }

        return projected;
    }

    static DateTimeOffset? Instant(JsonNode? value) =>
        value is not null && Timestamps.TryParseIso8601((string)value!, out var instant) ? Truncate(instant) : null;
}
