using System.Globalization;

namespace Switchyard.Emulators.HubSpot;

/// <summary>
/// What the HubSpot CRM emulator holds: deals, companies, contacts, notes and tasks with their properties, the
/// associations between them, the portal's property definitions and groups, its owners, the private app's scopes, the
/// webhooks HubSpot would send for changes, every request it received, and the faults it is told to answer with next.
/// Tests and the local run seed it and read it through these methods; HTTP clients see it only through
/// <see cref="HubSpotEmulatorEndpoints"/>. Safe to use from several threads.
/// </summary>
public sealed partial class HubSpotEmulatorState
{
    /// <summary>The token the emulator accepts when none is configured.</summary>
    public const string DefaultAccessToken = "pat-emulator-local-token";

    /// <summary>HubSpot's largest page of v4 associations, and the emulator's unless <see cref="AssociationPageSize"/> says less.</summary>
    public const int MaxAssociationPageSize = 500;

    readonly Lock _lock = new();
    readonly Dictionary<(string Type, long Id), StoredObject> _objects = [];
    readonly List<AssociationLink> _links = [];
    readonly Queue<Fault> _faults = new();
    readonly List<EmulatedRequest> _requests = [];
    long _nextId = 90_000_001;

    /// <summary>An empty CRM that accepts <paramref name="accessToken"/>.</summary>
    /// <param name="accessToken">The private app token a request must carry as <c>Authorization: Bearer</c>.</param>
    /// <param name="clock">The clock for timestamps (<c>createdAt</c>, <c>hs_lastmodifieddate</c>, the demo's close date).</param>
    /// <param name="switchyardProperties">
    /// Whether the portal has the <c>aws_*</c> deal properties Switchyard's setup creates (the default); false gives a
    /// fresh portal, as <c>switchyard-operator hubspot setup</c> first meets it.
    /// </param>
    public HubSpotEmulatorState(string accessToken = DefaultAccessToken, TimeProvider? clock = null, bool switchyardProperties = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        AccessToken = accessToken;
        Clock = clock ?? TimeProvider.System;
        DefineBuiltInProperties(switchyardProperties);
    }

    /// <summary>The token requests must carry.</summary>
    public string AccessToken { get; }

