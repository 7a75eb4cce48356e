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
}
