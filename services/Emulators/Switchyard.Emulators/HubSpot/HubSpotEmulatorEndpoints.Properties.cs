using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Emulators.HubSpot;

// The CRM properties API (/crm/v3/properties/{objectType}): property definitions and groups, read and created as a
// setup tool does, idempotently (a second create of a name answers 409).
public static partial class HubSpotEmulatorEndpoints
{
    sealed partial class Api
    {
        // The type a property holds and the field types that edit it ("Properties" API guide, "Property type and
        // fieldType values").
        static readonly Dictionary<string, string[]> FieldTypes = new(StringComparer.Ordinal)
        {
            ["string"] = ["text", "textarea", "html", "phonenumber", "file"],
            ["number"] = ["number", "calculation_equation"],
            ["date"] = ["date"],
            ["datetime"] = ["date"],
            ["enumeration"] = ["select", "radio", "checkbox", "booleancheckbox", "calculation_equation"],
            ["bool"] = ["booleancheckbox", "calculation_equation"],
        };

        void MapProperties(RouteGroupBuilder group)
        {
            group.MapGet("/crm/v3/properties/{objectType}", ListProperties);
            group.MapPost("/crm/v3/properties/{objectType}", CreateProperty);
            group.MapGet("/crm/v3/properties/{objectType}/groups", ListGroups);
            group.MapPost("/crm/v3/properties/{objectType}/groups", CreateGroup);
            group.MapGet("/crm/v3/properties/{objectType}/groups/{groupName}", GetGroup);
            group.MapPatch("/crm/v3/properties/{objectType}/groups/{groupName}", UpdateGroup);
            group.MapGet("/crm/v3/properties/{objectType}/{propertyName}", GetProperty);
            group.MapPatch("/crm/v3/properties/{objectType}/{propertyName}", UpdateProperty);
            group.MapDelete("/crm/v3/properties/{objectType}/{propertyName}", ArchiveProperty);
        }

        public IResult ListProperties(HttpContext context, string objectType)
        {
            if (PropertiesType(objectType, write: false, out var type) is { } refused)
                return refused;
            var archived = context.Request.Query["archived"].ToString() == "true";
            return Json(StatusCodes.Status200OK, new JsonObject
            {
                ["results"] = new JsonArray(state.PropertyDefinitions(type, archived).Select(p => (JsonNode)PropertyJson(p)).ToArray()),
            });
        }

        public IResult GetProperty(string objectType, string propertyName)
        {
            if (PropertiesType(objectType, write: false, out var type) is { } refused)
                return refused;
            return state.Property(type, propertyName) is { } property
                ? Json(StatusCodes.Status200OK, PropertyJson(property))
                : PropertyNotFound(propertyName);
        }

        public IResult CreateProperty(HttpContext context, string objectType)
        {
            if (PropertiesType(objectType, write: true, out var type) is { } refused)
                return refused;
            if (ParseBody(context) is not { } body)
                return InvalidJson();

            var name = Text(body["name"]);
            var problems = new List<string>();
            if (name is null || !PropertyNamePattern().IsMatch(name))
                problems.Add("name must start with a lower-case letter and hold only lower-case letters, digits and underscores (at most 100)");
            var definition = Definition(type, body, name ?? "", existing: null, problems);
            if (problems.Count > 0)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Property values were not valid: {string.Join("; ", problems)}.");

            // HubSpot keeps an archived property's name: creating it again restores it, with the new definition.
            if (state.Property(type, name!) is not null)
                return Error(StatusCodes.Status409Conflict, "OBJECT_ALREADY_EXISTS", $"Property named '{name}' already exists.");
            if (!state.TryAddProperty(type, definition!))
                state.ReplaceProperty(type, definition!);
            return Json(StatusCodes.Status201Created, PropertyJson(definition!));
        }

        public IResult UpdateProperty(HttpContext context, string objectType, string propertyName)
        {
            if (PropertiesType(objectType, write: true, out var type) is { } refused)
                return refused;
            if (state.Property(type, propertyName) is not { } existing)
                return PropertyNotFound(propertyName);
            if (existing.HubSpotDefined)
                return Error(StatusCodes.Status400BadRequest, "READ_ONLY_VALUE", $"{propertyName} is a HubSpot defined property and cannot be modified.");
            if (ParseBody(context) is not { } body)
                return InvalidJson();

            var problems = new List<string>();
            var updated = Definition(type, body, propertyName, existing, problems);
            if (problems.Count > 0)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Property values were not valid: {string.Join("; ", problems)}.");
            state.ReplaceProperty(type, updated!);
            return Json(StatusCodes.Status200OK, PropertyJson(updated!));
        }

