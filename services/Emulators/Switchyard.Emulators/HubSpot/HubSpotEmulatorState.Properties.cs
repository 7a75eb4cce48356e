using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.HubSpot;

// The portal's property definitions and property groups, as the CRM properties API (/crm/v3/properties/{objectType})
// serves them: HubSpot's own properties, the ones seeded or defined by a test, and those a client creates.
public sealed partial class HubSpotEmulatorState
{
    /// <summary>The group <c>switchyard-operator hubspot setup</c> puts the <c>aws_*</c> deal properties in.</summary>
    public const string SwitchyardPropertyGroup = "aws_partner_central";

    readonly Dictionary<string, Dictionary<string, PropertyDefinition>> _defined = new(StringComparer.Ordinal);
    readonly Dictionary<string, Dictionary<string, PropertyGroup>> _groups = new(StringComparer.Ordinal);

    /// <summary>The <c>aws_*</c> deal properties Switchyard's portal has (unless the state was created without them).</summary>
    public static IReadOnlyList<string> SwitchyardDealProperties => HubSpotObjectTypes.SwitchyardDealProperties;

    /// <summary>A property's definition as the properties API answers it, or null (also when archived).</summary>
    public PropertyDefinition? Property(string objectType, string name)
    {
        lock (_lock)
            return DefinedProperties(objectType).TryGetValue(name, out var definition) && !definition.Archived ? definition : null;
    }

    /// <summary>The property groups of an object type.</summary>
    public IReadOnlyList<PropertyGroup> PropertyGroups(string objectType)
    {
        lock (_lock)
            return Groups(objectType).Values.OrderBy(g => g.DisplayOrder).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
    }

    // ---- What the endpoints use ----

