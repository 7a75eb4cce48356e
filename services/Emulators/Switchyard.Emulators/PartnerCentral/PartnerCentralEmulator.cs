// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The state of an emulated Partner Central Selling account: opportunities per catalog, solutions, client tokens and
/// a log of requests, with the operations the processor calls and hooks for tests and operators (seed solutions,
/// move an opportunity through review, edit it as AWS's console would, declare members AWS has added, make calls fail,
/// read what was stored and received). Thread-safe; register it as a singleton and serve it with
/// <see cref="PartnerCentralEmulatorEndpoints.MapPartnerCentralEmulator"/>.
/// </summary>
/// <remarks>
/// Every request is checked against AWS's model of the API (<see cref="ServiceModel.PartnerCentralSelling"/>, read
/// when the emulator is created) before it runs: JSON types (a <c>SerializationException</c>), then required
/// members, enums, lengths, patterns and documented value lists (a <c>ValidationException</c>,
/// <c>REQUEST_VALIDATION_FAILED</c>), then the documented rules across members (<c>BUSINESS_VALIDATION_FAILED</c>).
/// Members the model does not know are ignored, as AWS's JSON services ignore them.
/// </remarks>
public sealed partial class PartnerCentralEmulator
{
    /// <summary>The review status of a new opportunity.</summary>
    public const string PendingSubmission = "Pending Submission";

    const int KeptNextSteps = 50;
    const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>
    /// The catalogs: "This field takes a string value from a predefined list: AWS or Sandbox" (the <c>Catalog</c>
    /// member of every request; the model's pattern alone would take any letters).
    /// </summary>
    public static readonly IReadOnlyList<string> Catalogs = ["AWS", "Sandbox"];

    // "After the review process (i.e., when Lifecycle.ReviewStatus is set to Approved), the following fields cannot be
    // updated" (Partner Central Selling API guide, "Working with opportunity updates").
    static readonly string[] LockedWhenApproved =
    [
        "Customer.Account.Address.CountryCode", "Customer.Account.Address.PostalCode", "Customer.Account.Industry",
        "Customer.Account.WebsiteUrl", "Project.CustomerBusinessProblem", "PartnerOpportunityIdentifier", "Project.Title",
    ];

    // "If the opportunity is in Action Required status, AWS opens select fields for updates" (the same page).
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
    readonly ServiceModel _model;
    readonly OpportunityMembers _members;
    readonly IReadOnlyList<string> _relatedEntityTypes;
    readonly IReadOnlyList<string> _reviewStatuses;
    readonly Dictionary<string, StoredOpportunity> _opportunities = new(StringComparer.Ordinal);
    readonly Dictionary<(string Catalog, string Token), UsedClientToken> _clientTokens = [];
    readonly List<StoredSolution> _solutions = [];
    readonly List<InjectedFault> _faults = [];
    readonly Queue<PartnerCentralEmulatorRequest> _requests = new();
    long _lastOpportunityNumber = 1_000_000;
    long _lastSolutionNumber;
    DateTimeOffset _lastTimestamp = DateTimeOffset.MinValue;

    /// <summary>
    /// Creates the state, with the configured solutions, reads AWS's model of the API, and starts delivering events to
    /// <paramref name="sinks"/>.
    /// </summary>
    public PartnerCentralEmulator(IOptions<PartnerCentralEmulatorOptions> options, TimeProvider clock,
        IEnumerable<IPartnerCentralEventSink>? sinks = null, ILogger<PartnerCentralEmulator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _model = ServiceModel.PartnerCentralSelling;
        _members = new OpportunityMembers(_model);
        _relatedEntityTypes = _model.Shape("RelatedEntityIdentifiers").Members.Select(m => m.Name).ToList();
        _reviewStatuses = _model.Shape("ReviewStatus").Enum!;
        Verifier = new SigV4Verifier(
            _options.Credentials.ToDictionary(c => c.AccessKeyId, StringComparer.Ordinal), _options.Region, clock);
        foreach (var solution in _options.Solutions)
            SeedSolution(solution.Catalog, solution.Name, solution.Status, solution.Category);
        StartCoSell(sinks, logger);
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
        if (!_reviewStatuses.Contains(reviewStatus, StringComparer.Ordinal))
            throw new ArgumentException($"'{reviewStatus}' is not a review status: use one of {string.Join(", ", _reviewStatuses)}.", nameof(reviewStatus));
        lock (_gate)
        {
            var opportunity = FindAny(opportunityId);
            opportunity.ReadOnlyLifeCycle["ReviewStatus"] = reviewStatus;
            opportunity.LastModifiedDate = NextTimestamp();
            EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
        }
    }

