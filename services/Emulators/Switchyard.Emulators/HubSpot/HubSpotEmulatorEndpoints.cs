using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Switchyard.Emulators.HubSpot;

/// <summary>
/// HubSpot's CRM API as the processor uses it, over a <see cref="HubSpotEmulatorState"/>, under a path prefix so a
/// client's base URL can be <c>http://127.0.0.1:PORT/prefix</c>:
/// <list type="bullet">
/// <item><c>GET /crm/v3/objects/{type}/{id}?properties=..&amp;associations=..</c>, or by a unique property's value with <c>&amp;idProperty=..</c></item>
/// <item><c>POST /crm/v3/objects/{type}/batch/read</c> (200, or 207 naming the ids that do not exist)</item>
/// <item><c>PATCH /crm/v3/objects/{type}/{id}</c></item>
/// <item><c>POST /crm/v3/objects/{type}</c> with properties and associations (HUBSPOT_DEFINED type ids)</item>
/// <item><c>POST /crm/v3/objects/{type}/search</c> with filter groups (e.g. companies by <c>domain</c>, deals by <c>aws_opportunity_id</c>)</item>
/// <item><c>GET /crm/v4/objects/{type}/{id}/associations/{toType}?limit=..&amp;after=..</c>; <c>PUT</c> (default or
/// labelled) and <c>DELETE</c> of one association in v4, <c>PUT /crm/v3/objects/{type}/{id}/associations/{toType}/{toId}/{associationType}</c></item>
/// <item><c>GET/POST /crm/v3/properties/{type}</c>, <c>GET/PATCH/DELETE /crm/v3/properties/{type}/{name}</c>, and <c>/groups</c> likewise</item>
/// <item><c>GET /crm/v3/owners</c>, <c>GET /crm/v3/owners/{id}</c></item>
/// <item><c>POST /oauth/v2/private-apps/get/access-token-info</c>: the token's portal, app and scopes</item>
/// </list>
/// Types are <c>deals</c>, <c>companies</c>, <c>contacts</c>, <c>notes</c> and <c>tasks</c>. Every request but the
/// token's information needs <c>Authorization: Bearer</c> with the state's token, and the scope the call needs
/// (HubSpot's 403 <c>MISSING_SCOPES</c> otherwise); errors carry HubSpot's JSON error body. Writes record the
/// webhooks HubSpot would send (<see cref="HubSpotEmulatorState.Webhooks"/>).
/// </summary>
public static partial class HubSpotEmulatorEndpoints
{
    /// <summary>Maps the emulator under <paramref name="pathPrefix"/> over the <see cref="HubSpotEmulatorState"/> registered in the container.</summary>
    public static RouteGroupBuilder MapHubSpotEmulator(this IEndpointRouteBuilder endpoints, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHubSpotEmulator(pathPrefix, endpoints.ServiceProvider.GetRequiredService<HubSpotEmulatorState>());
    }

    /// <summary>Maps the emulator under <paramref name="pathPrefix"/> over <paramref name="state"/>.</summary>
    public static RouteGroupBuilder MapHubSpotEmulator(this IEndpointRouteBuilder endpoints, string pathPrefix, HubSpotEmulatorState state)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        ArgumentNullException.ThrowIfNull(state);

