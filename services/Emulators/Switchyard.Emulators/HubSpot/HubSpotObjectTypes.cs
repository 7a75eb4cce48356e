namespace Switchyard.Emulators.HubSpot;

/// <summary>The CRM object types the emulator serves, their usual properties, and HubSpot's association types between them.</summary>
internal static class HubSpotObjectTypes
{
    public const string Deals = "deals";
    public const string Companies = "companies";
    public const string Contacts = "contacts";
    public const string Notes = "notes";
    public const string Tasks = "tasks";

    public static readonly IReadOnlyList<string> All = [Deals, Companies, Contacts, Notes, Tasks];

    /// <summary>The plural name HubSpot uses in paths, or null for a type the emulator does not serve. HubSpot takes singular names and type ids too.</summary>
    public static string? Normalize(string objectType) => objectType.ToLowerInvariant() switch
    {
        "deals" or "deal" or "0-3" => Deals,
        "companies" or "company" or "0-2" => Companies,
        "contacts" or "contact" or "0-1" => Contacts,
        "notes" or "note" or "0-46" => Notes,
        "tasks" or "task" or "0-27" => Tasks,
        _ => null,
    };

    /// <summary>HubSpot's object type id, e.g. <c>0-3</c> for deals.</summary>
    public static string TypeId(string type) => type switch
    {
        Deals => "0-3",
        Companies => "0-2",
        Contacts => "0-1",
        Notes => "0-46",
        _ => "0-27",
    };

    /// <summary>The singular name in webhooks' subscription types and v3 association names, e.g. <c>deal</c>.</summary>
    public static string Singular(string type) => type switch
    {
        Deals => "deal",
        Companies => "company",
        Contacts => "contact",
        Notes => "note",
        _ => "task",
    };

    /// <summary>Notes and tasks are activities: HubSpot's scopes for them are the contacts' (its tasks and notes API guides).</summary>
    public static bool IsActivity(string type) => type is Notes or Tasks;

    /// <summary>The name in batch error messages, e.g. <c>Could not get some CONTACT objects</c>.</summary>
    public static string Upper(string type) => Singular(type).ToUpperInvariant();

    public static string CreatedProperty(string type) => type switch
    {
        Notes or Tasks => "hs_createdate",
        _ => "createdate",
    };

    public static string LastModifiedProperty(string type) => type switch
    {
        Contacts => "lastmodifieddate",
        _ => "hs_lastmodifieddate",
    };

    /// <summary>The properties a create of the type must set, as HubSpot refuses it without them.</summary>
    public static IReadOnlyList<string> RequiredOnCreate(string type) => type switch
    {
        Deals => ["dealname", "dealstage"],
        Notes or Tasks => ["hs_timestamp"],
        _ => [],
    };

    /// <summary>What a read returns when it names no properties: HubSpot's defaults for the type.</summary>
    public static IReadOnlyList<string> DefaultProperties(string type) => type switch
    {
        Deals => ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
        Companies => ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
        Contacts => ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        _ => ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    };

