using System.Text.Json.Serialization;
using Refit;

namespace Switchyard.Processor.Setup;

/// <summary>
/// HubSpot's CRM properties API (v3, "Properties" in HubSpot's API reference) as far as setting up a portal needs it:
/// the deal property groups and definitions. It shares the CRM client's handlers (token, deadline, failures as
/// <see cref="HubSpot.HubSpotTransientException"/> / <see cref="HubSpot.HubSpotPermanentException"/>).
/// </summary>
[Headers("Accept: application/json")]
public interface IHubSpotPropertiesApi
{
    /// <summary>Every (unarchived) property of an object type.</summary>
    [Get("/crm/v3/properties/{objectType}")]
    Task<HubSpotPropertyListDto?> ListPropertiesAsync(string objectType, CancellationToken cancellationToken);

    /// <summary>Every property group of an object type.</summary>
    [Get("/crm/v3/properties/{objectType}/groups")]
    Task<HubSpotPropertyGroupListDto?> ListGroupsAsync(string objectType, CancellationToken cancellationToken);

    /// <summary>Creates a property group (409 when the name is taken).</summary>
    [Post("/crm/v3/properties/{objectType}/groups")]
    Task CreateGroupAsync(string objectType, [Body] HubSpotPropertyGroupDto group, CancellationToken cancellationToken);

    /// <summary>Creates a property (409 when the name is taken).</summary>
    [Post("/crm/v3/properties/{objectType}")]
    Task CreatePropertyAsync(string objectType, [Body] HubSpotPropertyDto definition, CancellationToken cancellationToken);

    /// <summary>Changes a property; only the members sent change.</summary>
    [Patch("/crm/v3/properties/{objectType}/{propertyName}")]
    Task UpdatePropertyAsync(string objectType, string propertyName, [Body] HubSpotPropertyPatchDto patch, CancellationToken cancellationToken);
}

/// <summary>A page of property definitions.</summary>
public sealed record HubSpotPropertyListDto(IReadOnlyList<HubSpotPropertyDto?>? Results);

/// <summary>A page of property groups.</summary>
public sealed record HubSpotPropertyGroupListDto(IReadOnlyList<HubSpotPropertyGroupDto?>? Results);

/// <summary>A property group.</summary>
public sealed record HubSpotPropertyGroupDto(string? Name, string? Label, int? DisplayOrder = null);

/// <summary>A property definition, as read and as created.</summary>
public sealed record HubSpotPropertyDto(
    string? Name,
    string? Label,
    string? Type,
    string? FieldType,
    string? GroupName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    IReadOnlyList<HubSpotPropertyOptionDto>? Options,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? HasUniqueValue = null);

/// <summary>A change of a property: its options, all of them, in order.</summary>
public sealed record HubSpotPropertyPatchDto(IReadOnlyList<HubSpotPropertyOptionDto> Options);

/// <summary>One option of an enumeration.</summary>
public sealed record HubSpotPropertyOptionDto(string Label, string Value, int DisplayOrder, bool Hidden = false);
