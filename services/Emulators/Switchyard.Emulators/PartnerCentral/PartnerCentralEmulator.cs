// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The state of an emulated Partner Central Selling account: opportunities per catalog, solutions, client tokens and
/// a log of requests, with the operations the processor calls and hooks for tests and operators (seed solutions,
/// move an opportunity through review, make calls fail, read what was stored and received). Thread-safe; register it
/// as a singleton and serve it with <see cref="PartnerCentralEmulatorEndpoints.MapPartnerCentralEmulator"/>.
/// </summary>
public sealed class PartnerCentralEmulator
{
    /// <summary>The review status of a new opportunity.</summary>
    public const string PendingSubmission = "Pending Submission";

    const int KeptRequests = 1000;
    const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // The model lets these change after approval only through AWS.
    static readonly string[] LockedWhenApproved =
    [
        "Customer.Account.Address.CountryCode", "Customer.Account.Address.PostalCode", "Customer.Account.Industry",
        "Customer.Account.WebsiteUrl", "Project.CustomerBusinessProblem", "PartnerOpportunityIdentifier", "Project.Title",
    ];

    // Documented as the only fields a partner may change while AWS asks for action.
    static readonly string[] EditableWhenActionRequired =
    [
        "Customer.Account.Address.City", "Customer.Account.Address.CountryCode", "Customer.Account.Address.PostalCode",
        "Customer.Account.Address.StateOrRegion", "Customer.Account.Address.StreetAddress", "Customer.Account.WebsiteUrl",
        "LifeCycle.TargetCloseDate", "Project.ExpectedCustomerSpend", "Project.CustomerBusinessProblem",
        "PartnerOpportunityIdentifier",
    ];

    readonly Lock _gate = new();
    readonly TimeProvider _clock;
    readonly PartnerCentralEmulatorOptions _options;
    readonly Dictionary<string, StoredOpportunity> _opportunities = new(StringComparer.Ordinal);
    readonly Dictionary<(string Catalog, string Token), UsedClientToken> _clientTokens = [];
    readonly List<StoredSolution> _solutions = [];
    readonly List<InjectedFault> _faults = [];
    readonly Queue<PartnerCentralEmulatorRequest> _requests = new();
    long _lastOpportunityNumber = 1_000_000;
    long _lastSolutionNumber;
    DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;

    /// <summary>Creates the state, with the configured solutions.</summary>
    public PartnerCentralEmulator(IOptions<PartnerCentralEmulatorOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        Verifier = new SigV4Verifier(
            _options.Credentials.ToDictionary(c => c.AccessKeyId, StringComparer.Ordinal), _options.Region, clock);
        foreach (var solution in _options.Solutions)
            SeedSolution(solution.Catalog, solution.Name, solution.Status, solution.Category);
    }

    internal SigV4Verifier Verifier { get; }

    /// <summary>The emulator's clock, which signatures are checked against.</summary>
    internal DateTimeOffset Now => _clock.GetUtcNow();

    // ---- Hooks for tests and operators ----

    /// <summary>Adds a solution to a catalog and returns its id (<c>S-0000001</c>, ...).</summary>
    public string SeedSolution(string catalog, string name, string status = "Active", string category = "Software Product")
    {
        RequireKnownCatalog(catalog);
        lock (_gate)
        {
            var id = $"S-{++_lastSolutionNumber:D7}";
            _solutions.Add(new StoredSolution(catalog, id, name, status, category, NextTimestamp()));
            return id;
        }
    }

