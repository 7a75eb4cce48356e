using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.HubSpot;

/// <summary>
/// <see cref="IHubSpotCrmClient"/> over HubSpot's CRM API: objects v3, associations v4, authenticated with a private
/// app's token. Every HTTP exchange has <see cref="HubSpotCrmOptions.RequestTimeout"/>; failures become
/// <see cref="HubSpotTransientException"/> or <see cref="HubSpotPermanentException"/>, never carrying the token.
/// </summary>
public sealed partial class HubSpotCrmClient(
    HttpClient http,
    IOptions<HubSpotCrmOptions> options,
    TimeProvider clock,
    ILogger<HubSpotCrmClient> logger) : IHubSpotCrmClient
{
    /// <summary>The HttpClient name, for configuring the handler.</summary>
    public const string HttpClientName = "hubspot-crm";

    /// <summary>The v3 association type of a deal's primary company (HUBSPOT_DEFINED type 5); every company is also listed as <c>deal_to_company_unlabeled</c> (341).</summary>
    public const string PrimaryCompanyAssociationType = "deal_to_company";

    /// <summary>HUBSPOT_DEFINED association type "note to deal".</summary>
    public const int NoteToDealAssociationTypeId = 214;

    /// <summary>The note properties read.</summary>
    public static readonly IReadOnlyList<string> NoteProperties = ["hs_note_body", "hs_timestamp"];

    // HubSpot's batch read takes at most 100 inputs; a v4 association page at most 500 results.
    const int BatchReadLimit = 100;
    const int AssociationPageLimit = 500;

    // HubSpot's messages are short; a proxy's HTML error page is not worth carrying around in full.
    const int MaxMessageLength = 500;

    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    readonly HubSpotCrmOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<HubSpotDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken)
    {
        var deal = await ReadAsync<HubSpotObjectDto>(HttpMethod.Get, $"/crm/v3/objects/deals/{Id(dealId)}",
            $"properties={Join(DealProperties.All)}&associations=companies,contacts", body: null, nullOnNotFound: true, cancellationToken);
        if (deal is null)
            return null;

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
        var company = await ReadAsync<HubSpotObjectDto>(HttpMethod.Get, $"/crm/v3/objects/companies/{Id(companyId)}",
            $"properties={Join(CompanyProperties.All)}", body: null, nullOnNotFound: true, cancellationToken);
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
            var request = new
            {
                properties = ContactProperties.All,
                inputs = chunk.Select(id => new { id = Id(id) }),
            };
            // Ids that do not exist are reported in the answer's errors (status 207), not as a failure.
            var answer = await ReadAsync<HubSpotBatchReadDto>(HttpMethod.Post, "/crm/v3/objects/contacts/batch/read", query: null,
                request, nullOnNotFound: true, cancellationToken);
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
        var note = await ReadAsync<HubSpotObjectDto>(HttpMethod.Get, $"/crm/v3/objects/notes/{Id(noteId)}",
            $"properties={Join(NoteProperties)}&associations=deals", body: null, nullOnNotFound: true, cancellationToken);
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
            var query = $"limit={AssociationPageLimit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            // An object that does not exist has no deals.
            var page = await ReadAsync<HubSpotAssociationPageDto>(HttpMethod.Get, $"/crm/v4/objects/{fromType}/{Id(objectId)}/associations/deals",
                query, body: null, nullOnNotFound: true, cancellationToken);
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
    public async Task UpdateDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(properties);
        // HubSpot clears a property set to the empty string; null is not a value it accepts for every property type.
        var values = properties.ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal);
        await WriteAsync(HttpMethod.Patch, $"/crm/v3/objects/deals/{Id(dealId)}", new { properties = values }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task CreateNoteOnDealAsync(long dealId, string bodyHtml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bodyHtml);
        var request = new
        {
            properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["hs_note_body"] = bodyHtml,
                // Required by HubSpot: where the note sits on the record's timeline.
                ["hs_timestamp"] = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            },
            associations = new[]
            {
                new
                {
                    to = new { id = Id(dealId) },
                    types = new[] { new { associationCategory = "HUBSPOT_DEFINED", associationTypeId = NoteToDealAssociationTypeId } },
                },
            },
        };
        await WriteAsync(HttpMethod.Post, "/crm/v3/objects/notes", request, cancellationToken);
    }

    /// <summary>A read: the answer's JSON on 2xx, null on 404 when <paramref name="nullOnNotFound"/>.</summary>
    Task<T?> ReadAsync<T>(HttpMethod method, string path, string? query, object? body, bool nullOnNotFound, CancellationToken cancellationToken)
        where T : class =>
        ExchangeAsync<T>(method, path, query, body, nullOnNotFound, readAnswer: true, cancellationToken);

    /// <summary>
    /// A write. Its 2xx answer is not read: once HubSpot has said yes, an answer the client cannot parse must not turn
    /// into a transient failure whose retry writes twice.
    /// </summary>
    async Task WriteAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken) =>
        await ExchangeAsync<object>(method, path, query: null, body, nullOnNotFound: false, readAnswer: false, cancellationToken);

    /// <summary>
    /// One HTTP exchange within <see cref="HubSpotCrmOptions.RequestTimeout"/>: the answer on 2xx (when
    /// <paramref name="readAnswer"/>), null on 404 when <paramref name="nullOnNotFound"/>, otherwise the exception that
    /// classifies the failure.
    /// </summary>
    async Task<T?> ExchangeAsync<T>(HttpMethod method, string path, string? query, object? body, bool nullOnNotFound, bool readAnswer,
        CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);

        using var request = new HttpRequestMessage(method, RequestUri(path, query));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
        request.Headers.Accept.Add(AcceptJson);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                if (!readAnswer)
                    return null;
                return await response.Content.ReadFromJsonAsync<T>(Json, timeout.Token)
                       ?? throw new JsonException("The answer's body is empty or null.");
            }

            if (response.StatusCode == HttpStatusCode.NotFound && nullOnNotFound)
                return null;
            throw await FailureAsync(method, path, response, timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogTransient(logger, method.Method, path, "timeout");
            throw new HubSpotTransientException($"HubSpot did not answer {method} {path} within {_options.RequestTimeout}.", innerException: e);
        }
        catch (HttpRequestException e)
        {
            LogTransient(logger, method.Method, path, e.HttpRequestError.ToString());
            throw new HubSpotTransientException($"HubSpot could not be reached for {method} {path}: {Redact(e.Message)}", innerException: e);
        }
        catch (IOException e)
        {
            LogTransient(logger, method.Method, path, "connection lost");
            throw new HubSpotTransientException($"The connection to HubSpot broke during {method} {path}.", innerException: e);
        }
        catch (JsonException e)
        {
            // A gateway's error page or a truncated answer: another attempt is likely to get HubSpot's real answer.
            LogTransient(logger, method.Method, path, "unreadable answer");
            throw new HubSpotTransientException($"HubSpot answered {method} {path} with a body that is not the JSON expected.", innerException: e);
        }
    }

    async Task<Exception> FailureAsync(HttpMethod method, string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, cancellationToken);
        var message = error?.Message is { Length: > 0 } said ? Truncate(Redact(said)) : null;
        var category = error?.Category is { Length: > 0 } c ? " " + Truncate(Redact(c)) : "";
        var correlation = error?.CorrelationId is { Length: > 0 } id ? $" (correlation id {Truncate(Redact(id))})" : "";
        var description = $"HubSpot answered {status}{category} to {method} {path}{(message is null ? "" : ": " + message)}{correlation}";

        // 408 is a timeout by another name.
        if (status is 429 or 408 or >= 500)
        {
            LogTransient(logger, method.Method, path, status.ToString(CultureInfo.InvariantCulture));
            return new HubSpotTransientException(description, RetryAfter(response.Headers.RetryAfter));
        }

        LogRefused(logger, method.Method, path, status, error?.Category, error?.CorrelationId);
        return new HubSpotPermanentException(status, description);
    }

    static async Task<HubSpotErrorDto?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<HubSpotErrorDto>(text, Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > clock.GetUtcNow() ? date - clock.GetUtcNow() : TimeSpan.Zero,
        _ => null,
    };

    Uri RequestUri(string path, string? query) =>
        new(_options.ApiBaseUrl.AbsoluteUri.TrimEnd('/') + path + (query is null ? "" : "?" + query));

    // Whatever HubSpot or the network says is passed on, but never the token, should anything echo it.
    string Redact(string text) =>
        string.IsNullOrEmpty(_options.AccessToken) ? text : text.Replace(_options.AccessToken, "[redacted]", StringComparison.Ordinal);

    static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "...";

    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    static long? ParseId(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    static string Join(IEnumerable<string> properties) => string.Join(',', properties.Select(Uri.EscapeDataString));

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "HubSpot could not answer {Method} {Path} now ({Reason})")]
    static partial void LogTransient(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot refused {Method} {Path} with {Status} {Category} (correlation id {CorrelationId})")]
    static partial void LogRefused(ILogger logger, string method, string path, int status, string? category, string? correlationId);
}