    /// <summary>The clock the emulator stamps objects with.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// The most v4 associations one page holds (at most <see cref="MaxAssociationPageSize"/>); smaller values let a test
    /// see paging without seeding hundreds of deals.
    /// </summary>
    public int AssociationPageSize
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxAssociationPageSize);
            field = value;
        }
    } = MaxAssociationPageSize;

    // ---- Seeding -------------------------------------------------------------------------------------------------

    /// <summary>Adds or replaces a deal. Its properties become defined properties of deals.</summary>
    public void AddDeal(long id, IReadOnlyDictionary<string, string?> properties) => Put(HubSpotObjectTypes.Deals, id, properties);

    /// <summary>Adds or replaces a company.</summary>
    public void AddCompany(long id, IReadOnlyDictionary<string, string?> properties) => Put(HubSpotObjectTypes.Companies, id, properties);

    /// <summary>Adds or replaces a contact.</summary>
    public void AddContact(long id, IReadOnlyDictionary<string, string?> properties) => Put(HubSpotObjectTypes.Contacts, id, properties);

    /// <summary>Adds or replaces a note with its HTML body and timestamp.</summary>
    public void AddNote(long id, string body, DateTimeOffset timestamp) =>
        Put(HubSpotObjectTypes.Notes, id, new Dictionary<string, string?> { ["hs_note_body"] = body, ["hs_timestamp"] = Iso(timestamp) });

    /// <summary>
    /// Associates a deal with a company. HubSpot lists every company of a deal as <c>deal_to_company_unlabeled</c>, and
    /// the primary one also as <c>deal_to_company</c>.
    /// </summary>
    public void AssociateDealWithCompany(long dealId, long companyId, bool primary = false) =>
        Link(HubSpotObjectTypes.Deals, dealId, HubSpotObjectTypes.Companies, companyId, primary);

    /// <summary>Associates a deal with a contact.</summary>
    public void AssociateDealWithContact(long dealId, long contactId) =>
        Link(HubSpotObjectTypes.Deals, dealId, HubSpotObjectTypes.Contacts, contactId, primary: false);

    /// <summary>Associates a note with a deal.</summary>
    public void AssociateNoteWithDeal(long noteId, long dealId) =>
        Link(HubSpotObjectTypes.Notes, noteId, HubSpotObjectTypes.Deals, dealId, primary: false);

    /// <summary>
    /// Changes properties of an existing object (<c>deals</c>, <c>companies</c>, ...) as a user editing it in HubSpot does (its last-modified date moves
    /// on); HubSpot would then send a <c>*.propertyChange</c> webhook per property, which the test sends itself.
    /// </summary>
    public EmulatedObject Edit(string objectType, long id, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (Update(objectType, id, properties, WebhookSource.User) is null)
            throw new KeyNotFoundException($"There is no {objectType} object {id}.");
        return Snapshot(objectType, id)!;
    }

    /// <summary>
    /// Defines a property of an object type (<c>deals</c>, <c>companies</c>, <c>contacts</c>, <c>notes</c>,
    /// <c>tasks</c>), as a portal's custom single-line text property would be: reads return it (null when unset) and
    /// writes may set it. HubSpot's usual properties, the <c>aws_*</c> deal properties and every seeded property are
    /// defined already; the properties API defines others with their types.
    /// </summary>
    public void DefineProperty(string objectType, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            if (!DefinedProperties(objectType).ContainsKey(name))
                AddDefinition(objectType, TextProperty(objectType, name, hubSpotDefined: false));
        }
    }

    // ---- Faults --------------------------------------------------------------------------------------------------

    /// <summary>The next <paramref name="count"/> requests answer 429 with HubSpot's rate-limit body and <c>Retry-After</c> in seconds.</summary>
    public void RateLimitNext(int count, TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        var seconds = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        Enqueue(count, () => new Fault.RateLimited(seconds));
    }

    /// <summary>The next <paramref name="count"/> requests answer 429 with <c>Retry-After</c> as an HTTP date.</summary>
    public void RateLimitNext(int count, DateTimeOffset retryAt) =>
        Enqueue(count, () => new Fault.RateLimited(retryAt.ToString("r", CultureInfo.InvariantCulture)));

    /// <summary>The next <paramref name="count"/> requests answer 429 without <c>Retry-After</c>.</summary>
    public void RateLimitNext(int count) => Enqueue(count, () => new Fault.RateLimited(null));

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> (a 5xx) with HubSpot's error body.</summary>
    public void FailNext(int count, int status = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        Enqueue(count, () => new Fault.Error(status, "INTERNAL_ERROR", "An internal error occurred.", null));
    }

    /// <summary>The next <paramref name="count"/> requests answer <paramref name="status"/> with HubSpot's error body carrying this category and message.</summary>
    public void RespondNextWithError(int status, string category, string message, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        Enqueue(count, () => new Fault.Error(status, category, message, null));
    }

    /// <summary>
    /// The next request waits, before it is authenticated or answered, until the hold is released or the caller gives
    /// up: a timeout without sleeping. Dispose the hold (or call <see cref="RequestHold.Release"/>) to let it go on.
    /// </summary>
    public RequestHold HoldNext()
    {
        var hold = new RequestHold();
        Enqueue(1, () => new Fault.Held(hold));
        return hold;
    }

    /// <summary>Forgets faults that no request has taken yet.</summary>
    public void ClearFaults()
    {
        lock (_lock)
            _faults.Clear();
    }

    // ---- Reading what was written ---------------------------------------------------------------------------------

    /// <summary>The deal as it is now (after PATCHes), or null.</summary>
    public EmulatedObject? Deal(long id) => Snapshot(HubSpotObjectTypes.Deals, id);

    /// <summary>The company, or null.</summary>
    public EmulatedObject? Company(long id) => Snapshot(HubSpotObjectTypes.Companies, id);

    /// <summary>The contact, or null.</summary>
    public EmulatedObject? Contact(long id) => Snapshot(HubSpotObjectTypes.Contacts, id);

    /// <summary>Every note, seeded or created, in id order, with the deals it is associated with.</summary>
    public IReadOnlyList<EmulatedNote> Notes
    {
        get
        {
            lock (_lock)
            {
                return _objects.Where(o => o.Key.Type == HubSpotObjectTypes.Notes).OrderBy(o => o.Key.Id)
                    .Select(o => new EmulatedNote(o.Key.Id, o.Value.Properties.GetValueOrDefault("hs_note_body"),
                        o.Value.Properties.GetValueOrDefault("hs_timestamp"),
                        LinkedIds(HubSpotObjectTypes.Notes, o.Key.Id, HubSpotObjectTypes.Deals).Select(l => l.Id).ToList()))
                    .ToList();
            }
        }
    }

    /// <summary>The notes associated with a deal.</summary>
    public IReadOnlyList<EmulatedNote> NotesOnDeal(long dealId) => Notes.Where(n => n.DealIds.Contains(dealId)).ToList();

    /// <summary>Every request received, in order, including refused ones.</summary>
    public IReadOnlyList<EmulatedRequest> Requests
    {
        get
        {
            lock (_lock)
                return _requests.ToList();
        }
    }

    // ---- What the endpoints use -----------------------------------------------------------------------------------

    internal void Record(EmulatedRequest request)
    {
        lock (_lock)
            _requests.Add(request);
    }

    internal Fault? TakeFault()
    {
        lock (_lock)
            return _faults.TryDequeue(out var fault) ? fault : null;
    }

    internal StoredObject? Find(string type, long id)
    {
        lock (_lock)
            return _objects.TryGetValue((type, id), out var stored) ? stored.Copy() : null;
    }

    internal bool IsDefined(string type, string property)
    {
        lock (_lock)
            return DefinedProperties(type).TryGetValue(property, out var definition) && !definition.Archived;
    }

    /// <summary>The objects of <paramref name="toType"/> associated with the object, each with whether the association is primary.</summary>
    internal IReadOnlyList<(long Id, bool Primary)> Associated(string type, long id, string toType)
    {
        lock (_lock)
            return LinkedIds(type, id, toType);
    }

    /// <summary>
    /// Sets properties and the last-modified date, and records the <c>*.propertyChange</c> webhook HubSpot sends for
    /// each value that changed; null when the object does not exist.
    /// </summary>
    internal StoredObject? Update(string type, long id, IReadOnlyDictionary<string, string> properties, WebhookSource source)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue((type, id), out var stored))
                return null;
            RequireUniqueValues(type, properties, id);
            var now = Clock.GetUtcNow();
            foreach (var (name, value) in properties)
            {
                if (!string.Equals(stored.Properties.GetValueOrDefault(name) ?? "", value, StringComparison.Ordinal))
                    RecordPropertyChange(type, id, name, value, source, now);
                stored.Properties[name] = value;
            }

            stored.Properties[HubSpotObjectTypes.LastModifiedProperty(type)] = Iso(now);
            stored.UpdatedAt = now;
            return stored.Copy();
        }
    }

    /// <summary>
    /// Creates an object with a new id and associates it (primary ones as primary, demoting another primary), and
    /// records the creation webhook; the caller has checked that the targets exist.
    /// </summary>
    internal (long Id, StoredObject Object) Create(string type, IReadOnlyDictionary<string, string> properties,
        IEnumerable<(string Type, long Id, bool Primary)> associateWith, WebhookSource source)
    {
        lock (_lock)
        {
            RequireUniqueValues(type, properties, exceptId: null);
            while (_objects.ContainsKey((type, _nextId)))
                _nextId++;
            var id = _nextId++;
            var stored = NewObject(type, id, properties.ToDictionary(p => p.Key, p => (string?)p.Value));
            _objects[(type, id)] = stored;
            foreach (var (toType, toId, primary) in associateWith)
                Link(type, id, toType, toId, primary);
            RecordCreation(type, id, source, stored.CreatedAt);
            return (id, stored.Copy());
        }
    }

    /// <summary>The object whose unique property <paramref name="property"/> holds <paramref name="value"/>, or null.</summary>
    internal (long Id, StoredObject Object)? FindByUniqueValue(string type, string property, string value)
    {
        lock (_lock)
        {
            foreach (var ((objectType, id), stored) in _objects)
            {
                if (objectType == type && string.Equals(stored.Properties.GetValueOrDefault(property), value, StringComparison.Ordinal))
                    return (id, stored.Copy());
            }

            return null;
        }
    }

    // Under _lock: a write may not give a unique property a value another object of the type holds.
    void RequireUniqueValues(string type, IReadOnlyDictionary<string, string> properties, long? exceptId)
    {
        foreach (var (name, value) in properties)
        {
            if (value.Length == 0 || !DefinedProperties(type).TryGetValue(name, out var definition) || !definition.HasUniqueValue)
                continue;
            foreach (var ((objectType, id), stored) in _objects)
            {
                if (objectType == type && id != exceptId && string.Equals(stored.Properties.GetValueOrDefault(name), value, StringComparison.Ordinal))
                    throw new UniqueValueConflictException(type, name, value, id);
            }
        }
    }

    /// <summary>Whether the object exists.</summary>
    internal bool Exists(string type, long id)
    {
        lock (_lock)
            return _objects.ContainsKey((type, id));
    }

    internal static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    void Put(string type, long id, IReadOnlyDictionary<string, string?> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        lock (_lock)
        {
            foreach (var name in properties.Keys.Where(name => !DefinedProperties(type).ContainsKey(name)))
                AddDefinition(type, TextProperty(type, name, hubSpotDefined: false));
            _objects[(type, id)] = NewObject(type, id, properties);
        }
    }

    StoredObject NewObject(string type, long id, IReadOnlyDictionary<string, string?> properties)
    {
        var now = Clock.GetUtcNow();
        var values = new Dictionary<string, string?>(properties, StringComparer.Ordinal)
        {
            ["hs_object_id"] = id.ToString(CultureInfo.InvariantCulture),
        };
        values.TryAdd(HubSpotObjectTypes.CreatedProperty(type), Iso(now));
        values.TryAdd(HubSpotObjectTypes.LastModifiedProperty(type), Iso(now));
        return new StoredObject(values, now, now);
    }

    internal void Link(string type, long id, string toType, long toId, bool primary)
    {
        lock (_lock)
        {
            _links.RemoveAll(l => l.Connects(type, id, toType, toId));
            // One primary company per deal: a new primary demotes the old one, as in HubSpot.
            if (primary)
            {
                for (var i = 0; i < _links.Count; i++)
                {
                    if (_links[i].Primary && _links[i].Touches(type, id, toType))
                        _links[i] = _links[i] with { Primary = false };
                }
            }

            _links.Add(new AssociationLink(type, id, toType, toId, primary));
        }
    }

    /// <summary>Removes every association between the two objects; whether there was one.</summary>
    internal bool Unlink(string type, long id, string toType, long toId)
    {
        lock (_lock)
            return _links.RemoveAll(l => l.Connects(type, id, toType, toId)) > 0;
    }

    /// <summary>Whether the association between the two objects is primary, or null when there is none.</summary>
    internal bool? LinkPrimary(string type, long id, string toType, long toId)
    {
        lock (_lock)
            return _links.FirstOrDefault(l => l.Connects(type, id, toType, toId))?.Primary;
    }

    List<(long Id, bool Primary)> LinkedIds(string type, long id, string toType) =>
        _links.Where(l => l.Touches(type, id, toType)).Select(l => (l.Other(type, id), l.Primary)).ToList();

    EmulatedObject? Snapshot(string type, long id) =>
        Find(type, id) is { } stored ? new EmulatedObject(type, id, stored.Properties, stored.CreatedAt, stored.UpdatedAt) : null;

    void Enqueue(int count, Func<Fault> fault)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
                _faults.Enqueue(fault());
        }
    }

    /// <summary>An association, undirected as in HubSpot: it is listed from either end.</summary>
    sealed record AssociationLink(string TypeA, long IdA, string TypeB, long IdB, bool Primary)
    {
        public bool Touches(string type, long id, string toType) =>
            (TypeA == type && IdA == id && TypeB == toType) || (TypeB == type && IdB == id && TypeA == toType);

        public bool Connects(string type, long id, string toType, long toId) =>
            Touches(type, id, toType) && Other(type, id) == toId;

        public long Other(string type, long id) => TypeA == type && IdA == id ? IdB : IdA;
    }
}

