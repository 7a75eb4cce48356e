using System.Collections.Concurrent;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>An in-memory HubSpot for consumer tests: seeded objects, recorded writes.</summary>
public sealed class FakeHubSpotCrm : IHubSpotCrmClient
{
    readonly Lock _lock = new();

    public ConcurrentDictionary<long, HubSpotDeal> Deals { get; } = new();

    public ConcurrentDictionary<long, HubSpotCompany> Companies { get; } = new();

    public ConcurrentDictionary<long, HubSpotContact> Contacts { get; } = new();

    public ConcurrentDictionary<long, HubSpotNote> Notes { get; } = new();

    /// <summary>Deal ids associated with a company or contact, keyed by ("companies"|"contacts", id).</summary>
    public ConcurrentDictionary<(string Type, long Id), long[]> DealAssociations { get; } = new();

    public ConcurrentQueue<(long DealId, string Body)> CreatedNotes { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Thrown by the next deal updates, once each.</summary>
    public ConcurrentQueue<Exception> UpdateDealFailures { get; } = new();

    public HubSpotDeal AddDeal(long id, string name, string? opportunityId = null, long? companyId = null, long[]? contactIds = null,
        params (string Key, string? Value)[] properties)
    {
        var values = new Dictionary<string, string?>
        {
            [DealProperties.Name] = name,
            [DealProperties.Stage] = "qualifiedtobuy",
            [DealProperties.Amount] = "120000",
            [DealProperties.Currency] = "USD",
            [DealProperties.CloseDate] = "2030-06-30T00:00:00Z",
            [DealProperties.Description] = "Move the customer's data platform to AWS.",
            [DealProperties.DealType] = "newbusiness",
            [DealProperties.OpportunityId] = opportunityId,
        };
        foreach (var (key, value) in properties)
            values[key] = value;
        var deal = new HubSpotDeal(id, values, companyId is { } c ? [c] : [], contactIds ?? []);
        Deals[id] = deal;
        return deal;
    }

    public void AddCompany(long id, string name) => Companies[id] = new HubSpotCompany(id, new Dictionary<string, string?>
    {
        [CompanyProperties.Name] = name,
        [CompanyProperties.Domain] = "acme.com",
        [CompanyProperties.Industry] = "COMPUTER_SOFTWARE",
        [CompanyProperties.Country] = "United States",
        [CompanyProperties.City] = "Seattle",
        [CompanyProperties.State] = "WA",
        [CompanyProperties.Zip] = "98101",
    });

    public void AddContact(long id, string email) => Contacts[id] = new HubSpotContact(id, new Dictionary<string, string?>
    {
        [ContactProperties.Email] = email,
        [ContactProperties.FirstName] = "Ada",
        [ContactProperties.LastName] = "Lovelace",
        [ContactProperties.JobTitle] = "CTO",
        [ContactProperties.Phone] = "+14155550100",
    });

    public string? DealProperty(long dealId, string name) => Deals[dealId].Property(name);

    public Task<HubSpotDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"GetDeal {dealId}");
        return Task.FromResult(Deals.GetValueOrDefault(dealId));
    }

    public Task<HubSpotCompany?> GetCompanyAsync(long companyId, CancellationToken cancellationToken) =>
        Task.FromResult(Companies.GetValueOrDefault(companyId));

    public Task<IReadOnlyList<HubSpotContact>> GetContactsAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HubSpotContact>>(contactIds.Where(Contacts.ContainsKey).Select(id => Contacts[id]).ToList());

    public Task<HubSpotNote?> GetNoteAsync(long noteId, CancellationToken cancellationToken) => Task.FromResult(Notes.GetValueOrDefault(noteId));

    public Task<IReadOnlyList<long>> GetAssociatedDealIdsAsync(string objectType, long objectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>(DealAssociations.GetValueOrDefault((objectType, objectId)) ?? []);

    public Task UpdateDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        if (UpdateDealFailures.TryDequeue(out var failure))
            throw failure;
        lock (_lock)
        {
            var deal = Deals[dealId];
            var values = new Dictionary<string, string?>(deal.Properties);
            foreach (var (key, value) in properties)
                values[key] = value;
            Deals[dealId] = deal with { Properties = values };
        }

        Calls.Enqueue($"UpdateDeal {dealId} {string.Join(",", properties.Keys.Order())}");
        return Task.CompletedTask;
    }

    public Task CreateNoteOnDealAsync(long dealId, string bodyHtml, CancellationToken cancellationToken)
    {
        CreatedNotes.Enqueue((dealId, bodyHtml));
        return Task.CompletedTask;
    }

    public ConcurrentQueue<(long DealId, string? OwnerId, string Subject, string Body, DateTimeOffset DueAt)> CreatedTasks { get; } = new();

    public Task<IReadOnlyList<long>> FindDealIdsAsync(string propertyName, string value, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"FindDeals {propertyName}={value}");
        return Task.FromResult<IReadOnlyList<long>>(Deals.Values.Where(d => d.Property(propertyName) == value).Select(d => d.Id).Order().ToList());
    }

    public Task CreateTaskOnDealAsync(long dealId, string? ownerId, string subject, string bodyHtml, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        CreatedTasks.Enqueue((dealId, ownerId, subject, bodyHtml, dueAt));
        return Task.CompletedTask;
    }

    long _nextId = 990_000_001;

    /// <summary>Thrown by the next deal creations, once each (e.g. HubSpot's 409 when another processor made the deal first).</summary>
    public ConcurrentQueue<Exception> CreateDealFailures { get; } = new();

    /// <summary>Runs before each deal creation, e.g. to create the same deal elsewhere first.</summary>
    public Action<IReadOnlyDictionary<string, string?>>? BeforeCreateDeal { get; set; }

    public Task<HubSpotDeal?> GetDealByUniqueValueAsync(string propertyName, string value, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"GetDealBy {propertyName}={value}");
        return Task.FromResult(Deals.Values.Where(d => d.Property(propertyName) == value).OrderBy(d => d.Id).FirstOrDefault());
    }

    public Task<long> CreateDealAsync(IReadOnlyDictionary<string, string?> properties, long? primaryCompanyId, CancellationToken cancellationToken)
    {
        BeforeCreateDeal?.Invoke(properties);
        if (CreateDealFailures.TryDequeue(out var failure))
            throw failure;
        var id = Interlocked.Increment(ref _nextId);
        Deals[id] = new HubSpotDeal(id, properties.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value),
            primaryCompanyId is { } company ? [company] : [], []);
        Calls.Enqueue($"CreateDeal {id}");
        return Task.FromResult(id);
    }

    public Task<long?> FindCompanyIdByDomainAsync(string domain, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"FindCompany domain={domain}");
        return Task.FromResult(Companies.Values.Where(c => c.Property(CompanyProperties.Domain) == domain).Select(c => (long?)c.Id).Order().FirstOrDefault());
    }

    public Task<long> CreateCompanyAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        Companies[id] = new HubSpotCompany(id, properties.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value));
        Calls.Enqueue($"CreateCompany {id}");
        return Task.FromResult(id);
    }

    public Task<long?> FindContactIdByEmailAsync(string email, CancellationToken cancellationToken) =>
        Task.FromResult(Contacts.Values.Where(c => c.Property(ContactProperties.Email) == email).Select(c => (long?)c.Id).Order().FirstOrDefault());

    public Task<long> CreateContactOnDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, long? companyId, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        Contacts[id] = new HubSpotContact(id, properties.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value));
        lock (_lock)
            Deals[dealId] = Deals[dealId] with { ContactIds = [.. Deals[dealId].ContactIds, id] };
        Calls.Enqueue($"CreateContact {id} on {dealId}");
        return Task.FromResult(id);
    }

    public Task AssociateContactWithDealAsync(long contactId, long dealId, CancellationToken cancellationToken)
    {
        lock (_lock)
            Deals[dealId] = Deals[dealId] with { ContactIds = [.. Deals[dealId].ContactIds.Append(contactId).Distinct()] };
        Calls.Enqueue($"AssociateContact {contactId} with {dealId}");
        return Task.CompletedTask;
    }
}
