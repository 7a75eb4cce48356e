using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Setup;

/// <summary>What setting up one property did, or would do.</summary>
public enum PropertySetupState
{
    /// <summary>The portal has it as Switchyard needs it.</summary>
    Present,

    /// <summary>It was missing and was created.</summary>
    Created,

    /// <summary>It lacked some of AWS's values; they were added after the portal's own.</summary>
    OptionsAdded,

    /// <summary>A dry run: it is missing and would be created.</summary>
    WouldCreate,

    /// <summary>A dry run: it lacks some of AWS's values, which would be added.</summary>
    WouldAddOptions,

    /// <summary>It exists with a type Switchyard cannot write; nothing was changed (an administrator decides).</summary>
    Conflict,
}

/// <summary>One property's outcome.</summary>
/// <param name="Name">The property.</param>
/// <param name="State">What was (or would be) done.</param>
/// <param name="Detail">Why, in a sentence; empty when there is nothing to say.</param>
public sealed record PropertySetupResult(string Name, PropertySetupState State, string Detail);

/// <summary>What <see cref="HubSpotPortalSetup.EnsureAsync"/> did.</summary>
/// <param name="GroupState">The property group: present, created or would be created.</param>
/// <param name="Properties">Each property of <see cref="DealPropertyCatalog.All"/>, in its order.</param>
public sealed record PortalSetupReport(PropertySetupState GroupState, IReadOnlyList<PropertySetupResult> Properties)
{
    /// <summary>Whether some property has a type Switchyard cannot work with.</summary>
    public bool HasConflicts => Properties.Any(p => p.State == PropertySetupState.Conflict);
}

/// <summary>
/// Gives a HubSpot portal the deal properties Switchyard needs (<see cref="DealPropertyCatalog"/>), idempotently:
/// creates what is missing in the <c>aws_partner_central</c> group, adds AWS's values an input's options lack (after
/// the portal's own, which are kept), and changes nothing else: a property of another type is reported, since
/// changing a type in a live portal is an administrator's decision. Uses HubSpot's CRM properties API, which needs the
/// token's <c>crm.schemas.deals.read</c> and <c>crm.schemas.deals.write</c> scopes.
/// </summary>
public sealed class HubSpotPortalSetup(IHubSpotPropertiesApi api)
{
    const string Deals = "deals";

    /// <summary>The private app scopes setting up needs (HubSpot's "Scopes" reference for the CRM properties API).</summary>
    public static readonly IReadOnlyList<string> RequiredScopes = ["crm.schemas.deals.read", "crm.schemas.deals.write"];