/// <summary>An object's stored state.</summary>
internal sealed class StoredObject(Dictionary<string, string?> properties, DateTimeOffset createdAt, DateTimeOffset updatedAt)
{
    public Dictionary<string, string?> Properties { get; } = properties;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset UpdatedAt { get; set; } = updatedAt;

    public StoredObject Copy() => new(new Dictionary<string, string?>(Properties, StringComparer.Ordinal), CreatedAt, UpdatedAt);
}

/// <summary>A write would give a unique property a value another object holds; nothing was written.</summary>
internal sealed class UniqueValueConflictException(string type, string property, string value, long existingId)
    : Exception($"A {HubSpotObjectTypes.Singular(type)} with {property} {value} already exists. Existing ID: {existingId}")
{
    public long ExistingId { get; } = existingId;
}

/// <summary>What the emulator answers a request with instead of serving it.</summary>
internal abstract record Fault
{
    /// <summary>429 with HubSpot's rate-limit body; <paramref name="RetryAfter"/> is the header's value, if any.</summary>
    public sealed record RateLimited(string? RetryAfter) : Fault;

    /// <summary>An error status with HubSpot's error body.</summary>
    public sealed record Error(int Status, string Category, string Message, string? RetryAfter) : Fault;

    /// <summary>The request waits for the hold to be released, then is served.</summary>
    public sealed record Held(RequestHold Hold) : Fault;
}