    /// <summary>
    /// Changes an opportunity as someone editing it in AWS Partner Central's console would: <paramref name="edit"/>
    /// gets what can be edited (every member UpdateOpportunity writes, <c>LifeCycle</c> with the members AWS owns, and
    /// the members declared with <see cref="AddModelMember"/>), as GetOpportunity shows it, and may change any of it.
    /// The result must be valid against the model and its documented rules; the change moves
    /// <c>LastModifiedDate</c>, as any change does.
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no such opportunity.</exception>
    /// <exception cref="ArgumentException">The edited opportunity is not valid; nothing was changed.</exception>
    public void EditInConsole(string opportunityId, Action<JsonObject> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_gate)
        {
            var opportunity = FindAny(opportunityId);
            var editable = opportunity.Editable();
            edit(editable);

            var asUpdate = (JsonObject)editable.DeepClone();
            asUpdate["Catalog"] = opportunity.Catalog;
            asUpdate["Identifier"] = opportunity.Id;
            asUpdate["LastModifiedDate"] = Format(opportunity.LastModifiedDate);
            if (_model.Check("UpdateOpportunity", asUpdate) is { Count: > 0 } violations)
                throw new ArgumentException($"The edit leaves opportunity {opportunityId} invalid: {string.Join("; ", violations.Select(v => v.Sentence))}", nameof(edit));

            opportunity.Fields = _members.Writable(editable);
            opportunity.ReadOnlyLifeCycle = OpportunityMembers.ReadOnlyLifeCycle(editable["LifeCycle"]);
            opportunity.LastModifiedDate = NextTimestamp();
            EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
        }
    }

    /// <summary>
    /// Declares a member AWS has added to the API since the model Switchyard carries was published, e.g.
    /// <c>Project.CarbonFootprint</c> (a dotted path; list items share their list's path): from now on it is stored,
    /// returned by GetOpportunity and replaced by UpdateOpportunity (left out, it is cleared) like the model's own
    /// members. Its values are not checked. Lets a test prove that an update carries members the processor does not
    /// know back unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The model has the member already.</exception>
    public void AddModelMember(string path)
    {
        lock (_gate)
            _members.Add(path);
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
                return _opportunities.Values.Select(Document).ToList();
        }
    }

    /// <summary>One opportunity as <c>GetOpportunity</c> would return it, or null.</summary>
    public JsonObject? FindOpportunity(string opportunityId)
    {
        lock (_gate)
            return _opportunities.TryGetValue(opportunityId, out var opportunity) ? Document(opportunity) : null;
    }

    /// <summary>
    /// The requests received (the last <see cref="PartnerCentralEmulatorOptions.KeptRequests"/>), oldest first, refused
    /// ones included.
    /// </summary>
    public IReadOnlyList<PartnerCentralEmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
                return _requests.ToList();
        }
    }

    /// <summary>
    /// Forgets every opportunity, client token, injected failure and logged request, and what co-selling made (tasks,
    /// engagements, invitations, AWS summaries, events); keeps the solutions.
    /// </summary>
    public void Reset()
    {
        lock (_gate)
        {
            _opportunities.Clear();
            _clientTokens.Clear();
            _faults.Clear();
            _requests.Clear();
            ResetCoSell();
        }
    }

    // ---- The protocol ----

    internal void Record(PartnerCentralEmulatorRequest request)
    {
        lock (_gate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > _options.KeptRequests)
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

    /// <summary>
    /// Runs one operation on a parsed body: checks it against the model, then carries it out. Throws
    /// <see cref="PartnerCentralErrorException"/> for an error answer.
    /// </summary>
    internal JsonObject Invoke(string operation, JsonObject body)
    {
        Func<JsonObject, JsonObject> run = operation switch
        {
            "CreateOpportunity" => CreateOpportunity,
            "GetOpportunity" => GetOpportunity,
            "UpdateOpportunity" => UpdateOpportunity,
            "AssociateOpportunity" => AssociateOpportunity,
            "ListSolutions" => ListSolutions,
            _ => CoSellOperation(operation)
                 ?? throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.UnknownOperation, $"Operation {operation} is not supported by this emulator."),
        };
        Validate(operation, body);
        CompleteDueWork();
        return run(body);
    }

    // What AWS's front end checks before the operation runs, in its order: the JSON types, the model's constraints,
    // then the rules across members.
    void Validate(string operation, JsonObject body)
    {
        var violations = _model.Validate(operation, body);
        if (violations.FirstOrDefault(v => v.Kind == ViolationKind.WrongType) is { } wrongType)
            throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Serialization, wrongType.Message);
        if (violations.Count > 0)
            throw PartnerCentralErrorException.Validation(violations, PartnerCentralErrorException.RequestValidationFailed);

        var catalog = (string?)body["Catalog"];
        if (catalog is not null && !Catalogs.Contains(catalog, StringComparer.Ordinal))
            throw PartnerCentralErrorException.Validation(
                [new ModelViolation("Catalog", ViolationKind.NotDocumentedValue, "Member must satisfy enum value set: [AWS, Sandbox]", ModelViolation.InvalidEnumValue)],
                PartnerCentralErrorException.RequestValidationFailed);

        if (_model.CheckRules(operation, body) is { Count: > 0 } broken)
            throw PartnerCentralErrorException.Validation(broken, PartnerCentralErrorException.BusinessValidationFailed);
    }

    JsonObject CreateOpportunity(JsonObject body)
    {
        var catalog = (string)body["Catalog"]!;
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
            var opportunity = new StoredOpportunity(catalog, $"O{++_lastOpportunityNumber}", (string?)body["Origin"] ?? DocumentedRules.PartnerReferral, now, _relatedEntityTypes)
            {
                LastModifiedDate = now,
                OpportunityTeam = body["OpportunityTeam"]?.DeepClone() as JsonArray,
            };
            opportunity.Replace(_members.Writable(body), now);
            opportunity.ReadOnlyLifeCycle["ReviewStatus"] = PendingSubmission;
            _opportunities.Add(opportunity.Id, opportunity);
            EmitOpportunity(SellingApiEvents.OpportunityCreated, opportunity.Catalog, opportunity.Id);

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
        lock (_gate)
            return Document(Find((string)body["Catalog"]!, (string)body["Identifier"]!));
    }

    JsonObject UpdateOpportunity(JsonObject body)
    {
        var catalog = (string)body["Catalog"]!;
        lock (_gate)
        {
            var opportunity = Find(catalog, (string)body["Identifier"]!);
            var reviewStatus = (string?)opportunity.ReadOnlyLifeCycle["ReviewStatus"];
            if (reviewStatus is "Submitted" or "In review")
                throw PartnerCentralErrorException.Validation(
                    [new ModelViolation("LifeCycle.ReviewStatus", ViolationKind.BusinessRule,
                        $"The opportunity cannot be updated while its review status is {reviewStatus}; wait until AWS has reviewed it.", ModelViolation.ActionNotPermitted)],
                    PartnerCentralErrorException.BusinessValidationFailed);
            // LifeCycle.ReviewStatus: "Rejected: Disqualified (read-only)."
            if (reviewStatus == "Rejected")
                throw PartnerCentralErrorException.Validation(
                    [new ModelViolation("LifeCycle.ReviewStatus", ViolationKind.BusinessRule,
                        "The opportunity cannot be updated: AWS rejected it, which makes it read-only.", ModelViolation.ActionNotPermitted)],
                    PartnerCentralErrorException.BusinessValidationFailed);

            // The model's check has parsed it already.
            if (!Timestamps.TryParseIso8601((string)body["LastModifiedDate"]!, out var sent) || Truncate(sent) != opportunity.LastModifiedDate)
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Conflict,
                    $"The opportunity {opportunity.Id} was modified at {Format(opportunity.LastModifiedDate)}, after the LastModifiedDate in the request; get it again and resend the update with its current LastModifiedDate.");

            var requested = _members.Writable(body);
            if (reviewStatus == "Approved")
                CheckUnchanged(opportunity.Fields, requested, LockedWhenApproved, "after AWS approved the opportunity");
            else if (reviewStatus == "Action Required")
                CheckOnlyChanged(opportunity.Fields, requested);

            var now = NextTimestamp();
            opportunity.Replace(requested, now);
            opportunity.LastModifiedDate = now;
            // LifeCycle.ReviewStatus, Action Required: "After updates, the opportunity re-enters the validation phase."
            if (reviewStatus == "Action Required")
                opportunity.ReadOnlyLifeCycle["ReviewStatus"] = Submitted;
            EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
            return new JsonObject { ["Id"] = opportunity.Id, ["LastModifiedDate"] = Format(now) };
        }
    }

    JsonObject AssociateOpportunity(JsonObject body)
    {
        var catalog = (string)body["Catalog"]!;
        var type = (string)body["RelatedEntityType"]!;
        var entity = (string)body["RelatedEntityIdentifier"]!;

        lock (_gate)
        {
            var opportunity = Find(catalog, (string)body["OpportunityIdentifier"]!);
            if (type == "Solutions" && !_solutions.Any(s => s.Catalog == catalog && s.Id == entity))
                throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.ResourceNotFound, $"Solution {entity} was not found in the {catalog} catalog.");

            // The identifier's form is the one RelatedEntityIdentifiers gives entities of the type (an offer ARN, ...).
            var identifierShape = _model.Shape("RelatedEntityIdentifiers").Member(type)?.Shape.Item;
            if (identifierShape?.Pattern is { } pattern && !pattern.IsMatch(entity))
                throw PartnerCentralErrorException.Validation(
                    [new ModelViolation("RelatedEntityIdentifier", ViolationKind.PatternMismatch, $"Member must satisfy regular expression pattern: {pattern.Source}", ModelViolation.InvalidStringFormat)],
                    PartnerCentralErrorException.RequestValidationFailed);

            var related = opportunity.RelatedEntities[type];
            if (!related.Contains(entity, StringComparer.Ordinal))
            {
                related.Add(entity);
                // An association changes the opportunity; a client must read it again before updating.
                opportunity.LastModifiedDate = NextTimestamp();
                EmitOpportunity(SellingApiEvents.OpportunityUpdated, opportunity.Catalog, opportunity.Id);
            }

            return [];
        }
    }

    JsonObject ListSolutions(JsonObject body)
    {
        var catalog = (string)body["Catalog"]!;
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

    static void RequireKnownCatalog(string catalog)
    {
        if (!Catalogs.Contains(catalog, StringComparer.Ordinal))
            throw new ArgumentException($"'{catalog}' is not a catalog: use AWS or Sandbox.", nameof(catalog));
    }

    // Opportunities of one catalog are invisible in the other: the same answer as for an id that does not exist.
    StoredOpportunity Find(string catalog, string id) =>
        _opportunities.TryGetValue(id, out var opportunity) && opportunity.Catalog == catalog
            ? opportunity
            : throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.ResourceNotFound, $"Opportunity {id} was not found in the {catalog} catalog.");

    StoredOpportunity FindAny(string id) =>
        _opportunities.TryGetValue(id, out var opportunity) ? opportunity : throw new KeyNotFoundException($"There is no opportunity {id}.");

    static void CheckUnchanged(JsonObject current, JsonObject requested, string[] paths, string when)
    {
        var changed = paths.Where(p => !JsonNode.DeepEquals(At(current, p), At(requested, p))).ToList();
        if (changed.Count > 0)
            throw PartnerCentralErrorException.Validation(
                changed.Select(p => new ModelViolation(p, ViolationKind.BusinessRule, $"Member cannot change {when}", ModelViolation.ActionNotPermitted)).ToList(),
                PartnerCentralErrorException.BusinessValidationFailed);
    }

    static void CheckOnlyChanged(JsonObject current, JsonObject requested)
    {
        var before = (JsonObject)current.DeepClone();
        var after = (JsonObject)requested.DeepClone();
        foreach (var path in EditableWhenActionRequired)
        {
            Remove(before, path);
            Remove(after, path);
        }

        if (!JsonNode.DeepEquals(Pruned(before), Pruned(after)))
            throw PartnerCentralErrorException.Validation(
                [new ModelViolation("LifeCycle.ReviewStatus", ViolationKind.BusinessRule,
                    $"While the review status is Action Required only these fields can change: {string.Join(", ", EditableWhenActionRequired)}", ModelViolation.ActionNotPermitted)],
                PartnerCentralErrorException.BusinessValidationFailed);
    }

    // ---- Documents ----

    /// <summary>The opportunity as GetOpportunity returns it, in the order of the model's response members.</summary>
    JsonObject Document(StoredOpportunity opportunity)
    {
        var lifeCycle = opportunity.Fields["LifeCycle"]?.DeepClone() as JsonObject ?? [];
        foreach (var (name, value) in opportunity.ReadOnlyLifeCycle)
            lifeCycle[name] = value?.DeepClone();

        var related = new JsonObject();
        foreach (var (type, ids) in opportunity.RelatedEntities)
            related[type] = new JsonArray(ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

        var parts = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["Catalog"] = opportunity.Catalog,
            ["Id"] = opportunity.Id,
            ["Arn"] = $"arn:aws:partnercentral:{_options.Region}:{_options.AwsAccountId}:catalog/{opportunity.Catalog}/opportunity/{opportunity.Id}",
            ["LastModifiedDate"] = Format(opportunity.LastModifiedDate),
            ["CreatedDate"] = Format(opportunity.CreatedDate),
            ["RelatedEntityIdentifiers"] = related,
            ["LifeCycle"] = lifeCycle.Count > 0 ? lifeCycle : null,
            ["OpportunityTeam"] = opportunity.OpportunityTeam is { Count: > 0 } team ? team.DeepClone() : null,
        };
        foreach (var (name, value) in opportunity.Fields)
            parts.TryAdd(name, value?.DeepClone());

        var document = new JsonObject();
        foreach (var member in _model.Operation("GetOpportunity").Output!.Members)
        {
            if (parts.Remove(member.Name, out var value) && value is not null)
                document[member.Name] = value;
        }

        foreach (var (name, value) in parts)
        {
            if (value is not null)
                document[name] = value;
        }

        return document;
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
        var parent = names.Length == 1 ? root : At(root, string.Join('.', names[..^1])) as JsonObject;
        parent?.Remove(names[^1]);
    }

    // Structures left empty by removals read as absent, as in a request.
    static JsonObject Pruned(JsonObject structure)
    {
        foreach (var (name, value) in structure.ToList())
        {
            if (value is JsonObject child && Pruned(child).Count == 0)
                structure.Remove(name);
        }

        return structure;
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

        throw PartnerCentralErrorException.Validation(
            [new ModelViolation("NextToken", ViolationKind.BusinessRule, "Member must be a NextToken this operation returned", ModelViolation.InvalidValue)],
            PartnerCentralErrorException.RequestValidationFailed);
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

    sealed class StoredOpportunity(string catalog, string id, string origin, DateTimeOffset createdDate, IEnumerable<string> relatedEntityTypes)
    {
        public string Catalog { get; } = catalog;

        public string Id { get; } = id;

        // Kept although GetOpportunity does not return it: the model's response has no Origin.
        public string Origin { get; } = origin;

        public DateTimeOffset CreatedDate { get; } = createdDate;

        public DateTimeOffset LastModifiedDate { get; set; }

        /// <summary>What a partner writes (see <see cref="OpportunityMembers"/>), as stored.</summary>
        public JsonObject Fields { get; set; } = [];

        /// <summary>The members of LifeCycle only AWS writes: the review, its comments, the next-steps history.</summary>
        public JsonObject ReadOnlyLifeCycle { get; set; } = [];

        public JsonArray? OpportunityTeam { get; init; }

        public Dictionary<string, List<string>> RelatedEntities { get; } =
            relatedEntityTypes.ToDictionary(t => t, _ => new List<string>(), StringComparer.Ordinal);

        /// <summary>
        /// Replaces what a partner writes with <paramref name="writable"/>, an omitted member becoming null (as
        /// UpdateOpportunity does), and adds changed next steps to the history AWS keeps.
        /// </summary>
        public void Replace(JsonObject writable, DateTimeOffset now)
        {
            var nextSteps = (string?)writable["LifeCycle"]?["NextSteps"];
            if (nextSteps is not null && nextSteps != (string?)Fields["LifeCycle"]?["NextSteps"])
            {
                var history = ReadOnlyLifeCycle["NextStepsHistory"] as JsonArray ?? [];
                history.Add(new JsonObject { ["Value"] = nextSteps, ["Time"] = Format(now) });
                while (history.Count > KeptNextSteps)
                    history.RemoveAt(0);
                ReadOnlyLifeCycle["NextStepsHistory"] = history;
            }

            Fields = writable;
        }

        /// <summary>What the console can edit: the fields, LifeCycle with AWS's members, as GetOpportunity shows them.</summary>
        public JsonObject Editable()
        {
            var editable = (JsonObject)Fields.DeepClone();
            if (ReadOnlyLifeCycle.Count > 0)
            {
                var lifeCycle = editable["LifeCycle"] as JsonObject ?? [];
                foreach (var (name, value) in ReadOnlyLifeCycle)
                    lifeCycle[name] = value?.DeepClone();
                editable["LifeCycle"] = lifeCycle;
            }

            return editable;
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
    /// <summary>The body answered: the operation's output, or the error (<c>__type</c>, its message and members).</summary>
    public JsonObject? Response { get; init; }

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
