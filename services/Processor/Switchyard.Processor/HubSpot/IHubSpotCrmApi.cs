using Refit;

namespace Switchyard.Processor.HubSpot;

/// <summary>
/// HubSpot's CRM API as Refit calls it: objects v3, associations v4. What every call shares is in the handlers
/// registered by <see cref="HubSpotCrmExtensions.AddHubSpotCrm"/>: the token (<see cref="HubSpotBearerTokenHandler"/>),
/// one deadline per exchange, and failures as <see cref="HubSpotTransientException"/> or
/// <see cref="HubSpotPermanentException"/> (<see cref="HubSpotErrorHandler"/>). <see cref="HubSpotCrmClient"/> is the
/// processor's view of it.
/// </summary>
[Headers("Accept: application/json")]
internal interface IHubSpotCrmApi
{
    /// <summary>One object with the given properties and the ids of its associated objects of the given types.</summary>
    [Get("/crm/v3/objects/{objectType}/{objectId}")]
    Task<HubSpotObjectDto?> GetObjectAsync(string objectType, long objectId,
        [Query(CollectionFormat.Csv)] IEnumerable<string> properties,
        [Query(CollectionFormat.Csv)] IEnumerable<string>? associations,
        CancellationToken cancellationToken);

    /// <summary>Up to 100 objects by id; ids that do not exist are reported in the answer's errors (status 207), not as a failure.</summary>
    [Post("/crm/v3/objects/{objectType}/batch/read")]
    Task<HubSpotBatchReadDto?> BatchReadAsync(string objectType, [Body] HubSpotBatchReadRequest request, CancellationToken cancellationToken);

    /// <summary>One page of an object's associations with objects of <paramref name="toObjectType"/>.</summary>
    [Get("/crm/v4/objects/{fromObjectType}/{objectId}/associations/{toObjectType}")]
    Task<HubSpotAssociationPageDto?> GetAssociationsAsync(string fromObjectType, long objectId, string toObjectType,
        int limit, string? after, CancellationToken cancellationToken);

    /// <summary>
    /// Sets properties of an object. The answer is not read: once HubSpot has said yes, an answer the client cannot
    /// parse must not turn into a transient failure whose retry writes twice.
    /// </summary>
    [Patch("/crm/v3/objects/{objectType}/{objectId}")]
    Task UpdateObjectAsync(string objectType, long objectId, [Body] HubSpotPropertiesDto request, CancellationToken cancellationToken);

    /// <summary>Creates an object with its associations; the answer is not read, as for updates.</summary>
    [Post("/crm/v3/objects/{objectType}")]
    Task CreateObjectAsync(string objectType, [Body] HubSpotCreateObjectDto request, CancellationToken cancellationToken);

    /// <summary>One page of the objects whose properties match the filters (CRM search).</summary>
    [Post("/crm/v3/objects/{objectType}/search")]
    Task<HubSpotSearchResultDto?> SearchAsync(string objectType, [Body] HubSpotSearchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// One object by the value of a property that requires unique values (<c>?idProperty=</c>): a read of the object
    /// itself, current at once, where the CRM search may lag a write by seconds.
    /// </summary>
    [Get("/crm/v3/objects/{objectType}/{value}")]
    Task<HubSpotObjectDto?> GetObjectByUniqueValueAsync(string objectType, string value, string idProperty,
        [Query(CollectionFormat.Csv)] IEnumerable<string> properties,
        [Query(CollectionFormat.Csv)] IEnumerable<string>? associations,
        CancellationToken cancellationToken);

    /// <summary>
    /// Creates an object with its associations and reads its id from the answer: for objects whose id the caller needs
    /// next, and which a retry finds again (by a unique property, or a search) should the answer be lost.
    /// </summary>
    [Post("/crm/v3/objects/{objectType}")]
    Task<HubSpotObjectDto?> CreateObjectWithIdAsync(string objectType, [Body] HubSpotCreateObjectDto request, CancellationToken cancellationToken);

    /// <summary>Associates two objects with HubSpot's default (unlabeled) association type, in v4.</summary>
    [Put("/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}")]
    Task AssociateDefaultAsync(string fromObjectType, long fromObjectId, string toObjectType, long toObjectId, CancellationToken cancellationToken);
}