/// <summary>A request the emulator keeps waiting; see <see cref="HubSpotEmulatorState.HoldNext"/>.</summary>
public sealed class RequestHold : IDisposable
{
    readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held request has arrived.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>Lets the held request (or the one still to come) go on.</summary>
    public void Release() => _released.TrySetResult();

    /// <inheritdoc />
    public void Dispose() => Release();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
    }
}

/// <summary>An object as the emulator holds it now.</summary>
/// <param name="ObjectType"><c>deals</c>, <c>companies</c>, <c>contacts</c> or <c>notes</c>.</param>
/// <param name="Id">Its id.</param>
/// <param name="Properties">Every property with a value, including <c>hs_object_id</c> and the dates HubSpot maintains.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record EmulatedObject(string ObjectType, long Id, IReadOnlyDictionary<string, string?> Properties, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>A property's value, or null.</summary>
    public string? Property(string name) => Properties.GetValueOrDefault(name);
}

/// <summary>A note and the deals it is associated with.</summary>
/// <param name="Id">The note id.</param>
/// <param name="Body">Its <c>hs_note_body</c> (HTML).</param>
/// <param name="Timestamp">Its <c>hs_timestamp</c>, as stored.</param>
/// <param name="DealIds">The deals it is associated with.</param>
public sealed record EmulatedNote(long Id, string? Body, string? Timestamp, IReadOnlyList<long> DealIds);

/// <summary>A request the emulator received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path below the emulator's prefix, e.g. <c>/crm/v3/objects/deals/4242</c>.</param>
/// <param name="QueryString">The query string as sent, with its <c>?</c>, or empty.</param>
/// <param name="Body">The body as sent, or empty.</param>
/// <param name="Authorized">Whether it carried the right bearer token.</param>
public sealed record EmulatedRequest(string Method, string Path, string QueryString, string Body, bool Authorized)
{
    /// <summary>A query parameter's values joined with commas (HubSpot accepts a list either way), or null when absent.</summary>
    public string? Query(string name)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(QueryString).GetValueOrDefault(name);
        return values.Count == 0 ? null : string.Join(',', values.ToArray());
    }
}