    /// <summary>Sets the portal up; with <paramref name="dryRun"/>, only says what it would do.</summary>
    public async Task<PortalSetupReport> EnsureAsync(bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            return await SetUpAsync(dryRun, cancellationToken);
        }
        catch (HubSpotPermanentException e) when (e.StatusCode is 401 or 403)
        {
            // HubSpot names the missing scope only in the error's context; say what the app needs in the message.
            throw new HubSpotPermanentException(e.StatusCode, $"{e.Message} (setting up needs a token whose private app has the scopes {string.Join(" and ", RequiredScopes)})");
        }
    }

    async Task<PortalSetupReport> SetUpAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var groups = await api.ListGroupsAsync(Deals, cancellationToken);
        var groupState = PropertySetupState.Present;
        if (!(groups?.Results ?? []).Any(g => g?.Name == DealPropertyCatalog.GroupName))
        {
            groupState = dryRun ? PropertySetupState.WouldCreate : PropertySetupState.Created;
            if (!dryRun)
                await CreateIgnoringTakenAsync(() => api.CreateGroupAsync(Deals, new HubSpotPropertyGroupDto(DealPropertyCatalog.GroupName, DealPropertyCatalog.GroupLabel), cancellationToken));
        }

        var existing = (await api.ListPropertiesAsync(Deals, cancellationToken))?.Results?.OfType<HubSpotPropertyDto>()
            .Where(p => p.Name is not null).ToDictionary(p => p.Name!, StringComparer.Ordinal) ?? [];
        var results = new List<PropertySetupResult>();
        foreach (var spec in DealPropertyCatalog.All)
            results.Add(await EnsureAsync(spec, existing.GetValueOrDefault(spec.Name), dryRun, cancellationToken));
        return new PortalSetupReport(groupState, results);
    }

    async Task<PropertySetupResult> EnsureAsync(DealPropertySpec spec, HubSpotPropertyDto? current, bool dryRun, CancellationToken cancellationToken)
    {
        if (current is null)
        {
            if (dryRun)
                return new(spec.Name, PropertySetupState.WouldCreate, Describe(spec));
            var created = await CreateIgnoringTakenAsync(() => api.CreatePropertyAsync(Deals, new HubSpotPropertyDto(spec.Name, spec.Label, spec.Type, spec.FieldType,
                DealPropertyCatalog.GroupName, spec.Description, spec.Options.Select((o, i) => new HubSpotPropertyOptionDto(OptionLabel(spec, o), o, i)).ToList(),
                spec.IsUnique ? true : null), cancellationToken));
            return new(spec.Name, created ? PropertySetupState.Created : PropertySetupState.Present, created ? Describe(spec) : "created meanwhile by someone else");
        }

        // Switchyard writes any text into what it writes, and reads a seller's input as text: a text property always
        // works; a choice, a checkbox or a number where Switchyard writes free text would refuse its writes.
        if (current.Type != spec.Type)
        {
            return current.Type == "string"
                ? new(spec.Name, PropertySetupState.Present, $"a text property, where Switchyard would offer {Describe(spec)}: sellers can type values AWS refuses")
                : spec.Type == "bool" && current.Type == "enumeration" && current.FieldType == "booleancheckbox"
                    ? new(spec.Name, PropertySetupState.Present, "")
                    : new(spec.Name, PropertySetupState.Conflict, $"is {current.Type} ({current.FieldType}) in the portal; Switchyard needs {Describe(spec)}: change or delete it in HubSpot, then run setup again");
        }

        // HubSpot cannot make an existing property unique: without it, a referral seen twice could make two deals.
        if (spec.IsUnique && current.HasUniqueValue != true)
            return new(spec.Name, PropertySetupState.Conflict, "does not keep its values unique in the portal; Switchyard needs a unique text property: delete it in HubSpot, then run setup again");

        if (spec.Type != "enumeration")
            return new(spec.Name, PropertySetupState.Present, "");

        var options = current.Options ?? [];
        var missing = spec.Options.Where(value => !options.Any(o => o.Value == value)).ToList();
        if (missing.Count == 0)
            return new(spec.Name, PropertySetupState.Present, "");
        var detail = $"{missing.Count} of AWS's values missing: {string.Join(", ", missing)}";
        if (dryRun)
            return new(spec.Name, PropertySetupState.WouldAddOptions, detail);

        // The patch replaces the options: the portal's own come first, unchanged.
        var merged = options.Concat(missing.Select((value, i) => new HubSpotPropertyOptionDto(value, value, options.Count + i))).ToList();
        await api.UpdatePropertyAsync(Deals, spec.Name, new HubSpotPropertyPatchDto(merged), cancellationToken);
        return new(spec.Name, PropertySetupState.OptionsAdded, detail);
    }

    static string OptionLabel(DealPropertySpec spec, string value) =>
        spec.Type == "bool" ? (value == "true" ? "Yes" : "No") : value;

    static string Describe(DealPropertySpec spec) => spec.Type switch
    {
        "enumeration" => $"a {spec.FieldType} of {spec.Options.Count} values",
        "bool" => "a single checkbox",
        _ => spec.FieldType == "textarea" ? "multi-line text" : "single-line text",
    };

    // A concurrent setup (or a person) may create the same name between the list and the create: HubSpot answers 409.
    static async Task<bool> CreateIgnoringTakenAsync(Func<Task> create)
    {
        try
        {
            await create();
            return true;
        }
        catch (HubSpotPermanentException e) when (e.StatusCode == 409)
        {
            return false;
        }
    }
}
