using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.HubSpot;

/// <summary>
/// <see cref="IHubSpotCrmClient"/> over <see cref="IHubSpotCrmApi"/>: what the processor reads and writes in HubSpot,
/// in its own terms. Missing objects read as null; every failure is a <see cref="HubSpotTransientException"/> or a
/// <see cref="HubSpotPermanentException"/> from <see cref="HubSpotErrorHandler"/>.
/// </summary>
internal sealed class HubSpotCrmClient(IHubSpotCrmApi api, IOptions<HubSpotCrmOptions> options, TimeProvider clock, ILogger<HubSpotCrmClient> logger)
    : IHubSpotCrmClient
{
    /// <summary>The v3 association type of a deal's primary company (HUBSPOT_DEFINED type 5); every company is also listed as <c>deal_to_company_unlabeled</c> (341).</summary>
    public const string PrimaryCompanyAssociationType = "deal_to_company";

    /// <summary>HUBSPOT_DEFINED association type "note to deal".</summary>
    public const int NoteToDealAssociationTypeId = 214;

    /// <summary>HUBSPOT_DEFINED association type "task to deal".</summary>
    public const int TaskToDealAssociationTypeId = 216;

    /// <summary>HUBSPOT_DEFINED association type "deal to company", primary.</summary>
    public const int DealToPrimaryCompanyAssociationTypeId = 5;

    /// <summary>HUBSPOT_DEFINED association type "contact to deal".</summary>
    public const int ContactToDealAssociationTypeId = 4;

    /// <summary>HUBSPOT_DEFINED association type "contact to company", primary.</summary>
    public const int ContactToPrimaryCompanyAssociationTypeId = 1;

    /// <summary>The note properties read.</summary>
    public static readonly IReadOnlyList<string> NoteProperties = ["hs_note_body", "hs_timestamp"];

    // HubSpot's batch read takes at most 100 inputs; a v4 association page at most 500 results.
    const int BatchReadLimit = 100;
    const int AssociationPageLimit = 500;

    readonly HubSpotCrmOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<HubSpotDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken)
    {
        var deal = await ReadObjectAsync("deals", dealId, DealProperties.All, ["companies", "contacts"], cancellationToken);
        return deal is null ? null : Deal(dealId, deal);
    }

    HubSpotDeal Deal(long dealId, HubSpotObjectDto deal)
    {
        var companies = Associated(deal, "companies");
        // Each company comes once per association type it has; the primary one is the one typed deal_to_company.
        var companyIds = companies.Where(a => a.Type == PrimaryCompanyAssociationType).Concat(companies)
            .Select(a => ParseId(a.Id)).OfType<long>().Distinct().ToList();
        var contactIds = Associated(deal, "contacts").Select(a => ParseId(a.Id)).OfType<long>().Distinct()
            .Take(_options.MaxContacts).ToList();

        return new HubSpotDeal(ParseId(deal.Id) ?? dealId, Properties(deal), companyIds, contactIds);
    }

    /// <inheritdoc />
    public async Task<HubSpotCompany?> GetCompanyAsync(long companyId, CancellationToken cancellationToken)
    {
        var company = await ReadObjectAsync("companies", companyId, CompanyProperties.All, associations: null, cancellationToken);
        return company is null ? null : new HubSpotCompany(ParseId(company.Id) ?? companyId, Properties(company));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HubSpotContact>> GetContactsAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contactIds);
        var wanted = contactIds.Distinct().ToList();
        var found = new Dictionary<long, HubSpotContact>();
        foreach (var chunk in wanted.Chunk(BatchReadLimit))
        {
            var request = new HubSpotBatchReadRequest(ContactProperties.All, chunk.Select(id => new HubSpotObjectIdDto(Id(id))).ToList());
            var answer = await ReadAsync(() => api.BatchReadAsync("contacts", request, cancellationToken), "POST", "/crm/v3/objects/contacts/batch/read");
            foreach (var contact in answer?.Results ?? [])
            {
                if (ParseId(contact.Id) is { } id)
                    found[id] = new HubSpotContact(id, Properties(contact));
            }
        }

        // HubSpot does not promise the order of a batch's results; the caller's order is the one that counts.
        return wanted.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <inheritdoc />
    public async Task<HubSpotNote?> GetNoteAsync(long noteId, CancellationToken cancellationToken)
    {
        var note = await ReadObjectAsync("notes", noteId, NoteProperties, ["deals"], cancellationToken);
        if (note is null)
            return null;

        var properties = Properties(note);
        var dealIds = Associated(note, "deals").Select(a => ParseId(a.Id)).OfType<long>().Distinct().ToList();
        return new HubSpotNote(ParseId(note.Id) ?? noteId, properties.GetValueOrDefault("hs_note_body"),
            ParseTimestamp(properties.GetValueOrDefault("hs_timestamp")), dealIds);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> GetAssociatedDealIdsAsync(string objectType, long objectId, CancellationToken cancellationToken)
    {
        var fromType = objectType switch
        {
            "companies" or "company" => "companies",
            "contacts" or "contact" => "contacts",
            _ => throw new ArgumentOutOfRangeException(nameof(objectType), objectType, "Deals are read for companies or contacts only."),
        };

        var dealIds = new List<long>();
        var seen = new HashSet<long>();
        string? after = null;
        do
        {
            // An object that does not exist has no deals.
            var page = await ReadAsync(() => api.GetAssociationsAsync(fromType, objectId, "deals", AssociationPageLimit, after, cancellationToken),
                "GET", $"/crm/v4/objects/{fromType}/{Id(objectId)}/associations/deals");
            if (page is null)
                break;

            foreach (var target in page.Results ?? [])
            {
                if (seen.Add(target.ToObjectId))
                    dealIds.Add(target.ToObjectId);
            }

            // A cursor that does not move would page forever.
            var next = page.Paging?.Next?.After;
            after = string.IsNullOrEmpty(next) || next == after ? null : next;
        }
        while (after is not null);

        return dealIds;
    }

    /// <inheritdoc />
    public Task UpdateDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        // HubSpot clears a property set to the empty string; null is not a value it accepts for every property type.
        var values = properties.ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);
        return api.UpdateObjectAsync("deals", dealId, new HubSpotPropertiesDto(values), cancellationToken);
    }

    /// <inheritdoc />
    public Task CreateNoteOnDealAsync(long dealId, string bodyHtml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["hs_note_body"] = bodyHtml,
            // Required by HubSpot: where the note sits on the record's timeline.
            ["hs_timestamp"] = IsoTimes.Format(clock.GetUtcNow()),
        };
        var toDeal = new HubSpotAssociationInputDto(new HubSpotObjectIdDto(Id(dealId)), [new HubSpotAssociationTypeDto("HUBSPOT_DEFINED", NoteToDealAssociationTypeId)]);
        return api.CreateObjectAsync("notes", new HubSpotCreateObjectDto(properties, [toDeal]), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> FindDealIdsAsync(string propertyName, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var request = new HubSpotSearchRequest([new HubSpotFilterGroupDto([new HubSpotFilterDto(propertyName, "EQ", value)])], ["hs_object_id"], BatchReadLimit);
        var page = await api.SearchAsync("deals", request, cancellationToken) ?? throw HubSpotErrorHandler.UnreadableAnswer("POST", "/crm/v3/objects/deals/search", logger);
        return (page.Results ?? []).Select(r => ParseId(r.Id)).OfType<long>().Distinct().ToList();
    }

    /// <inheritdoc />
    public Task CreateTaskOnDealAsync(long dealId, string? ownerId, string subject, string bodyHtml, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(bodyHtml);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["hs_task_subject"] = subject,
            ["hs_task_body"] = bodyHtml,
            ["hs_task_status"] = "NOT_STARTED",
            ["hs_task_priority"] = "HIGH",
            ["hs_task_type"] = "TODO",
            // A task's hs_timestamp is its due date.
            ["hs_timestamp"] = IsoTimes.Format(dueAt),
        };
        if (!string.IsNullOrEmpty(ownerId))
            properties["hubspot_owner_id"] = ownerId;
        var toDeal = new HubSpotAssociationInputDto(new HubSpotObjectIdDto(Id(dealId)), [new HubSpotAssociationTypeDto("HUBSPOT_DEFINED", TaskToDealAssociationTypeId)]);
        return api.CreateObjectAsync("tasks", new HubSpotCreateObjectDto(properties, [toDeal]), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<HubSpotDeal?> GetDealByUniqueValueAsync(string propertyName, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var deal = await ReadAsync(() => api.GetObjectByUniqueValueAsync("deals", value, propertyName, DealProperties.All, ["companies", "contacts"], cancellationToken),
            "GET", $"/crm/v3/objects/deals/{value}?idProperty={propertyName}");
        return deal is null || ParseId(deal.Id) is not { } id ? null : Deal(id, deal);
    }

    /// <inheritdoc />
    public async Task<long> CreateDealAsync(IReadOnlyDictionary<string, string?> properties, long? primaryCompanyId, CancellationToken cancellationToken)
    {
        var associations = primaryCompanyId is { } companyId
            ? [new HubSpotAssociationInputDto(new HubSpotObjectIdDto(Id(companyId)), [new HubSpotAssociationTypeDto("HUBSPOT_DEFINED", DealToPrimaryCompanyAssociationTypeId)])]
            : new List<HubSpotAssociationInputDto>();
        return await CreateAsync("deals", properties, associations, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long?> FindCompanyIdByDomainAsync(string domain, CancellationToken cancellationToken) =>
        FindFirstAsync("companies", CompanyProperties.Domain, domain, cancellationToken);

    /// <inheritdoc />
    public Task<long> CreateCompanyAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken) =>
        CreateAsync("companies", properties, [], cancellationToken);

    /// <inheritdoc />
    public Task<long?> FindContactIdByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindFirstAsync("contacts", ContactProperties.Email, email, cancellationToken);

    /// <inheritdoc />
    public Task<long> CreateContactOnDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, long? companyId, CancellationToken cancellationToken)
    {
        var associations = new List<HubSpotAssociationInputDto>
        {
            new(new HubSpotObjectIdDto(Id(dealId)), [new HubSpotAssociationTypeDto("HUBSPOT_DEFINED", ContactToDealAssociationTypeId)]),
        };
        if (companyId is { } company)
            associations.Add(new HubSpotAssociationInputDto(new HubSpotObjectIdDto(Id(company)), [new HubSpotAssociationTypeDto("HUBSPOT_DEFINED", ContactToPrimaryCompanyAssociationTypeId)]));
        return CreateAsync("contacts", properties, associations, cancellationToken);
    }

    /// <inheritdoc />
    public Task AssociateContactWithDealAsync(long contactId, long dealId, CancellationToken cancellationToken) =>
        api.AssociateDefaultAsync("contacts", contactId, "deals", dealId, cancellationToken);

    async Task<long?> FindFirstAsync(string objectType, string propertyName, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var request = new HubSpotSearchRequest([new HubSpotFilterGroupDto([new HubSpotFilterDto(propertyName, "EQ", value)])], ["hs_object_id"], 1);
        var page = await api.SearchAsync(objectType, request, cancellationToken)
            ?? throw HubSpotErrorHandler.UnreadableAnswer("POST", $"/crm/v3/objects/{objectType}/search", logger);
        return (page.Results ?? []).Select(r => ParseId(r.Id)).OfType<long>().Cast<long?>().FirstOrDefault();
    }

    async Task<long> CreateAsync(string objectType, IReadOnlyDictionary<string, string?> properties, IReadOnlyList<HubSpotAssociationInputDto> associations,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        // A property without a value is left out: HubSpot would store the empty string.
        var values = properties.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        var created = await api.CreateObjectWithIdAsync(objectType, new HubSpotCreateObjectDto(values, associations), cancellationToken);
        return ParseId(created?.Id) ?? throw HubSpotErrorHandler.UnreadableAnswer("POST", $"/crm/v3/objects/{objectType}", logger);
    }

    Task<HubSpotObjectDto?> ReadObjectAsync(string objectType, long objectId, IEnumerable<string> properties, IEnumerable<string>? associations,
        CancellationToken cancellationToken) =>
        ReadAsync(() => api.GetObjectAsync(objectType, objectId, properties, associations, cancellationToken), "GET", $"/crm/v3/objects/{objectType}/{Id(objectId)}");

    /// <summary>A read: the answer, or null when HubSpot has nothing there (404); an empty answer is unreadable.</summary>
    async Task<T?> ReadAsync<T>(Func<Task<T?>> read, string method, string path) where T : class
    {
        try
        {
            return await read() ?? throw HubSpotErrorHandler.UnreadableAnswer(method, path, logger);
        }
        catch (HubSpotPermanentException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    static long? ParseId(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    static List<HubSpotAssociatedIdDto> Associated(HubSpotObjectDto dto, string objectType) =>
        dto.Associations?.FirstOrDefault(a => string.Equals(a.Key, objectType, StringComparison.OrdinalIgnoreCase)).Value?.Results ?? [];

    static Dictionary<string, string?> Properties(HubSpotObjectDto dto) =>
        dto.Properties?.ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal) ?? new Dictionary<string, string?>(StringComparer.Ordinal);

    static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    // hs_timestamp is ISO 8601 in UTC; older records may hold epoch milliseconds.
    static DateTimeOffset? ParseTimestamp(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp) ? timestamp : null;
    }
}