        var prefix = "/" + pathPrefix.Trim('/');
        var api = new Api(state, prefix);
        var group = endpoints.MapGroup(prefix);
        group.AddEndpointFilter(api.BeforeAsync);
        group.MapGet("/crm/v3/objects/{objectType}/{objectId}", api.GetObject);
        group.MapPost("/crm/v3/objects/{objectType}/batch/read", api.BatchRead);
        group.MapPatch("/crm/v3/objects/{objectType}/{objectId}", api.Update);
        group.MapPost("/crm/v3/objects/{objectType}", api.Create);
        group.MapGet("/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}", api.Associations);
        api.MapCoSell(group);
        // An emulator is not part of the service's API description.
        group.ExcludeFromDescription();
        return group;
    }

    sealed partial class Api(HubSpotEmulatorState state, string prefix)
    {
        const string BodyItem = "Switchyard.Emulators.HubSpot.Body";

        // HubSpot writes quotes inside strings as \" and leaves HTML alone, not \u0022 and \u003C as .NET would by default.
        static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        const int BatchLimit = 100;

        /// <summary>Records the request, applies a queued fault, then checks the token, before any endpoint runs.</summary>
        public async ValueTask<object?> BeforeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
        {
            var context = invocation.HttpContext;
            try
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                context.Items[BodyItem] = body;

                var authorized = IsAuthorized(context.Request.Headers.Authorization);
                var path = context.Request.Path.Value ?? "/";
                if (prefix.Length > 1 && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    path = path[prefix.Length..];
                state.Record(new EmulatedRequest(context.Request.Method, path, context.Request.QueryString.Value ?? "", body, authorized));

                switch (state.TakeFault())
                {
                    case Fault.Held held:
                        await held.Hold.WaitAsync(context.RequestAborted);
                        break;
                    case Fault.RateLimited limited:
                        return RateLimited(context.Response, limited.RetryAfter);
                    case Fault.Error error:
                        if (error.RetryAfter is not null)
                            context.Response.Headers.RetryAfter = error.RetryAfter;
                        return Error(error.Status, error.Category, error.Message);
                }

                // The token's information takes the token in the body and needs no Authorization header.
                if (!authorized && !path.StartsWith("/oauth/", StringComparison.Ordinal))
                {
                    return Error(StatusCodes.Status401Unauthorized, "INVALID_AUTHENTICATION",
                        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
                }

                return await next(invocation);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The caller gave up (a client-side timeout): there is nobody to answer.
                return Results.Empty;
            }
        }

        public IResult GetObject(HttpContext context, string objectType, string objectId)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (MissingObjectScope(type, write: false) is { } forbidden)
                return forbidden;
            long id;
            StoredObject? stored;
            // "?idProperty=" reads an object by a property that requires unique values, as HubSpot allows.
            if (context.Request.Query["idProperty"].ToString() is { Length: > 0 } idProperty)
            {
                if (state.Property(type, idProperty) is not { HasUniqueValue: true })
                    return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR",
                        $"idProperty {idProperty} is not a property of {type} that requires unique values.");
                if (state.FindByUniqueValue(type, idProperty, objectId) is not { } found)
                    return NotFound(objectId);
                (id, stored) = found;
            }
            else if (ParseId(objectId) is not { } parsed || state.Find(type, parsed) is not { } byId)
                return NotFound(objectId);
            else
                (id, stored) = (parsed, byId);

            return Json(StatusCodes.Status200OK, ObjectJson(type, id, stored,
                List(context.Request.Query["properties"]), List(context.Request.Query["associations"])));
        }

        public IResult BatchRead(HttpContext context, string objectType)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (MissingObjectScope(type, write: false) is { } forbidden)
                return forbidden;
            if (ParseBody(context) is not { } body)
                return InvalidJson();
            if (body["inputs"] is not JsonArray inputs)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid input JSON: 'inputs' is required.");
            if (inputs.Count > BatchLimit)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Batch input has {inputs.Count} inputs; at most {BatchLimit} are allowed.");

            var properties = body["properties"] is JsonArray names ? names.Select(Text).OfType<string>().ToList() : [];
            var started = state.Clock.GetUtcNow();
            var found = new SortedDictionary<long, StoredObject>();
            var missing = new List<string>();
            foreach (var input in inputs)
            {
                var requested = Text(input?["id"]) ?? "";
                if (ParseId(requested) is { } id && state.Find(type, id) is { } stored)
                    found[id] = stored;
                else
                    missing.Add(requested);
            }

            // HubSpot promises no order for a batch's results; answering in id order keeps clients honest.
            var answer = new JsonObject
            {
                ["status"] = "COMPLETE",
                ["results"] = new JsonArray(found.Select(o => (JsonNode)ObjectJson(type, o.Key, o.Value, properties, [])).ToArray()),
            };
            if (missing.Count > 0)
            {
                answer["numErrors"] = 1;
                answer["errors"] = new JsonArray(new JsonObject
                {
                    ["status"] = "error",
                    ["category"] = "OBJECT_NOT_FOUND",
                    ["message"] = $"Could not get some {HubSpotObjectTypes.Upper(type)} objects, they may be deleted or not exist. Check that ids are valid.",
                    ["context"] = new JsonObject { ["ids"] = new JsonArray(missing.Select(m => (JsonNode?)m).ToArray()) },
                });
            }

            answer["startedAt"] = HubSpotEmulatorState.Iso(started);
            answer["completedAt"] = HubSpotEmulatorState.Iso(state.Clock.GetUtcNow());
            return Json(missing.Count > 0 ? StatusCodes.Status207MultiStatus : StatusCodes.Status200OK, answer);
        }

        public IResult Update(HttpContext context, string objectType, string objectId)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (MissingObjectScope(type, write: true) is { } forbidden)
                return forbidden;
            if (ParseId(objectId) is not { } id || state.Find(type, id) is null)
                return NotFound(objectId);
            if (ParseBody(context) is not { } body)
                return InvalidJson();
            if (body["properties"] is not JsonObject properties)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid input JSON: 'properties' is required.");

            var values = Values(properties);
            if (UndefinedProperties(type, values) is { } refused)
                return refused;
            if (InvalidOwner(values) is { } wrongOwner)
                return wrongOwner;

            StoredObject? updated;
            try
            {
                updated = state.Update(type, id, values, WebhookSource.Integration);
            }
            catch (UniqueValueConflictException e)
            {
                return UniqueValueConflict(e);
            }

            return updated is null
                ? NotFound(objectId)
                : Json(StatusCodes.Status200OK, ObjectJson(type, id, updated, updated.Properties.Keys.ToList(), []));
        }

        public IResult Create(HttpContext context, string objectType)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (MissingObjectScope(type, write: true) is { } forbidden)
                return forbidden;
            if (ParseBody(context) is not { } body)
                return InvalidJson();
            if (body["properties"] is not JsonObject properties)
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid input JSON: 'properties' is required.");

            var values = Values(properties);
            if (UndefinedProperties(type, values) is { } refused)
                return refused;
            var missing = HubSpotObjectTypes.RequiredOnCreate(type).Where(name => string.IsNullOrEmpty(values.GetValueOrDefault(name)))
                .Select(name => new PropertyProblem(name, "REQUIRED_PROPERTY", $"Property \"{name}\" is required")).ToArray();
            if (missing.Length > 0)
                return InvalidProperties(missing);
            if (InvalidOwner(values) is { } wrongOwner)
                return wrongOwner;

            var targets = new List<(string Type, long Id, bool Primary)>();
            foreach (var association in body["associations"] as JsonArray ?? [])
            {
                var to = Text(association?["to"]?["id"]);
                var specs = (association?["types"] as JsonArray ?? []).Select(t =>
                    Text(t?["associationCategory"]) == "HUBSPOT_DEFINED" && int.TryParse(Text(t?["associationTypeId"]), NumberStyles.None, CultureInfo.InvariantCulture, out var typeId)
                        ? HubSpotObjectTypes.ById(type, typeId)
                        : null).ToList();
                // Every type of one association must lead to the same kind of object, which must exist.
                if (specs.Count == 0 || specs.Any(t => t is null) || specs.Select(t => t!.ToType).Distinct().Count() != 1
                    || ParseId(to) is not { } toId || !state.Exists(specs[0]!.ToType, toId))
                {
                    return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "One or more associations are invalid",
                        new JsonObject { ["ids"] = new JsonArray((JsonNode?)(to ?? "")) });
                }

                targets.Add((specs[0]!.ToType, toId, specs.Any(t => t!.Primary)));
            }

            // A new deal lands in the default pipeline unless it names one.
            if (type == HubSpotObjectTypes.Deals && string.IsNullOrEmpty(values.GetValueOrDefault("pipeline")))
                values["pipeline"] = "default";
            long id;
            StoredObject created;
            try
            {
                (id, created) = state.Create(type, values, targets, WebhookSource.Integration);
            }
            catch (UniqueValueConflictException e)
            {
                return UniqueValueConflict(e);
            }

            return Json(StatusCodes.Status201Created, ObjectJson(type, id, created, created.Properties.Keys.ToList(), []));
        }

        public IResult Associations(HttpContext context, string objectType, string objectId, string toObjectType)
        {
            if (HubSpotObjectTypes.Normalize(objectType) is not { } type)
                return UnknownType(objectType);
            if (HubSpotObjectTypes.Normalize(toObjectType) is not { } toType)
                return UnknownType(toObjectType);
            if (MissingObjectScope(type, write: false) is { } forbidden)
                return forbidden;
            if (ParseId(objectId) is not { } id)
                return NotFound(objectId);

            var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
                ? Math.Clamp(asked, 1, HubSpotEmulatorState.MaxAssociationPageSize)
                : HubSpotEmulatorState.MaxAssociationPageSize;
            var pageSize = Math.Min(limit, state.AssociationPageSize);
            var after = context.Request.Query["after"].ToString();
            var offset = 0;
            if (after.Length > 0 && !int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Invalid paging cursor 'after': {after}");

            // An object that does not exist simply has no associations here.
            var all = state.Associated(type, id, toType);
            var page = all.Skip(offset).Take(pageSize).Select(a => (JsonNode)new JsonObject
            {
                ["toObjectId"] = a.Id,
                ["associationTypes"] = new JsonArray(HubSpotObjectTypes.Types(type, toType, a.Primary).Select(t => (JsonNode)new JsonObject
                {
                    ["category"] = "HUBSPOT_DEFINED",
                    ["typeId"] = t.TypeId,
                    ["label"] = t.Label,
                }).ToArray()),
            }).ToArray();

            var answer = new JsonObject { ["results"] = new JsonArray(page) };
            if (offset + pageSize < all.Count)
            {
                var next = (offset + pageSize).ToString(CultureInfo.InvariantCulture);
                answer["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next } };
            }

            return Json(StatusCodes.Status200OK, answer);
        }

        bool IsAuthorized(StringValues header)
        {
            var value = header.ToString();
            const string scheme = "Bearer ";
            return value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                   && string.Equals(value[scheme.Length..].Trim(), state.AccessToken, StringComparison.Ordinal);
        }

        /// <summary>
        /// An object as v3 answers it: the requested properties (null when defined but unset, left out when undefined)
        /// plus the ones HubSpot always adds, or the type's defaults when none were requested; and the requested
        /// associations that exist, each listed once per association type.
        /// </summary>
        JsonObject ObjectJson(string type, long id, StoredObject stored, List<string> requested, List<string> associations)
        {
            var names = requested.Count == 0
                ? HubSpotObjectTypes.DefaultProperties(type)
                : requested.Concat([HubSpotObjectTypes.CreatedProperty(type), HubSpotObjectTypes.LastModifiedProperty(type), "hs_object_id"]).Distinct(StringComparer.Ordinal);
            var properties = new JsonObject();
            foreach (var name in names)
            {
                if (stored.Properties.TryGetValue(name, out var value))
                    properties[name] = value;
                else if (state.IsDefined(type, name))
                    properties[name] = null;
            }

            var result = new JsonObject
            {
                ["id"] = id.ToString(CultureInfo.InvariantCulture),
                ["properties"] = properties,
                ["createdAt"] = HubSpotEmulatorState.Iso(stored.CreatedAt),
                ["updatedAt"] = HubSpotEmulatorState.Iso(stored.UpdatedAt),
                ["archived"] = false,
            };

            var associated = new JsonObject();
            foreach (var toType in associations.Select(HubSpotObjectTypes.Normalize).OfType<string>().Distinct())
            {
                var results = new JsonArray();
                foreach (var (otherId, primary) in state.Associated(type, id, toType))
                {
                    foreach (var associationType in HubSpotObjectTypes.Types(type, toType, primary))
                        results.Add(new JsonObject { ["id"] = otherId.ToString(CultureInfo.InvariantCulture), ["type"] = associationType.Name });
                }

                if (results.Count > 0)
                    associated[toType] = new JsonObject { ["results"] = results };
            }

            if (associated.Count > 0)
                result["associations"] = associated;
            return result;
        }

        IResult? UndefinedProperties(string type, IReadOnlyDictionary<string, string> values)
        {
            var problems = values.Keys.Where(name => !state.IsDefined(type, name))
                .Select(name => new PropertyProblem(name, "PROPERTY_DOESNT_EXIST", $"Property \"{name}\" does not exist"))
                .ToArray();
            return problems.Length == 0 ? null : InvalidProperties(problems);
        }

        static IResult InvalidProperties(params PropertyProblem[] problems)
        {
            var details = new JsonArray(problems.Select(p => (JsonNode)new JsonObject
            {
                ["isValid"] = false,
                ["message"] = p.Message,
                ["error"] = p.Error,
                ["name"] = p.Name,
                ["localizedErrorMessage"] = p.Message,
            }).ToArray());
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Property values were not valid: {details.ToJsonString(Output)}");
        }

        static IResult RateLimited(HttpResponse response, string? retryAfter)
        {
            response.Headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = "10000";
            response.Headers["X-HubSpot-RateLimit-Max"] = "100";
            response.Headers["X-HubSpot-RateLimit-Remaining"] = "0";
            if (retryAfter is not null)
                response.Headers.RetryAfter = retryAfter;
            return Json(StatusCodes.Status429TooManyRequests, new JsonObject
            {
                ["status"] = "error",
                ["message"] = "You have reached your ten_secondly_rolling limit.",
                ["errorType"] = "RATE_LIMIT",
                ["correlationId"] = Guid.NewGuid().ToString(),
                ["policyName"] = "TEN_SECONDLY_ROLLING",
                ["category"] = "RATE_LIMITS",
            });
        }

        // HubSpot does not document the body of a unique-value conflict; this follows its 409 for an existing contact
        // ("Contact already exists. Existing ID: ...", category CONFLICT). Clients should not depend on the wording.
        static IResult UniqueValueConflict(UniqueValueConflictException conflict) =>
            Error(StatusCodes.Status409Conflict, "CONFLICT", conflict.Message);

        static IResult NotFound(string objectId) =>
            Error(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", "Object not found.  objectId are usually numeric.",
                new JsonObject { ["id"] = new JsonArray((JsonNode?)objectId) });

        static IResult UnknownType(string objectType) =>
            Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Unable to infer object type from: {objectType}");

        static IResult InvalidJson() =>
            Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid input JSON: the body is not a JSON object.");

        static IResult Error(int status, string category, string message, JsonObject? errorContext = null)
        {
            var body = new JsonObject
            {
                ["status"] = "error",
                ["message"] = message,
                ["correlationId"] = Guid.NewGuid().ToString(),
            };
            if (errorContext is not null)
                body["context"] = errorContext;
            body["category"] = category;
            return Json(status, body);
        }

        static IResult Json(int status, JsonNode body) =>
            Results.Text(body.ToJsonString(Output), "application/json;charset=utf-8", Encoding.UTF8, status);

        static JsonObject? ParseBody(HttpContext context)
        {
            try
            {
                return JsonNode.Parse(context.Items[BodyItem] as string ?? "") as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // HubSpot takes property values as strings, and numbers or booleans for the types that hold them; null clears.
        static Dictionary<string, string> Values(JsonObject properties) =>
            properties.ToDictionary(p => p.Key, p => Text(p.Value) ?? "", StringComparer.Ordinal);

        static string? Text(JsonNode? node) => node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonValue value => value.ToJsonString(),
            _ => null,
        };

        static long? ParseId(string? id) =>
            long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

        // Lists come comma-separated, repeated, or both.
        static List<string> List(StringValues values) =>
            values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Distinct(StringComparer.Ordinal).ToList();
    }

    sealed record PropertyProblem(string Name, string Error, string Message);
}
