using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.Emulators.HubSpot;

// What co-selling needs of HubSpot besides reading and writing objects: the CRM search (companies by domain, deals by a
// property), associations made after the fact (v4 and v3), owners, scopes, and the token's information.
public static partial class HubSpotEmulatorEndpoints
{
    sealed partial class Api
    {
        // CRM search limits ("Search the CRM" guide): five filter groups, six filters each, eighteen in all, 200 a page.
        const int MaxFilterGroups = 5;
        const int MaxFiltersPerGroup = 6;
        const int MaxFilters = 18;
        const int MaxSearchPage = 200;

        static readonly string[] Operators =
        [
            "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY",
            "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
        ];

        public void MapCoSell(RouteGroupBuilder group)
        {
            group.MapPost("/crm/v3/objects/{objectType}/search", Search);
            group.MapPut("/crm/v4/objects/{objectType}/{objectId}/associations/default/{toObjectType}/{toObjectId}", AssociateDefault);
            group.MapPut("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", AssociateLabelled);
            group.MapDelete("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}", Dissociate);
            group.MapPut("/crm/v3/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}/{associationType}", AssociateV3);
            group.MapGet("/crm/v3/owners", ListOwners);
            group.MapGet("/crm/v3/owners/{ownerId}", GetOwner);
            group.MapPost("/oauth/v2/private-apps/get/access-token-info", TokenInfo);
            MapProperties(group);
        }

        // ---- Search ----

        public IResult Search(HttpContext context, string objectType)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (MissingObjectScope(type, write: false) is { } forbidden)
                return forbidden;
            if (ParseBody(context) is not { } body)
                return InvalidJson();
            if (body["query"] is not null)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "The HubSpot emulator searches by filterGroups only, not by a free-text query.");

