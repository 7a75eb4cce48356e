using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.HubSpot;

/// <summary>
/// The HubSpot CRM operations the processor needs. Failures: <see cref="HubSpotTransientException"/> for 429, 5xx,
/// timeouts and connection errors (the bus retries); <see cref="HubSpotPermanentException"/> for other 4xx.
/// </summary>
public interface IHubSpotCrmClient
{
    /// <summary>The deal with <see cref="DealProperties.All"/> and its company and contact ids; null when it does not exist.</summary>
    Task<HubSpotDeal?> GetDealAsync(long dealId, CancellationToken cancellationToken);

    /// <summary>The company with <see cref="CompanyProperties.All"/>; null when it does not exist.</summary>
    Task<HubSpotCompany?> GetCompanyAsync(long companyId, CancellationToken cancellationToken);

    /// <summary>The contacts with <see cref="ContactProperties.All"/>, in the order of <paramref name="contactIds"/>, skipping missing ones.</summary>
    Task<IReadOnlyList<HubSpotContact>> GetContactsAsync(IReadOnlyList<long> contactIds, CancellationToken cancellationToken);

    /// <summary>The note with its body, timestamp and deal ids; null when it does not exist.</summary>
    Task<HubSpotNote?> GetNoteAsync(long noteId, CancellationToken cancellationToken);

    /// <summary>The ids of the deals associated with a company (<paramref name="objectType"/> <c>companies</c>) or contact (<c>contacts</c>).</summary>
    Task<IReadOnlyList<long>> GetAssociatedDealIdsAsync(string objectType, long objectId, CancellationToken cancellationToken);

    /// <summary>Sets properties of a deal.</summary>
    Task UpdateDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken);

    /// <summary>Creates a note (HTML body) attached to a deal.</summary>
    Task CreateNoteOnDealAsync(long dealId, string bodyHtml, CancellationToken cancellationToken);

    /// <summary>The ids of the deals whose <paramref name="propertyName"/> is exactly <paramref name="value"/> (CRM search; at most 100).</summary>
    Task<IReadOnlyList<long>> FindDealIdsAsync(string propertyName, string value, CancellationToken cancellationToken);

    /// <summary>Creates a to-do task (HTML body) attached to a deal, assigned to <paramref name="ownerId"/> when given, due at <paramref name="dueAt"/>.</summary>
    Task CreateTaskOnDealAsync(long dealId, string? ownerId, string subject, string bodyHtml, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>
    /// The deal whose <paramref name="propertyName"/>, a property that requires unique values, is <paramref name="value"/>,
    /// read as <see cref="GetDealAsync"/> reads a deal; null when there is none. Unlike the CRM search, it sees a deal
    /// the moment it is created.
    /// </summary>
    Task<HubSpotDeal?> GetDealByUniqueValueAsync(string propertyName, string value, CancellationToken cancellationToken);

    /// <summary>Creates a deal, with <paramref name="primaryCompanyId"/> as its primary company when given; returns its id.</summary>
    Task<long> CreateDealAsync(IReadOnlyDictionary<string, string?> properties, long? primaryCompanyId, CancellationToken cancellationToken);

    /// <summary>The first company whose <c>domain</c> is <paramref name="domain"/> (CRM search), or null.</summary>
    Task<long?> FindCompanyIdByDomainAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Creates a company; returns its id.</summary>
    Task<long> CreateCompanyAsync(IReadOnlyDictionary<string, string?> properties, CancellationToken cancellationToken);

    /// <summary>The first contact whose <c>email</c> is <paramref name="email"/> (CRM search), or null.</summary>
    Task<long?> FindContactIdByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>Creates a contact associated with a deal, and with <paramref name="companyId"/> when given; returns its id.</summary>
    Task<long> CreateContactOnDealAsync(long dealId, IReadOnlyDictionary<string, string?> properties, long? companyId, CancellationToken cancellationToken);

    /// <summary>Associates an existing contact with a deal (HubSpot's default association; again is harmless).</summary>
    Task AssociateContactWithDealAsync(long contactId, long dealId, CancellationToken cancellationToken);
}

/// <summary>HubSpot could not answer now (429, 5xx, timeout, connection error); retrying later can succeed.</summary>
public sealed class HubSpotTransientException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException), IRetryAfter
{
    /// <summary>How long HubSpot asked to wait (its <c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>HubSpot refused the request (4xx other than 429); retrying will not help.</summary>
public sealed class HubSpotPermanentException(int statusCode, string message) : Exception(message)
{
    /// <summary>HubSpot's HTTP status.</summary>
    public int StatusCode { get; } = statusCode;
}
