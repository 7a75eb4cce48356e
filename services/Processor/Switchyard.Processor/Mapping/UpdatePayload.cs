using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// Cuts GetOpportunity's answer down to what an UpdateOpportunity carries, by AWS's model of the API: every member
/// the model's <c>UpdateOpportunityRequest</c> takes, and every member the model does not know at all.
/// </summary>
/// <remarks>
/// <para>
/// UpdateOpportunity replaces the whole record: a member left out is set to null ("If any field is omitted, the API
/// assumes that the field is set to null", UpdateOpportunity in the Partner Central API reference). So what goes back
/// is decided by exclusion, not by a list of names: left out are only the members the model says GetOpportunity
/// returns and UpdateOpportunity does not take (<c>Id</c>, <c>Arn</c>, <c>CreatedDate</c>,
/// <c>RelatedEntityIdentifiers</c>, <c>OpportunityTeam</c>), the request's bookkeeping (<c>Catalog</c>,
/// <c>Identifier</c> and <c>LastModifiedDate</c>, which the update sets itself), and the members AWS documents as its
/// own (<see cref="DocumentedRules.ReadOnlyMembers"/>: the review and the next-steps history, which an update cannot
/// clear).
/// </para>
/// <para>
/// A member the model does not know (one AWS added after the model Switchyard carries) is sent back as it came, at
/// any depth: if the service takes it, the update keeps it; if it does not, AWS's JSON services ignore members they do
/// not know. Either way the update does not erase it.
/// </para>
/// </remarks>
public static class UpdatePayload
{
    static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "Catalog", "Identifier", "LastModifiedDate" };
    static readonly ModelShape Request = ServiceModel.PartnerCentralSelling.Operation("UpdateOpportunity").Input!;
    static readonly ModelShape Response = ServiceModel.PartnerCentralSelling.Operation("GetOpportunity").Output!;

    /// <summary>
    /// A copy of <paramref name="opportunity"/> (GetOpportunity's answer, or an update body) with only what an
    /// UpdateOpportunity carries; null members are dropped, as they mean the same as absent ones.
    /// </summary>
    public static JsonObject From(JsonObject opportunity)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        return Structure(opportunity, Request, Response, "", root: true);
    }

    static JsonObject Structure(JsonObject source, ModelShape? request, ModelShape? response, string prefix, bool root = false)
    {
        var kept = new JsonObject();
        foreach (var (name, value) in source)
        {
            var path = prefix + name;
            if (value is null || (root && Bookkeeping.Contains(name)) || DocumentedRules.ReadOnlyMembers.Contains(path))
                continue;

            if (request?.Member(name) is { } member)
                kept[name] = Value(value, member.Shape, response?.Member(name)?.Shape, path);
            else if (response?.Member(name) is null)
                kept[name] = value.DeepClone(); // unknown to the model: newer than it, carried back as it came
        }

        return kept;
    }

    static JsonNode Value(JsonNode value, ModelShape request, ModelShape? response, string path) => (request.Kind, value) switch
    {
        (ShapeKind.Structure or ShapeKind.Union, JsonObject structure) => Structure(structure, request, response, path + "."),
        (ShapeKind.List, JsonArray items) when request.Item!.Kind is ShapeKind.Structure or ShapeKind.Union =>
            new JsonArray(items.Select(item => item is JsonObject o ? Structure(o, request.Item, response?.Item, path + ".") : item?.DeepClone()).ToArray()),
        _ => value.DeepClone(),
    };
}