            var groups = body["filterGroups"] as JsonArray ?? [];
            var filterCount = groups.Sum(g => (g?["filters"] as JsonArray)?.Count ?? 0);
            if (groups.Count > MaxFilterGroups || groups.Any(g => ((g?["filters"] as JsonArray)?.Count ?? 0) > MaxFiltersPerGroup) || filterCount > MaxFilters)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR",
                    $"A search takes at most {MaxFilterGroups} filter groups of at most {MaxFiltersPerGroup} filters each, {MaxFilters} filters in all.");

            var filters = new List<List<Filter>>();
            foreach (var filterGroup in groups)
            {
                var parsed = new List<Filter>();
                foreach (var node in filterGroup?["filters"] as JsonArray ?? [])
                {
                    if (ParseFilter(type, node) is not { } filter)
                        return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR",
                            $"Invalid filter: each needs a defined propertyName and an operator of {string.Join(", ", Operators)}, with value, values or highValue as the operator takes.");
                    parsed.Add(filter);
                }

                filters.Add(parsed);
            }

            var limit = 10;
            if (body["limit"] is { } limitNode && (!int.TryParse(Text(limitNode), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxSearchPage))
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"limit must be between 1 and {MaxSearchPage}.");
            var offset = 0;
            if (Text(body["after"]) is { Length: > 0 } after && !int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Invalid paging cursor 'after': {after}");

            // Filter groups are ORed, the filters of one group ANDed; no filter group finds everything.
            var matching = state.All(type).Where(o => filters.Count == 0 || filters.Any(g => g.All(f => f.Matches(o.Object.Properties.GetValueOrDefault(f.Property)))));
            var sorted = Sorted(matching, body["sorts"] as JsonArray).ToList();
            var properties = body["properties"] is JsonArray names ? names.Select(Text).OfType<string>().ToList() : [];
            var answer = new JsonObject
            {
                ["total"] = sorted.Count,
                ["results"] = new JsonArray(sorted.Skip(offset).Take(limit).Select(o => (JsonNode)ObjectJson(type, o.Id, o.Object, properties, [])).ToArray()),
            };
            if (offset + limit < sorted.Count)
                answer["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (offset + limit).ToString(CultureInfo.InvariantCulture) } };
            return Json(StatusCodes.Status200OK, answer);
        }

        Filter? ParseFilter(string type, JsonNode? node)
        {
            var property = Text(node?["propertyName"]);
            var op = Text(node?["operator"]) ?? "EQ";
            if (property is null || !Operators.Contains(op) || !state.IsDefined(type, property))
                return null;
            var value = Text(node?["value"]);
            var values = (node?["values"] as JsonArray)?.Select(Text).OfType<string>().ToList();
            var high = Text(node?["highValue"]);
            var complete = op switch
            {
                "HAS_PROPERTY" or "NOT_HAS_PROPERTY" => true,
                "IN" or "NOT_IN" => values is { Count: > 0 },
                "BETWEEN" => value is not null && high is not null,
                _ => value is not null,
            };
            return complete ? new Filter(property, op, value, values, high) : null;
        }

        static IEnumerable<(long Id, StoredObject Object)> Sorted(IEnumerable<(long Id, StoredObject Object)> objects, JsonArray? sorts)
        {
            var sort = sorts?.FirstOrDefault();
            var property = Text(sort is JsonObject ? sort["propertyName"] : sort);
            if (property is null)
                return objects.OrderBy(o => o.Id);
            var descending = property.StartsWith('-') || Text(sort?["direction"]) == "DESCENDING";
            property = property.TrimStart('-');
            var comparer = Comparer<string?>.Create(Filter.Compare);
            return descending
                ? objects.OrderByDescending(o => o.Object.Properties.GetValueOrDefault(property), comparer).ThenBy(o => o.Id)
                : objects.OrderBy(o => o.Object.Properties.GetValueOrDefault(property), comparer).ThenBy(o => o.Id);
        }

        /// <summary>One filter of a CRM search; strings compare without regard to case, as HubSpot's search does.</summary>
        sealed record Filter(string Property, string Operator, string? Value, IReadOnlyList<string>? Values, string? HighValue)
        {
            public bool Matches(string? actual)
            {
                var has = !string.IsNullOrEmpty(actual);
                return Operator switch
                {
                    "HAS_PROPERTY" => has,
                    "NOT_HAS_PROPERTY" => !has,
                    "EQ" => has && Compare(actual, Value) == 0,
                    "NEQ" => !has || Compare(actual, Value) != 0,
                    "LT" => has && Compare(actual, Value) < 0,
                    "LTE" => has && Compare(actual, Value) <= 0,
                    "GT" => has && Compare(actual, Value) > 0,
                    "GTE" => has && Compare(actual, Value) >= 0,
                    "BETWEEN" => has && Compare(actual, Value) >= 0 && Compare(actual, HighValue) <= 0,
                    "IN" => has && Values!.Any(v => Compare(actual, v) == 0),
                    "NOT_IN" => !has || !Values!.Any(v => Compare(actual, v) == 0),
                    "CONTAINS_TOKEN" => has && ContainsToken(actual!, Value!),
                    _ => !has || !ContainsToken(actual!, Value!),
                };
            }

            // A number compares as a number, an instant (ISO 8601 or milliseconds) as an instant, anything else as text.
            public static int Compare(string? left, string? right)
            {
                if (left is null || right is null)
                    return left is null ? (right is null ? 0 : -1) : 1;
                if (decimal.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var b))
                    return a.CompareTo(b);
                if (Instant(left) is { } x && Instant(right) is { } y)
                    return x.CompareTo(y);
                return string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
            }

            static DateTimeOffset? Instant(string text) =>
                long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant
                : null;

            // A token is a word of the value; '*' in the token stands for any characters.
            static bool ContainsToken(string actual, string token)
            {
                if (token.Contains('*', StringComparison.Ordinal))
                    return Regex.IsMatch(actual, "^" + Regex.Escape(token).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
                        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                return actual.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                    .SelectMany(word => word.Split(['.', ',', ';', '@', '-', '_', '/'], StringSplitOptions.RemoveEmptyEntries).Append(word))
                    .Any(word => word.Equals(token, StringComparison.OrdinalIgnoreCase));
            }
        }

        // ---- Associations made after the fact ----

        public IResult AssociateDefault(string objectType, string objectId, string toObjectType, string toObjectId)
        {
            if (Endpoints(objectType, objectId, toObjectType, toObjectId, write: true) is not { } ends)
                return EndpointsProblem(objectType, objectId, toObjectType, toObjectId, write: true);
            var (type, id, toType, toId) = ends;
            if (HubSpotObjectTypes.Unlabeled(type, toType) is not { } forward || HubSpotObjectTypes.Unlabeled(toType, type) is not { } backward)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"{type} cannot be associated with {toType}.");

            var started = state.Clock.GetUtcNow();
            state.Link(type, id, toType, toId, primary: state.LinkPrimary(type, id, toType, toId) ?? false);
            return Json(StatusCodes.Status200OK, new JsonObject
            {
                ["status"] = "COMPLETE",
                ["results"] = new JsonArray(Spec(id, toId, forward), Spec(toId, id, backward)),
                ["startedAt"] = HubSpotEmulatorState.Iso(started),
                ["completedAt"] = HubSpotEmulatorState.Iso(state.Clock.GetUtcNow()),
            });

            static JsonObject Spec(long from, long to, AssociationType associationType) => new()
            {
                ["from"] = new JsonObject { ["id"] = from.ToString(CultureInfo.InvariantCulture) },
                ["to"] = new JsonObject { ["id"] = to.ToString(CultureInfo.InvariantCulture) },
                ["associationSpec"] = new JsonObject { ["associationCategory"] = "HUBSPOT_DEFINED", ["associationTypeId"] = associationType.TypeId },
            };
        }

        public IResult AssociateLabelled(HttpContext context, string objectType, string objectId, string toObjectType, string toObjectId)
        {
            if (Endpoints(objectType, objectId, toObjectType, toObjectId, write: true) is not { } ends)
                return EndpointsProblem(objectType, objectId, toObjectType, toObjectId, write: true);
            var (type, id, toType, toId) = ends;
            JsonArray? specs;
            try
            {
                specs = JsonNode.Parse(context.Items[BodyItem] as string ?? "") as JsonArray;
            }
            catch (JsonException)
            {
                specs = null;
            }

            var types = (specs ?? []).Select(t =>
                Text(t?["associationCategory"]) == "HUBSPOT_DEFINED" && int.TryParse(Text(t?["associationTypeId"]), NumberStyles.None, CultureInfo.InvariantCulture, out var typeId)
                    ? HubSpotObjectTypes.ById(type, typeId)
                    : null).ToList();
            if (types.Count == 0 || types.Any(t => t is null || t.ToType != toType))
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR",
                    $"The body must be a JSON array of HUBSPOT_DEFINED association types from {type} to {toType}, e.g. [{{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":{HubSpotObjectTypes.Unlabeled(type, toType)?.TypeId ?? 0}}}].");

            var primary = types.Any(t => t!.Primary) || (state.LinkPrimary(type, id, toType, toId) ?? false);
            state.Link(type, id, toType, toId, primary);
            return Json(StatusCodes.Status200OK, new JsonObject
            {
                ["fromObjectTypeId"] = HubSpotObjectTypes.TypeId(type),
                ["fromObjectId"] = id,
                ["toObjectTypeId"] = HubSpotObjectTypes.TypeId(toType),
                ["toObjectId"] = toId,
                ["labels"] = new JsonArray(HubSpotObjectTypes.Types(type, toType, primary).Where(t => t.Label is not null).Select(t => (JsonNode?)t.Label).ToArray()),
            });
        }

        public IResult Dissociate(string objectType, string objectId, string toObjectType, string toObjectId)
        {
            if (Endpoints(objectType, objectId, toObjectType, toObjectId, write: true) is not { } ends)
                return EndpointsProblem(objectType, objectId, toObjectType, toObjectId, write: true);
            state.Unlink(ends.Type, ends.Id, ends.ToType, ends.ToId);
            return Results.StatusCode(StatusCodes.Status204NoContent);
        }

        public IResult AssociateV3(string objectType, string objectId, string toObjectType, string toObjectId, string associationType)
        {
            if (Endpoints(objectType, objectId, toObjectType, toObjectId, write: true) is not { } ends)
                return EndpointsProblem(objectType, objectId, toObjectType, toObjectId, write: true);
            var (type, id, toType, toId) = ends;
            if (HubSpotObjectTypes.ByName(type, toType, associationType) is not { } named)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"{associationType} is not an association type from {type} to {toType}.");

            state.Link(type, id, toType, toId, named.Primary || (state.LinkPrimary(type, id, toType, toId) ?? false));
            var stored = state.Find(type, id)!;
            return Json(StatusCodes.Status200OK, ObjectJson(type, id, stored, [], [toType]));
        }

        (string Type, long Id, string ToType, long ToId)? Endpoints(string objectType, string objectId, string toObjectType, string toObjectId, bool write)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type || HubSpotObjectTypes.Normalize(toObjectType) is not { } toType
                || !state.HasScope(ObjectScopes(type, write)) || ParseId(objectId) is not { } id || ParseId(toObjectId) is not { } toId
                || !state.Exists(type, id) || !state.Exists(toType, toId))
                return null;
            return (type, id, toType, toId);
        }

        IResult EndpointsProblem(string objectType, string objectId, string toObjectType, string toObjectId, bool write)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (HubSpotObjectTypes.Normalize(toObjectType) is null)
                return UnknownType(toObjectType);
            if (MissingObjectScope(type, write) is { } forbidden)
                return forbidden;
            // The 404 names the id that does not exist.
            return ParseId(objectId) is { } id && state.Exists(type, id) ? NotFound(toObjectId) : NotFound(objectId);
        }

        // ---- Owners ----

        public IResult ListOwners(HttpContext context)
        {
            if (MissingScope(["crm.objects.owners.read"]) is { } forbidden)
                return forbidden;
            var email = context.Request.Query["email"].ToString();
            var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 1, 500) : 100;
            var after = context.Request.Query["after"].ToString();
            var offset = 0;
            if (after.Length > 0 && !int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Invalid paging cursor 'after': {after}");

            var owners = state.Owners.Where(o => email.Length == 0 || o.Email.Equals(email, StringComparison.OrdinalIgnoreCase)).ToList();
            var answer = new JsonObject { ["results"] = new JsonArray(owners.Skip(offset).Take(limit).Select(o => (JsonNode)OwnerJson(o)).ToArray()) };
            if (offset + limit < owners.Count)
                answer["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (offset + limit).ToString(CultureInfo.InvariantCulture) } };
            return Json(StatusCodes.Status200OK, answer);
        }

        public IResult GetOwner(string ownerId)
        {
            if (MissingScope(["crm.objects.owners.read"]) is { } forbidden)
                return forbidden;
            return state.Owners.FirstOrDefault(o => o.Id.ToString(CultureInfo.InvariantCulture) == ownerId) is { } owner
                ? Json(StatusCodes.Status200OK, OwnerJson(owner))
                : Error(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", $"Owner {ownerId} was not found.");
        }

        static JsonObject OwnerJson(HubSpotOwner owner) => new()
        {
            ["id"] = owner.Id.ToString(CultureInfo.InvariantCulture),
            ["email"] = owner.Email,
            ["type"] = "PERSON",
            ["firstName"] = owner.FirstName,
            ["lastName"] = owner.LastName,
            ["userId"] = owner.UserId,
            ["userIdIncludingInactive"] = owner.UserId,
            ["createdAt"] = HubSpotEmulatorState.Iso(owner.CreatedAt),
            ["updatedAt"] = HubSpotEmulatorState.Iso(owner.UpdatedAt),
            ["archived"] = false,
        };

        // ---- The token's information ----

        // HubSpot's private apps guide: POST the token as tokenKey; the answer names the portal (hubId), the app, the
        // user who made it, and the scopes the token holds. No scope is needed to ask.
        public IResult TokenInfo(HttpContext context)
        {
            if (ParseBody(context) is not { } body || Text(body["tokenKey"]) is not { Length: > 0 } token)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid input JSON: 'tokenKey' is required.");
            if (!string.Equals(token, state.AccessToken, StringComparison.Ordinal))
                return Error(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION", "The access token is invalid, expired or revoked.");

            return Json(StatusCodes.Status200OK, new JsonObject
            {
                ["userId"] = state.UserId,
                ["hubId"] = state.PortalId,
                ["appId"] = state.AppId,
                ["scopes"] = new JsonArray(state.Scopes.Select(s => (JsonNode?)s).ToArray()),
                ["trialScopes"] = new JsonArray(),
                ["trialScopeToScopeGroupPks"] = new JsonObject(),
            });
        }

        // ---- Scopes and owners ----

        static IReadOnlyList<string> ObjectScopes(string type, bool write)
        {
            var objects = HubSpotObjectTypes.IsActivity(type) ? HubSpotObjectTypes.Contacts : type;
            return [$"crm.objects.{objects}.{(write ? "write" : "read")}"];
        }

        IResult? MissingObjectScope(string type, bool write) => MissingScope(ObjectScopes(type, write));

        // HubSpot's answer to a token without the scope a call needs.
        IResult? MissingScope(IReadOnlyList<string> anyOf)
        {
            if (state.HasScope([.. anyOf]))
                return null;
            return Json(StatusCodes.Status403Forbidden, new JsonObject
            {
                ["status"] = "error",
                ["message"] = "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
                ["correlationId"] = Guid.NewGuid().ToString(),
                ["errors"] = new JsonArray(new JsonObject
                {
                    ["message"] = "One or more of the following scopes are required.",
                    ["context"] = new JsonObject { ["requiredGranularScopes"] = new JsonArray(anyOf.Select(s => (JsonNode?)s).ToArray()) },
                }),
                ["links"] = new JsonObject { ["scopes"] = "https://developers.hubspot.com/scopes" },
                ["category"] = "MISSING_SCOPES",
            });
        }

        IResult? InvalidOwner(Dictionary<string, string> values) =>
            values.TryGetValue("hubspot_owner_id", out var owner) && owner.Length > 0 && !state.IsOwner(owner)
                ? InvalidProperties(new PropertyProblem("hubspot_owner_id", "INVALID_OWNER_ID", $"{owner} is not a valid owner id"))
                : null;
    }
}
