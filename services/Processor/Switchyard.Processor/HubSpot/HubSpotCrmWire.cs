using System.Text.Json;

namespace Switchyard.Processor.HubSpot;

// The JSON shapes of HubSpot's CRM API v3 (objects) and v4 (associations): only the fields the client reads, and the
// bodies it sends.
// Property values are kept as JSON elements: v3 answers strings, but a number or boolean must not fail the read.

/// <summary>A CRM object as v3 returns it (SimplePublicObjectWithAssociations).</summary>
internal sealed record HubSpotObjectDto(
    string? Id,
    Dictionary<string, JsonElement>? Properties,
    Dictionary<string, HubSpotAssociationsDto>? Associations);

/// <summary>The associated ids of one object type, e.g. <c>"companies": {"results": [...]}</c>.</summary>
internal sealed record HubSpotAssociationsDto(List<HubSpotAssociatedIdDto>? Results);

/// <summary>One associated object and the type of the association, e.g. <c>deal_to_company</c>.</summary>
internal sealed record HubSpotAssociatedIdDto(string? Id, string? Type);

/// <summary>The answer of a batch read; ids that do not exist are reported in its errors, not in its results.</summary>
internal sealed record HubSpotBatchReadDto(List<HubSpotObjectDto>? Results);

/// <summary>One page of v4 associations.</summary>
internal sealed record HubSpotAssociationPageDto(List<HubSpotAssociationTargetDto>? Results, HubSpotPagingDto? Paging);

/// <summary>An associated object in v4: its id is a number there.</summary>
internal sealed record HubSpotAssociationTargetDto(long ToObjectId);

/// <summary>Paging of a list; <c>next</c> is absent on the last page.</summary>
internal sealed record HubSpotPagingDto(HubSpotNextPageDto? Next);

/// <summary>The cursor of the next page.</summary>
internal sealed record HubSpotNextPageDto(string? After);

/// <summary>HubSpot's error body: <c>{"status":"error","message":...,"correlationId":...,"category":...}</c>.</summary>
internal sealed record HubSpotErrorDto(string? Message, string? Category, string? CorrelationId);

/// <summary>The body of a batch read: the properties wanted and the ids, as strings.</summary>
internal sealed record HubSpotBatchReadRequest(IReadOnlyList<string> Properties, IReadOnlyList<HubSpotObjectIdDto> Inputs);

/// <summary>An object named by id, as batch reads and associations take it.</summary>
internal sealed record HubSpotObjectIdDto(string Id);

/// <summary>The body of an update: property names to values (the empty string clears one).</summary>
internal sealed record HubSpotPropertiesDto(IReadOnlyDictionary<string, string> Properties);

/// <summary>The body of a create: the new object's properties and what it is associated with.</summary>
internal sealed record HubSpotCreateObjectDto(IReadOnlyDictionary<string, string> Properties, IReadOnlyList<HubSpotAssociationInputDto> Associations);

/// <summary>One association of a new object: the other object and the association types.</summary>
internal sealed record HubSpotAssociationInputDto(HubSpotObjectIdDto To, IReadOnlyList<HubSpotAssociationTypeDto> Types);

/// <summary>An association type, e.g. <c>HUBSPOT_DEFINED</c> 214 (note to deal).</summary>
internal sealed record HubSpotAssociationTypeDto(string AssociationCategory, int AssociationTypeId);

/// <summary>The body of a CRM search: filter groups (OR) of filters (AND), the properties wanted, a page size.</summary>
internal sealed record HubSpotSearchRequest(IReadOnlyList<HubSpotFilterGroupDto> FilterGroups, IReadOnlyList<string> Properties, int Limit, string? After = null);

/// <summary>Filters that must all hold.</summary>
internal sealed record HubSpotFilterGroupDto(IReadOnlyList<HubSpotFilterDto> Filters);

/// <summary>One filter, e.g. <c>aws_opportunity_id EQ O1234567</c>.</summary>
internal sealed record HubSpotFilterDto(string PropertyName, string Operator, string Value);

/// <summary>One page of search results.</summary>
internal sealed record HubSpotSearchResultDto(List<HubSpotObjectDto>? Results, HubSpotPagingDto? Paging);