    /// <summary>The properties a fresh portal defines.</summary>
    public static IReadOnlyList<string> DefinedProperties(string type) => type switch
    {
        Deals =>
        [
            "dealname", "dealstage", "pipeline", "closedate", "amount", "deal_currency_code", "description", "dealtype",
            "hubspot_owner_id", "createdate", "hs_lastmodifieddate", "hs_object_id",
        ],
        Companies =>
        [
            "name", "domain", "website", "industry", "country", "city", "state", "zip", "address", "phone",
            "numberofemployees", "annualrevenue", "hubspot_owner_id", "createdate", "hs_lastmodifieddate", "hs_object_id",
        ],
        Contacts =>
        [
            "email", "firstname", "lastname", "jobtitle", "phone", "mobilephone", "company", "hubspot_owner_id",
            "createdate", "lastmodifieddate", "hs_object_id",
        ],
        Notes => ["hs_note_body", "hs_timestamp", "hubspot_owner_id", "hs_attachment_ids", "hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
        _ =>
        [
            "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority", "hs_task_type", "hs_timestamp",
            "hubspot_owner_id", "hs_createdate", "hs_lastmodifieddate", "hs_object_id",
        ],
    };

    /// <summary>The <c>aws_*</c> deal properties Switchyard's portal adds (see <see cref="HubSpotEmulatorState.SwitchyardDealProperties"/>).</summary>
    public static readonly IReadOnlyList<string> SwitchyardDealProperties =
    [
        "aws_opportunity_id", "aws_opportunity_title", "aws_sync_status", "aws_review_status", "aws_sync_error",
        "aws_delivery_models", "aws_primary_needs", "aws_use_case",
        "aws_submit_to_aws", "aws_involvement_type", "aws_visibility", "aws_submission_status",
        "aws_review_comments", "aws_review_status_reason", "aws_stage", "aws_engagement_score", "aws_seller", "aws_next_steps",
        "aws_last_synced_at",
        "aws_invitation_id", "aws_invitation_status", "aws_invitation_expires_at", "aws_invitation_decision", "aws_rejection_reason",
        "aws_invitation_reminded_at",
    ];

    // HubSpot's HUBSPOT_DEFINED association types ("Associations v4", association type ids): each direction has its
    // own id; deal-company and contact-company have a primary type besides the unlabeled one.
    static readonly AssociationType[] Defined =
    [
        new(Deals, Companies, "deal_to_company", 5, "Primary", Primary: true),
        new(Deals, Companies, "deal_to_company_unlabeled", 341, null),
        new(Companies, Deals, "company_to_deal", 6, "Primary", Primary: true),
        new(Companies, Deals, "company_to_deal_unlabeled", 342, null),
        new(Deals, Contacts, "deal_to_contact", 3, null),
        new(Contacts, Deals, "contact_to_deal", 4, null),
        new(Contacts, Companies, "contact_to_company", 1, "Primary", Primary: true),
        new(Contacts, Companies, "contact_to_company_unlabeled", 279, null),
        new(Companies, Contacts, "company_to_contact", 2, "Primary", Primary: true),
        new(Companies, Contacts, "company_to_contact_unlabeled", 280, null),
        new(Notes, Deals, "note_to_deal", NoteToDeal, null),
        new(Deals, Notes, "deal_to_note", 213, null),
        new(Notes, Companies, "note_to_company", 190, null),
        new(Companies, Notes, "company_to_note", 189, null),
        new(Notes, Contacts, "note_to_contact", 202, null),
        new(Contacts, Notes, "contact_to_note", 201, null),
        new(Tasks, Deals, "task_to_deal", TaskToDeal, null),
        new(Deals, Tasks, "deal_to_task", 215, null),
        new(Tasks, Companies, "task_to_company", 192, null),
        new(Companies, Tasks, "company_to_task", 191, null),
        new(Tasks, Contacts, "task_to_contact", 204, null),
        new(Contacts, Tasks, "contact_to_task", 203, null),
    ];

    /// <summary>
    /// The HUBSPOT_DEFINED association types from one end, primary first: their v3 names (the <c>type</c> of an object
    /// read's associations) and v4 ids. Every association has the unlabeled type; a primary one also the primary type.
    /// </summary>
    public static IReadOnlyList<AssociationType> Types(string fromType, string toType, bool primary) =>
        Defined.Where(t => t.FromType == fromType && t.ToType == toType && (primary || !t.Primary)).OrderByDescending(t => t.Primary).ToList();

    /// <summary>The unlabeled (default) type from one end to the other, or null when the two cannot be associated.</summary>
    public static AssociationType? Unlabeled(string fromType, string toType) =>
        Defined.FirstOrDefault(t => t.FromType == fromType && t.ToType == toType && !t.Primary);

    /// <summary>The HUBSPOT_DEFINED type with this id from <paramref name="fromType"/>, or null.</summary>
    public static AssociationType? ById(string fromType, int typeId) =>
        Defined.FirstOrDefault(t => t.FromType == fromType && t.TypeId == typeId);

    /// <summary>The HUBSPOT_DEFINED type with this v3 name (or id, as text) between the two types, or null.</summary>
    public static AssociationType? ByName(string fromType, string toType, string name) =>
        Defined.FirstOrDefault(t => t.FromType == fromType && t.ToType == toType
                                    && (t.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || t.TypeId.ToString(System.Globalization.CultureInfo.InvariantCulture) == name));

    /// <summary>The association type id a note's creation names to attach it to a deal.</summary>
    public const int NoteToDeal = 214;

    /// <summary>The association type id a task's creation names to attach it to a deal.</summary>
    public const int TaskToDeal = 216;
}

/// <summary>One HUBSPOT_DEFINED association type, from one object type to another.</summary>
internal sealed record AssociationType(string FromType, string ToType, string Name, int TypeId, string? Label, bool Primary = false);
