using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// Which members of an opportunity a partner writes, read from the model: the members of <c>UpdateOpportunityRequest</c>
/// bar <c>Catalog</c>, <c>Identifier</c> and <c>LastModifiedDate</c> (which say where and which version), and bar the
/// members only AWS writes (<see cref="DocumentedRules.ReadOnlyMembers"/>); plus the members a test declared AWS has
/// added since the model was published (<see cref="PartnerCentralEmulator.AddModelMember"/>).
/// </summary>
/// <remarks>
/// UpdateOpportunity replaces all of these: one an update leaves out becomes null. Members neither the model nor a
/// test declares are ignored, not stored, as AWS's JSON services ignore members they do not know.
/// </remarks>
internal sealed class OpportunityMembers(ServiceModel model)
{
    static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "Catalog", "Identifier", "LastModifiedDate" };

    readonly HashSet<string> _added = new(StringComparer.Ordinal);
    readonly ModelShape _update = model.Operation("UpdateOpportunity").Input!;

    /// <summary>The request shape whose members are written.</summary>
    public ModelShape UpdateShape => _update;

    /// <summary>The members declared added, as dotted paths (list items share their list's path).</summary>
    public IReadOnlyCollection<string> Added => _added;

    /// <summary>Declares a member AWS has added: stored, returned and replaced like the model's own.</summary>
    /// <exception cref="ArgumentException">The path is empty, or the model has the member already.</exception>
    public void Add(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var names = path.Split('.');
        ModelShape? shape = _update;
        foreach (var name in names[..^1])
        {
            shape = shape?.Member(name)?.Shape;
            while (shape is { Kind: ShapeKind.List })
                shape = shape.Item;
        }

        if (shape?.Member(names[^1]) is not null)
            throw new ArgumentException($"The model has {path} already.", nameof(path));
        _added.Add(path);
    }

    /// <summary>
    /// What a partner writes of <paramref name="body"/> (a CreateOpportunity or UpdateOpportunity body, or an opportunity
    /// document): the writable members, each structure cut down to what it knows, in the model's order.
    /// </summary>
    public JsonObject Writable(JsonObject body) => Structure(body, _update, "", root: true);

    /// <summary>The members of <c>LifeCycle</c> only AWS writes, as <paramref name="lifeCycle"/> holds them.</summary>
    public static JsonObject ReadOnlyLifeCycle(JsonNode? lifeCycle)
    {
        var kept = new JsonObject();
        foreach (var path in DocumentedRules.ReadOnlyMembers)
        {
            var name = path["LifeCycle.".Length..];
            if (lifeCycle?[name] is { } value)
                kept[name] = value.DeepClone();
        }

        return kept;
    }

    JsonObject Structure(JsonObject source, ModelShape shape, string prefix, bool root = false)
    {
        var kept = new JsonObject();
        foreach (var member in shape.Members)
        {
            var path = prefix + member.Name;
            if ((root && Bookkeeping.Contains(member.Name)) || DocumentedRules.ReadOnlyMembers.Contains(path) || source[member.Name] is not { } value)
                continue;
            if (Value(value, member.Shape, path) is { } projected)
                kept[member.Name] = projected;
        }

        foreach (var (name, value) in source)
        {
            if (value is not null && shape.Member(name) is null && _added.Contains(prefix + name))
                kept[name] = value.DeepClone();
        }

        return kept;
    }

    JsonNode? Value(JsonNode value, ModelShape shape, string path) => (shape.Kind, value) switch
    {
        (ShapeKind.Structure or ShapeKind.Union, JsonObject structure) => Structure(structure, shape, path + "."),
        (ShapeKind.List, JsonArray items) when shape.Item!.Kind is ShapeKind.Structure or ShapeKind.Union =>
            new JsonArray(items.Select(item => item is JsonObject o ? (JsonNode)Structure(o, shape.Item, path + ".") : item?.DeepClone()).ToArray()),
        _ => value.DeepClone(),
    };
}