    internal IReadOnlyList<PropertyDefinition> PropertyDefinitions(string type, bool archived)
    {
        lock (_lock)
            return DefinedProperties(type).Values.Where(d => d.Archived == archived).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds a definition; false when the name is taken (archived names included, as HubSpot keeps them).</summary>
    internal bool TryAddProperty(string type, PropertyDefinition definition)
    {
        lock (_lock)
        {
            if (DefinedProperties(type).ContainsKey(definition.Name))
                return false;
            AddDefinition(type, definition);
            return true;
        }
    }

    internal bool ReplaceProperty(string type, PropertyDefinition definition)
    {
        lock (_lock)
        {
            if (!DefinedProperties(type).ContainsKey(definition.Name))
                return false;
            DefinedProperties(type)[definition.Name] = definition;
            return true;
        }
    }

    internal PropertyGroup? Group(string type, string name)
    {
        lock (_lock)
            return Groups(type).GetValueOrDefault(name);
    }

    internal bool TryAddGroup(string type, PropertyGroup group)
    {
        lock (_lock)
            return Groups(type).TryAdd(group.Name, group);
    }

    internal void ReplaceGroup(string type, PropertyGroup group)
    {
        lock (_lock)
            Groups(type)[group.Name] = group;
    }

    // ---- Built in ----

    void DefineBuiltInProperties(bool switchyardProperties)
    {
        foreach (var type in HubSpotObjectTypes.All)
        {
            _defined[type] = new Dictionary<string, PropertyDefinition>(StringComparer.Ordinal);
            _groups[type] = new Dictionary<string, PropertyGroup>(StringComparer.Ordinal);
            var group = DefaultGroup(type);
            _groups[type][group] = new PropertyGroup(group, $"{HubSpotObjectTypes.Singular(type)[..1].ToUpperInvariant()}{HubSpotObjectTypes.Singular(type)[1..]} information", 0, Archived: false);
            foreach (var name in HubSpotObjectTypes.DefinedProperties(type))
                AddDefinition(type, BuiltIn(type, name));
        }

        if (!switchyardProperties)
            return;
        var model = ServiceModel.PartnerCentralSelling;
        _groups[HubSpotObjectTypes.Deals][SwitchyardPropertyGroup] = new PropertyGroup(SwitchyardPropertyGroup, "AWS Partner Central", 1, Archived: false);
        foreach (var name in HubSpotObjectTypes.SwitchyardDealProperties)
        {
            // Multiple checkboxes with Partner Central's values, dropdowns for the seller's answer to an AWS referral,
            // the rest single-line text (docs/processor.md, "What HubSpot and AWS need").
            var (fieldType, values) = name switch
            {
                "aws_delivery_models" => ("checkbox", model.Shape("DeliveryModel").Enum),
                "aws_primary_needs" => ("checkbox", model.Shape("PrimaryNeedFromAws").Enum),
                "aws_invitation_decision" => ("select", (IReadOnlyList<string>?)["Accept", "Reject"]),
                "aws_rejection_reason" => ("select", model.Shape("RejectEngagementInvitationRequest").Member("RejectionReason")!.Documented!.Values),
                _ => ("text", null),
            };
            var definition = values is null
                ? TextProperty(HubSpotObjectTypes.Deals, name, hubSpotDefined: false) with { GroupName = SwitchyardPropertyGroup }
                : new PropertyDefinition(name, Label(name), "enumeration", fieldType, SwitchyardPropertyGroup, "",
                    values.Select((v, i) => new PropertyOption(v, v, i)).ToList(), HubSpotDefined: false, Clock.GetUtcNow());
            // One deal per AWS referral: HubSpot itself refuses a second deal with the same invitation id.
            if (name == "aws_invitation_id")
                definition = definition with { HasUniqueValue = true };
            AddDefinition(HubSpotObjectTypes.Deals, definition);
        }
    }

    PropertyDefinition BuiltIn(string type, string name)
    {
        var text = TextProperty(type, name, hubSpotDefined: true);
        return name switch
        {
            "amount" or "numberofemployees" or "annualrevenue" or "hs_object_id" => text with { Type = "number", FieldType = "number" },
            "closedate" or "createdate" or "hs_createdate" or "hs_lastmodifieddate" or "lastmodifieddate" or "hs_timestamp" =>
                text with { Type = "datetime", FieldType = "date" },
            "dealstage" => Enumeration(text, "select", "appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"),
            "pipeline" => Enumeration(text, "select", "default"),
            "dealtype" => Enumeration(text, "radio", "newbusiness", "existingbusiness"),
            "hs_task_status" => Enumeration(text, "select", "NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"),
            "hs_task_priority" => Enumeration(text, "select", "NONE", "LOW", "MEDIUM", "HIGH"),
            "hs_task_type" => Enumeration(text, "select", "EMAIL", "CALL", "TODO"),
            "hubspot_owner_id" => text with { Type = "enumeration", FieldType = "select" },
            "description" or "hs_note_body" or "hs_task_body" => text with { FieldType = "textarea" },
            _ => text,
        };
    }

    static PropertyDefinition Enumeration(PropertyDefinition definition, string fieldType, params string[] values) =>
        definition with { Type = "enumeration", FieldType = fieldType, Options = values.Select((v, i) => new PropertyOption(v, v, i)).ToList() };

    PropertyDefinition TextProperty(string type, string name, bool hubSpotDefined) =>
        new(name, Label(name), "string", "text", DefaultGroup(type), "", [], hubSpotDefined, Clock.GetUtcNow());

    static string Label(string name) =>
        string.Join(' ', name.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(word => word.Length <= 3 && word == "aws" ? "AWS" : char.ToUpperInvariant(word[0]) + word[1..]));

    /// <summary>The group HubSpot puts an object type's own properties in, e.g. <c>dealinformation</c>.</summary>
    internal static string DefaultGroup(string type) => type switch
    {
        HubSpotObjectTypes.Deals => "dealinformation",
        HubSpotObjectTypes.Companies => "companyinformation",
        HubSpotObjectTypes.Contacts => "contactinformation",
        HubSpotObjectTypes.Notes => "note",
        _ => "task",
    };

    void AddDefinition(string type, PropertyDefinition definition) => DefinedProperties(type)[definition.Name] = definition;

    Dictionary<string, PropertyDefinition> DefinedProperties(string type) =>
        _defined.TryGetValue(type, out var names)
            ? names
            : throw new ArgumentOutOfRangeException(nameof(type), type, $"The emulator knows the object types {string.Join(", ", HubSpotObjectTypes.All)}.");

    Dictionary<string, PropertyGroup> Groups(string type) =>
        _groups.TryGetValue(type, out var groups)
            ? groups
            : throw new ArgumentOutOfRangeException(nameof(type), type, $"The emulator knows the object types {string.Join(", ", HubSpotObjectTypes.All)}.");
}

/// <summary>A property definition, as HubSpot's properties API describes it.</summary>
/// <param name="Name">The internal name, e.g. <c>aws_review_status</c>.</param>
/// <param name="Label">The label users see.</param>
/// <param name="Type"><c>string</c>, <c>number</c>, <c>date</c>, <c>datetime</c>, <c>enumeration</c> or <c>bool</c>.</param>
/// <param name="FieldType">How it is edited: <c>text</c>, <c>textarea</c>, <c>number</c>, <c>date</c>, <c>select</c>, <c>radio</c>, <c>checkbox</c>, <c>booleancheckbox</c>, ...</param>
/// <param name="GroupName">The property group it is in.</param>
/// <param name="Description">Its description.</param>
/// <param name="Options">The options of an enumeration, in display order.</param>
/// <param name="HubSpotDefined">Whether HubSpot defines it (it cannot be changed or archived).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record PropertyDefinition(string Name, string Label, string Type, string FieldType, string GroupName, string Description,
    IReadOnlyList<PropertyOption> Options, bool HubSpotDefined, DateTimeOffset CreatedAt)
{
    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; } = CreatedAt;

    /// <summary>Its place among the group's properties; -1 for none.</summary>
    public int DisplayOrder { get; init; } = -1;

    /// <summary>Whether it is hidden from users.</summary>
    public bool Hidden { get; init; }

    /// <summary>Whether it was archived (deleted); its name stays taken.</summary>
    public bool Archived { get; init; }

    /// <summary>
    /// Whether no two objects of the type may hold the same value ("require unique values"): HubSpot refuses a write
    /// that would, and reads an object by it (<c>?idProperty=</c>). Set when the property is created, never after.
    /// </summary>
    public bool HasUniqueValue { get; init; }
}

/// <summary>An option of an enumeration property.</summary>
/// <param name="Label">What users see.</param>
/// <param name="Value">What is stored.</param>
/// <param name="DisplayOrder">Its place.</param>
public sealed record PropertyOption(string Label, string Value, int DisplayOrder)
{
    /// <summary>Its description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether it is hidden from users.</summary>
    public bool Hidden { get; init; }
}

/// <summary>A property group.</summary>
/// <param name="Name">The internal name, e.g. <c>aws_partner_central</c>.</param>
/// <param name="Label">The label users see.</param>
/// <param name="DisplayOrder">Its place.</param>
/// <param name="Archived">Whether it was archived.</param>
public sealed record PropertyGroup(string Name, string Label, int DisplayOrder, bool Archived);