        public IResult ArchiveProperty(string objectType, string propertyName)
        {
            if (PropertiesType(objectType, write: true, out var type) is { } refused)
                return refused;
            if (state.Property(type, propertyName) is not { } existing)
                return PropertyNotFound(propertyName);
            if (existing.HubSpotDefined)
                return Error(StatusCodes.Status400BadRequest, "READ_ONLY_VALUE", $"{propertyName} is a HubSpot defined property and cannot be archived.");
            state.ReplaceProperty(type, existing with { Archived = true, UpdatedAt = state.Clock.GetUtcNow() });
            return Results.StatusCode(StatusCodes.Status204NoContent);
        }

        public IResult ListGroups(string objectType)
        {
            if (PropertiesType(objectType, write: false, out var type) is { } refused)
                return refused;
            return Json(StatusCodes.Status200OK, new JsonObject
            {
                ["results"] = new JsonArray(state.PropertyGroups(type).Where(g => !g.Archived).Select(g => (JsonNode)GroupJson(g)).ToArray()),
            });
        }

        public IResult GetGroup(string objectType, string groupName)
        {
            if (PropertiesType(objectType, write: false, out var type) is { } refused)
                return refused;
            return state.Group(type, groupName) is { Archived: false } group ? Json(StatusCodes.Status200OK, GroupJson(group)) : GroupNotFound(groupName);
        }

        public IResult CreateGroup(HttpContext context, string objectType)
        {
            if (PropertiesType(objectType, write: true, out var type) is { } refused)
                return refused;
            if (ParseBody(context) is not { } body)
                return InvalidJson();
            var name = Text(body["name"]);
            var label = Text(body["label"]);
            if (name is null || !PropertyNamePattern().IsMatch(name) || string.IsNullOrWhiteSpace(label))
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR",
                    "A property group needs a name (lower-case letters, digits and underscores, starting with a letter) and a label.");
            var displayOrder = int.TryParse(Text(body["displayOrder"]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order) ? order : -1;
            var group = new PropertyGroup(name, label, displayOrder, Archived: false);
            if (!state.TryAddGroup(type, group))
                return Error(StatusCodes.Status409Conflict, "OBJECT_ALREADY_EXISTS", $"A property group named '{name}' already exists.");
            return Json(StatusCodes.Status201Created, GroupJson(group));
        }