    /// <summary>
    /// Moves an opportunity to a review status (<c>Submitted</c>, <c>In review</c>, <c>Action Required</c>,
    /// <c>Approved</c>, <c>Rejected</c>, ...), as AWS's review does; that changes its <c>LastModifiedDate</c>.
    /// </summary>
    public void SetReviewStatus(string opportunityId, string reviewStatus)
    {
        if (!OperationShapes.ReviewStatuses.Contains(reviewStatus, StringComparer.Ordinal))
            throw new ArgumentException($"'{reviewStatus}' is not a review status: use one of {string.Join(", ", OperationShapes.ReviewStatuses)}.", nameof(reviewStatus));
        lock (_gate)
        {
            if (!_opportunities.TryGetValue(opportunityId, out var opportunity))
                throw new KeyNotFoundException($"There is no opportunity {opportunityId}.");
            opportunity.LifeCycle["ReviewStatus"] = reviewStatus;
            opportunity.LastModifiedDate = NextTimestamp();
        }
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> signed calls (of <paramref name="operation"/> only, when given) fail with
    /// <paramref name="errorType"/>, e.g. <c>ThrottlingException</c>, answered with <paramref name="statusCode"/> or the
    /// status the model gives the type (429 for throttling, 500 for internal errors, ...).
    /// </summary>
    public void FailNext(int count, string errorType, int? statusCode = null, string? message = null, string? operation = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        var fault = new PartnerCentralErrorException(errorType, statusCode ?? PartnerCentralErrorTypes.DefaultStatus(errorType),
            message ?? errorType switch
            {
                PartnerCentralErrorTypes.Throttling => "Rate exceeded",
                PartnerCentralErrorTypes.InternalServer => "An internal error has occurred. Retry your request.",
                _ => $"Injected {errorType}.",
            });
        lock (_gate)
            _faults.Add(new InjectedFault(fault, operation, count));
    }

    /// <summary>Every stored opportunity, as <c>GetOpportunity</c> would return it, oldest first.</summary>
    public IReadOnlyList<JsonObject> Opportunities
    {
        get
        {
            lock (_gate)
                return _opportunities.Values.Select(o => o.ToDocument(_options)).ToList();
        }
    }

    /// <summary>One opportunity as <c>GetOpportunity</c> would return it, or null.</summary>
    public JsonObject? FindOpportunity(string opportunityId)
    {
        lock (_gate)
            return _opportunities.TryGetValue(opportunityId, out var opportunity) ? opportunity.ToDocument(_options) : null;
    }

    /// <summary>The requests received (the last 1000), oldest first, refused ones included.</summary>
    public IReadOnlyList<PartnerCentralEmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
                return _requests.ToList();
        }
    }

    /// <summary>Forgets every opportunity, client token, injected failure and logged request; keeps the solutions.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _opportunities.Clear();
            _clientTokens.Clear();
            _faults.Clear();
            _requests.Clear();
        }
    }

    // ---- The protocol ----

    internal void Record(PartnerCentralEmulatorRequest request)
    {
        lock (_gate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > KeptRequests)
                _requests.Dequeue();
        }
    }

    /// <summary>Throws the next injected failure that applies to <paramref name="operation"/>, if any.</summary>
    internal void ThrowInjectedFault(string operation)
    {
        lock (_gate)
        {
            var injected = _faults.FirstOrDefault(f => f.Operation is null || string.Equals(f.Operation, operation, StringComparison.Ordinal));
            if (injected is null)
                return;
            if (--injected.Remaining == 0)
                _faults.Remove(injected);
            throw injected.Fault;
        }
    }

    /// <summary>Runs one operation on a parsed body; throws <see cref="PartnerCentralErrorException"/> for an error answer.</summary>
    internal JsonObject Invoke(string operation, JsonObject body) => operation switch
    {
        "CreateOpportunity" => CreateOpportunity(body),
        "GetOpportunity" => GetOpportunity(body),
        "UpdateOpportunity" => UpdateOpportunity(body),
        "AssociateOpportunity" => AssociateOpportunity(body),
        "ListSolutions" => ListSolutions(body),
        _ => throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.UnknownOperation, $"Operation {operation} is not supported by this emulator."),
    };

    JsonObject CreateOpportunity(JsonObject body)
    {
        OperationShapes.CreateOpportunity.Validate(body);
        var catalog = Catalog(body);
        CheckBusinessRules(body, catalog, creating: true);
        var token = (string)body["ClientToken"]!;

        lock (_gate)
        {
            // The same token returns the first answer; with another body it is refused, as the service documents.
            if (_clientTokens.TryGetValue((catalog, token), out var used))
            {
                if (JsonNode.DeepEquals(used.Request, body))
                    return (JsonObject)used.Response.DeepClone();
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Conflict, "Conflicting client token submitted for a new request body.");
            }

            var now = NextTimestamp();
            var opportunity = new StoredOpportunity(catalog, $"O{++_lastOpportunityNumber}", (string?)body["Origin"] ?? "Partner Referral", now)
            {
                LastModifiedDate = now,
                OpportunityTeam = body["OpportunityTeam"]?.DeepClone() as JsonArray,
            };
            opportunity.Replace(body, now);
            opportunity.LifeCycle["ReviewStatus"] = PendingSubmission;
            _opportunities.Add(opportunity.Id, opportunity);

            var response = new JsonObject { ["Id"] = opportunity.Id };
            if (body["PartnerOpportunityIdentifier"] is { } partnerId)
                response["PartnerOpportunityIdentifier"] = partnerId.DeepClone();
            response["LastModifiedDate"] = Format(now);
            _clientTokens.Add((catalog, token), new UsedClientToken((JsonObject)body.DeepClone(), response));
            return (JsonObject)response.DeepClone();
        }
    }

    JsonObject GetOpportunity(JsonObject body)
    {
        OperationShapes.GetOpportunity.Validate(body);
        var catalog = Catalog(body);
        lock (_gate)
            return Find(catalog, (string)body["Identifier"]!).ToDocument(_options);
    }

    JsonObject UpdateOpportunity(JsonObject body)
    {
        OperationShapes.UpdateOpportunity.Validate(body);
        var catalog = Catalog(body);
        CheckBusinessRules(body, catalog, creating: false);

        lock (_gate)
        {
            var opportunity = Find(catalog, (string)body["Identifier"]!);
            var reviewStatus = (string?)opportunity.LifeCycle["ReviewStatus"];
            if (reviewStatus is "Submitted" or "In review")
                throw FieldError.ToFault(
                    [new FieldError("LifeCycle.ReviewStatus", FieldError.ActionNotPermitted,
                        $"The opportunity cannot be updated while its review status is {reviewStatus}; wait until AWS has reviewed it.")],
                    FieldError.BusinessValidationFailed);

            // The shape check has parsed it already.
            if (!DateTimeShape.TryParse((string)body["LastModifiedDate"]!, out var sent) || Truncate(sent) != opportunity.LastModifiedDate)
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Conflict,
                    $"The opportunity {opportunity.Id} was modified at {Format(opportunity.LastModifiedDate)}, after the LastModifiedDate in the request; get it again and resend the update with its current LastModifiedDate.");

            if (reviewStatus == "Approved")
                CheckUnchanged(opportunity, body, LockedWhenApproved, "after AWS approved the opportunity");
            else if (reviewStatus == "Action Required")
                CheckOnlyChanged(opportunity, body);

            var now = NextTimestamp();
            opportunity.Replace(body, now);
            opportunity.LastModifiedDate = now;
            return new JsonObject { ["Id"] = opportunity.Id, ["LastModifiedDate"] = Format(now) };
        }
    }

    JsonObject AssociateOpportunity(JsonObject body)
    {
        OperationShapes.AssociateOpportunity.Validate(body);
        var catalog = Catalog(body);
        var type = (string)body["RelatedEntityType"]!;
        var entity = (string)body["RelatedEntityIdentifier"]!;

        lock (_gate)
        {
            var opportunity = Find(catalog, (string)body["OpportunityIdentifier"]!);
            switch (type)
            {
                case "Solutions" when !_solutions.Any(s => s.Catalog == catalog && s.Id == entity):
                    throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.ResourceNotFound, $"Solution {entity} was not found in the {catalog} catalog.");
                case "AwsMarketplaceOffers" when !OperationShapes.MarketplaceOfferPattern().IsMatch(entity):
                    throw FieldError.ToFault(
                        [new FieldError("RelatedEntityIdentifier", FieldError.InvalidStringFormat, "Member must be an AWS Marketplace offer ARN")],
                        FieldError.RequestValidationFailed);
            }

            var related = opportunity.RelatedEntities[type];
            if (!related.Contains(entity, StringComparer.Ordinal))
            {
                related.Add(entity);
                // An association changes the opportunity; a client must read it again before updating.
                opportunity.LastModifiedDate = NextTimestamp();
            }

            return [];
        }
    }

    JsonObject ListSolutions(JsonObject body)
    {
        OperationShapes.ListSolutions.Validate(body);
        var catalog = Catalog(body);
        var pageSize = (int?)body["MaxResults"] ?? 20;
        var statuses = Strings(body["Status"]);
        var ids = Strings(body["Identifier"]);
        var categories = Strings(body["Category"]);
        var sortBy = (string?)body["Sort"]?["SortBy"] ?? "Identifier";
        var descending = ((string?)body["Sort"]?["SortOrder"] ?? "DESCENDING") == "DESCENDING";
        var offset = body["NextToken"] is { } token ? ParsePageToken((string)token!, catalog) : 0;

        lock (_gate)
        {
            Func<StoredSolution, string> key = sortBy switch
            {
                "Name" => s => s.Name,
                "Status" => s => s.Status,
                "Category" => s => s.Category,
                "CreatedDate" => s => Format(s.CreatedDate),
                _ => s => s.Id,
            };
            var matching = _solutions
                .Where(s => s.Catalog == catalog)
                .Where(s => statuses is null || statuses.Contains(s.Status))
                .Where(s => ids is null || ids.Contains(s.Id))
                .Where(s => categories is null || categories.Contains(s.Category));
            var sorted = (descending ? matching.OrderByDescending(key, StringComparer.Ordinal) : matching.OrderBy(key, StringComparer.Ordinal)).ToList();

            var page = new JsonArray();
            foreach (var solution in sorted.Skip(offset).Take(pageSize))
            {
                page.Add(new JsonObject
                {
                    ["Catalog"] = solution.Catalog,
                    ["Id"] = solution.Id,
                    ["Arn"] = $"arn:aws:partnercentral:{_options.Region}:{_options.AwsAccountId}:catalog/{solution.Catalog}/solution/{solution.Id}",
                    ["Name"] = solution.Name,
                    ["Status"] = solution.Status,
                    ["Category"] = solution.Category,
                    ["CreatedDate"] = Format(solution.CreatedDate),
                });
            }

            var response = new JsonObject { ["SolutionSummaries"] = page };
            if (offset + pageSize < sorted.Count)
                response["NextToken"] = PageToken(offset + pageSize, catalog);
            return response;
        }
    }

    // ---- Rules ----

    static string Catalog(JsonObject body)
    {
        var catalog = (string)body["Catalog"]!;
        if (!OperationShapes.Catalogs.Contains(catalog, StringComparer.Ordinal))
            throw FieldError.ToFault([new FieldError("Catalog", FieldError.InvalidValue, "Member must be AWS or Sandbox")], FieldError.RequestValidationFailed);
        return catalog;
    }

    static void RequireKnownCatalog(string catalog)
    {
        if (!OperationShapes.Catalogs.Contains(catalog, StringComparer.Ordinal))
            throw new ArgumentException($"'{catalog}' is not a catalog: use AWS or Sandbox.", nameof(catalog));
    }

    // Opportunities of one catalog are invisible in the other: the same answer as for an id that does not exist.
    StoredOpportunity Find(string catalog, string id) =>
        _opportunities.TryGetValue(id, out var opportunity) && opportunity.Catalog == catalog
            ? opportunity
            : throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.ResourceNotFound, $"Opportunity {id} was not found in the {catalog} catalog.");

    // The cross-field rules the service documents for the fields the model describes.
    static void CheckBusinessRules(JsonObject body, string catalog, bool creating)
    {
        var errors = new List<FieldError>();
        if (creating && catalog == "AWS" && body["Origin"] is { } origin && (string?)origin != "Partner Referral")
            errors.Add(new FieldError("Origin", FieldError.InvalidValue, "Member must be Partner Referral in the AWS catalog"));

        var industry = (string?)body["Customer"]?["Account"]?["Industry"];
        if (industry == "Other" && string.IsNullOrWhiteSpace((string?)body["Customer"]?["Account"]?["OtherIndustry"]))
            errors.Add(new FieldError("Customer.Account.OtherIndustry", FieldError.RequiredFieldMissing, "Member is required when Industry is Other"));
        if ((string?)body["NationalSecurity"] == "Yes" && industry != "Government")
            errors.Add(new FieldError("NationalSecurity", FieldError.InvalidValue, "Member may be Yes only when Customer.Account.Industry is Government"));
        if ((string?)body["LifeCycle"]?["Stage"] == "Closed Lost" && body["LifeCycle"]?["ClosedLostReason"] is null)
            errors.Add(new FieldError("LifeCycle.ClosedLostReason", FieldError.RequiredFieldMissing, "Member is required when Stage is Closed Lost"));

        if (errors.Count > 0)
            throw FieldError.ToFault(errors, FieldError.BusinessValidationFailed);
    }

    static void CheckUnchanged(StoredOpportunity opportunity, JsonObject body, string[] paths, string when)
    {
        var current = opportunity.Writable();
        var changed = paths.Where(p => !JsonNode.DeepEquals(At(current, p), At(body, p))).ToList();
        if (changed.Count > 0)
            throw FieldError.ToFault(
                changed.Select(p => new FieldError(p, FieldError.ActionNotPermitted, $"Member cannot change {when}")).ToList(),
                FieldError.BusinessValidationFailed);
    }

    static void CheckOnlyChanged(StoredOpportunity opportunity, JsonObject body)
    {
        var current = opportunity.Writable();
        var requested = StoredOpportunity.WritableOf(body);
        foreach (var path in EditableWhenActionRequired)
        {
            Remove(current, path);
            Remove(requested, path);
        }

        if (!JsonNode.DeepEquals(current, requested))
            throw FieldError.ToFault(
                [new FieldError("LifeCycle.ReviewStatus", FieldError.ActionNotPermitted,
                    $"While the review status is Action Required only these fields can change: {string.Join(", ", EditableWhenActionRequired)}")],
                FieldError.BusinessValidationFailed);
    }

    // ---- Helpers ----

    static JsonNode? At(JsonNode? root, string path)
    {
        foreach (var name in path.Split('.'))
            root = root?[name];
        return root;
    }

    static void Remove(JsonObject root, string path)
    {
        var names = path.Split('.');
        var parent = At(root, string.Join('.', names[..^1])) as JsonObject;
        if (names.Length == 1)
            parent = root;
        parent?.Remove(names[^1]);
    }

    static HashSet<string>? Strings(JsonNode? list) =>
        list is JsonArray array && array.Count > 0 ? array.Select(n => (string)n!).ToHashSet(StringComparer.Ordinal) : null;

    static string PageToken(int offset, string catalog) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{catalog}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    static int ParsePageToken(string token, string catalog)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && parts[0] == catalog && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }

        throw FieldError.ToFault([new FieldError("NextToken", FieldError.InvalidValue, "Member must be a NextToken this operation returned")], FieldError.RequestValidationFailed);
    }

    // Millisecond precision, as written, and strictly increasing, so that every change is visible in LastModifiedDate.
    DateTimeOffset NextTimestamp()
    {
        var now = Truncate(_clock.GetUtcNow());
        _lastTimestamp = now > _lastTimestamp ? now : _lastTimestamp.AddMilliseconds(1);
        return _lastTimestamp;
    }

    static DateTimeOffset Truncate(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>A timestamp as the service writes it: RFC 3339, UTC, milliseconds.</summary>
    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    sealed record UsedClientToken(JsonObject Request, JsonObject Response);

    sealed record StoredSolution(string Catalog, string Id, string Name, string Status, string Category, DateTimeOffset CreatedDate);

    sealed class InjectedFault(PartnerCentralErrorException fault, string? operation, int remaining)
    {
        public PartnerCentralErrorException Fault { get; } = fault;

        public string? Operation { get; } = operation;

        public int Remaining { get; set; } = remaining;
    }

    sealed class StoredOpportunity(string catalog, string id, string origin, DateTimeOffset createdDate)
    {
        static readonly string[] AwsLifeCycleMembers = ["ReviewStatus", "ReviewComments", "ReviewStatusReason"];

        public string Catalog { get; } = catalog;

        public string Id { get; } = id;

        // Kept although GetOpportunity does not return it: the model's response has no Origin.
        public string Origin { get; } = origin;

        public DateTimeOffset CreatedDate { get; } = createdDate;

        public DateTimeOffset LastModifiedDate { get; set; }

        /// <summary>The members UpdateOpportunity replaces, LifeCycle aside.</summary>
        public JsonObject Fields { get; private set; } = [];

        public JsonObject LifeCycle { get; private set; } = [];

        public JsonArray? OpportunityTeam { get; init; }

        public Dictionary<string, List<string>> RelatedEntities { get; } = new(StringComparer.Ordinal)
        {
            ["AwsMarketplaceOffers"] = [],
            ["AwsProducts"] = [],
            ["Solutions"] = [],
        };

        /// <summary>
        /// Replaces every member a partner writes with what <paramref name="body"/> holds, an omitted one becoming null
        /// (as UpdateOpportunity does), and keeps what AWS owns in LifeCycle, adding to the next-steps history.
        /// </summary>
        public void Replace(JsonObject body, DateTimeOffset now)
        {
            var fields = new JsonObject();
            foreach (var name in OperationShapes.UpdatableMembers.Where(n => n != "LifeCycle"))
            {
                if (body[name] is { } value)
                    fields[name] = value.DeepClone();
            }

            var previous = LifeCycle;
            var lifeCycle = new JsonObject();
            foreach (var name in OperationShapes.WritableLifeCycleMembers)
            {
                if (body["LifeCycle"]?[name] is { } value)
                    lifeCycle[name] = value.DeepClone();
            }

            foreach (var name in AwsLifeCycleMembers)
            {
                if (previous[name] is { } value)
                    lifeCycle[name] = value.DeepClone();
            }

            var history = previous["NextStepsHistory"]?.DeepClone() as JsonArray ?? [];
            var nextSteps = (string?)lifeCycle["NextSteps"];
            if (nextSteps is not null && nextSteps != (string?)previous["NextSteps"])
                history.Add(new JsonObject { ["Value"] = nextSteps, ["Time"] = Format(now) });
            while (history.Count > 50)
                history.RemoveAt(0);
            if (history.Count > 0)
                lifeCycle["NextStepsHistory"] = history;

            Fields = fields;
            LifeCycle = lifeCycle;
        }

        /// <summary>What a partner can write, as stored: the fields and LifeCycle's writable members.</summary>
        public JsonObject Writable()
        {
            var writable = (JsonObject)Fields.DeepClone();
            var lifeCycle = new JsonObject();
            foreach (var name in OperationShapes.WritableLifeCycleMembers)
            {
                if (LifeCycle[name] is { } value)
                    lifeCycle[name] = value.DeepClone();
            }

            if (lifeCycle.Count > 0)
                writable["LifeCycle"] = lifeCycle;
            return writable;
        }

        /// <summary>The same projection of an update request.</summary>
        public static JsonObject WritableOf(JsonObject body)
        {
            var probe = new StoredOpportunity("", "", "", default);
            probe.Replace(body, default);
            probe.LifeCycle.Remove("NextStepsHistory");
            return probe.Writable();
        }

        /// <summary>The opportunity as GetOpportunity returns it, in the model's member order.</summary>
        public JsonObject ToDocument(PartnerCentralEmulatorOptions options)
        {
            var document = new JsonObject { ["Catalog"] = Catalog };
            foreach (var (name, value) in Fields)
                document[name] = value?.DeepClone();
            document["Id"] = Id;
            document["Arn"] = $"arn:aws:partnercentral:{options.Region}:{options.AwsAccountId}:catalog/{Catalog}/opportunity/{Id}";
            document["LastModifiedDate"] = Format(LastModifiedDate);
            document["CreatedDate"] = Format(CreatedDate);
            var related = new JsonObject();
            foreach (var (type, ids) in RelatedEntities)
                related[type] = new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
            document["RelatedEntityIdentifiers"] = related;
            document["LifeCycle"] = LifeCycle.DeepClone();
            if (OpportunityTeam is { Count: > 0 })
                document["OpportunityTeam"] = OpportunityTeam.DeepClone();
            return document;
        }
    }
}

/// <summary>One request the emulator received, refused ones included.</summary>
/// <param name="ReceivedAt">When it arrived, by the emulator's clock.</param>
/// <param name="Operation">The operation from <c>X-Amz-Target</c>, e.g. <c>CreateOpportunity</c>, or null.</param>
/// <param name="AccessKeyId">The access key that signed it, when the signature was valid.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="ErrorType">The error answered, e.g. <c>ThrottlingException</c>, or null.</param>
/// <param name="Body">The body as received.</param>
/// <param name="Headers">
/// The headers as received: Authorization holds no secret, but X-Amz-Security-Token is the session token as sent.
/// </param>
public sealed record PartnerCentralEmulatorRequest(
    DateTimeOffset ReceivedAt, string? Operation, string? AccessKeyId, int StatusCode, string? ErrorType, string Body,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body parsed as a JSON object, or null when it is not one.</summary>
    public JsonObject? Json
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