        public IResult UpdateGroup(HttpContext context, string objectType, string groupName)
        {
            if (PropertiesType(objectType, write: true, out var type) is { } refused)
                return refused;
            if (state.Group(type, groupName) is not { Archived: false } group)
                return GroupNotFound(groupName);
            if (ParseBody(context) is not { } body)
                return InvalidJson();
            var updated = group with
            {
                Label = Text(body["label"]) is { Length: > 0 } label ? label : group.Label,
                DisplayOrder = int.TryParse(Text(body["displayOrder"]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order) ? order : group.DisplayOrder,
            };
            state.ReplaceGroup(type, updated);
            return Json(StatusCodes.Status200OK, GroupJson(updated));
        }

        // A new definition from a create's body, or the existing one changed by a patch's; problems say what is wrong.
        PropertyDefinition? Definition(string type, JsonObject body, string name, PropertyDefinition? existing, List<string> problems)
        {
            var label = Text(body["label"]) ?? existing?.Label;
            var valueType = Text(body["type"]) ?? existing?.Type;
            var fieldType = Text(body["fieldType"]) ?? existing?.FieldType;
            var groupName = Text(body["groupName"]) ?? existing?.GroupName;
            if (string.IsNullOrWhiteSpace(label))
                problems.Add("label is required");
            if (valueType is null || !FieldTypes.TryGetValue(valueType, out var allowed))
                problems.Add($"type must be one of {string.Join(", ", FieldTypes.Keys)}");
            else if (fieldType is null || !allowed.Contains(fieldType))
                problems.Add($"fieldType must be one of {string.Join(", ", allowed)} for type {valueType}");
            if (groupName is null || state.Group(type, groupName) is not { Archived: false })
                problems.Add($"groupName must name an existing property group of {type}{(groupName is null ? "" : $", not '{groupName}'")}");

            var options = existing?.Options ?? [];
            if (body["options"] is JsonArray given)
            {
                options = given.Select((o, i) => new PropertyOption(Text(o?["label"]) ?? "", Text(o?["value"]) ?? "",
                    int.TryParse(Text(o?["displayOrder"]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order) ? order : i)
                {
                    Description = Text(o?["description"]) ?? "",
                    Hidden = Text(o?["hidden"]) == "true",
                }).ToList();
                if (options.Any(o => o.Label.Length == 0 || o.Value.Length == 0))
                    problems.Add("every option needs a label and a value");
                else if (options.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != options.Count)
                    problems.Add("option values must be unique");
            }
            else if (body["options"] is not null)
            {
                problems.Add("options must be a list");
            }

            if (valueType == "enumeration" && fieldType != "booleancheckbox" && options.Count == 0)
                problems.Add("an enumeration needs options");
            if (problems.Count > 0)
                return null;

            var now = state.Clock.GetUtcNow();
            return new PropertyDefinition(name, label!, valueType!, fieldType!, groupName!, Text(body["description"]) ?? existing?.Description ?? "",
                options, HubSpotDefined: false, existing?.CreatedAt ?? now)
            {
                UpdatedAt = now,
                DisplayOrder = int.TryParse(Text(body["displayOrder"]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var displayOrder)
                    ? displayOrder
                    : existing?.DisplayOrder ?? -1,
                Hidden = body["hidden"] is { } hidden ? Text(hidden) == "true" : existing?.Hidden ?? false,
                // "Only net new properties can be set to contain a unique value" (HubSpot's changelog on unique properties).
                HasUniqueValue = existing?.HasUniqueValue ?? Text(body["hasUniqueValue"]) == "true",
            };
        }

        // Reading definitions takes the object type's schema scope; activities' take the contacts'.
        IResult? PropertiesType(string objectType, bool write, out string type)
        {
            type = HubSpotObjectTypes.Normalize(objectType) ?? "";
            if (type.Length == 0)
                return UnknownType(objectType);
            var schema = HubSpotObjectTypes.IsActivity(type) ? HubSpotObjectTypes.Contacts : type;
            return MissingScope([$"crm.schemas.{schema}.{(write ? "write" : "read")}"]);
        }

        static JsonObject PropertyJson(PropertyDefinition property) => new()
        {
            ["updatedAt"] = HubSpotEmulatorState.Iso(property.UpdatedAt),
            ["createdAt"] = HubSpotEmulatorState.Iso(property.CreatedAt),
            ["name"] = property.Name,
            ["label"] = property.Label,
            ["type"] = property.Type,
            ["fieldType"] = property.FieldType,
            ["description"] = property.Description,
            ["groupName"] = property.GroupName,
            ["options"] = new JsonArray(property.Options.Select(o => (JsonNode)new JsonObject
            {
                ["label"] = o.Label,
                ["value"] = o.Value,
                ["description"] = o.Description,
                ["displayOrder"] = o.DisplayOrder,
                ["hidden"] = o.Hidden,
            }).ToArray()),
            ["displayOrder"] = property.DisplayOrder,
            ["calculated"] = false,
            ["externalOptions"] = false,
            ["hasUniqueValue"] = property.HasUniqueValue,
            ["hidden"] = property.Hidden,
            ["hubspotDefined"] = property.HubSpotDefined,
            ["modificationMetadata"] = new JsonObject
            {
                ["archivable"] = !property.HubSpotDefined,
                ["readOnlyDefinition"] = property.HubSpotDefined,
                ["readOnlyValue"] = false,
            },
            ["formField"] = !property.HubSpotDefined,
            ["archived"] = property.Archived,
        };

        static JsonObject GroupJson(PropertyGroup group) => new()
        {
            ["name"] = group.Name,
            ["label"] = group.Label,
            ["displayOrder"] = group.DisplayOrder,
            ["archived"] = group.Archived,
        };

        static IResult PropertyNotFound(string name) =>
            Error(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", $"Unable to find property with name {name}.");

        static IResult GroupNotFound(string name) =>
            Error(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", $"Unable to find a property group named {name}.");

        [GeneratedRegex("^[a-z][a-z0-9_]{0,99}$")]
        private static partial Regex PropertyNamePattern();
    }
}
