namespace Switchyard.Emulators.HubSpot;

/// <summary>The CRM object types the emulator serves, their usual properties, and HubSpot's association types between them.</summary>
internal static class HubSpotObjectTypes
{
    public const string Deals = "deals";
    public const string Companies = "companies";
    public const string Contacts = "contacts";
    public const string Notes = "notes";

    public static readonly IReadOnlyList<string> All = [Deals, Companies, Contacts, Notes];

    /// <summary>The plural name HubSpot uses in paths, or null for a type the emulator does not serve. HubSpot takes singular names and type ids too.</summary>
    public static string? Normalize(string objectType) => objectType.ToLowerInvariant() switch
    {
        "deals" or "deal" or "0-3" => Deals,
        "companies" or "company" or "0-2" => Companies,
        "contacts" or "contact" or "0-1" => Contacts,
        "notes" or "note" or "0-46" => Notes,
        _ => null,
    };

    /// <summary>The name in batch error messages, e.g. <c>Could not get some CONTACT objects</c>.</summary>
    public static string Upper(string type) => type switch
    {
        Deals => "DEAL",
        Companies => "COMPANY",
        Contacts => "CONTACT",
        _ => "NOTE",
    };

    public static string CreatedProperty(string type) => type switch
    {
        Notes => "hs_createdate",
        _ => "createdate",
    };

    public static string LastModifiedProperty(string type) => type switch
    {
        Contacts => "lastmodifieddate",
        _ => "hs_lastmodifieddate",
    };

    /// <summary>What a read returns when it names no properties: HubSpot's defaults for the type.</summary>
    public static IReadOnlyList<string> DefaultProperties(string type) => type switch
    {
        Deals => ["amount", "closedate", "createdate", "dealname", "dealstage", "hs_lastmodifieddate", "hs_object_id", "pipeline"],
        Companies => ["createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name"],
        Contacts => ["createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname"],
        _ => ["hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    };

    /// <summary>The properties a fresh portal defines (plus the <c>aws_*</c> deal properties Switchyard's portal adds).</summary>
    public static IReadOnlyList<string> DefinedProperties(string type) => type switch
    {
        Deals =>
        [
            "dealname", "dealstage", "pipeline", "closedate", "amount", "deal_currency_code", "description", "dealtype",
            "hubspot_owner_id", "createdate", "hs_lastmodifieddate", "hs_object_id",
            "aws_opportunity_id", "aws_opportunity_title", "aws_sync_status", "aws_review_status", "aws_sync_error",
            "aws_delivery_models", "aws_primary_needs", "aws_use_case",
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
        _ => ["hs_note_body", "hs_timestamp", "hubspot_owner_id", "hs_attachment_ids", "hs_createdate", "hs_lastmodifieddate", "hs_object_id"],
    };

    /// <summary>
    /// The HUBSPOT_DEFINED association types from one end, primary first: their v3 names (the <c>type</c> of an object
    /// read's associations) and v4 ids. Every association has the unlabeled type; a primary company also the primary one.
    /// </summary>
    public static IReadOnlyList<AssociationType> Types(string fromType, string toType, bool primary)
    {
        var (unlabeled, primaryType) = (fromType, toType) switch
        {
            (Deals, Companies) => (new AssociationType("deal_to_company_unlabeled", 341, null), new AssociationType("deal_to_company", 5, "Primary")),
            (Companies, Deals) => (new AssociationType("company_to_deal_unlabeled", 342, null), new AssociationType("company_to_deal", 6, "Primary")),
            (Deals, Contacts) => (new AssociationType("deal_to_contact", 3, null), null),
            (Contacts, Deals) => (new AssociationType("contact_to_deal", 4, null), null),
            (Notes, Deals) => (new AssociationType("note_to_deal", NoteToDeal, null), null),
            (Deals, Notes) => (new AssociationType("deal_to_note", 213, null), null),
            _ => ((AssociationType?)null, (AssociationType?)null),
        };

        if (unlabeled is null)
            return [];
        return primary && primaryType is not null ? [primaryType, unlabeled] : [unlabeled];
    }

    /// <summary>The association type id a note's creation names to attach it to a deal.</summary>
    public const int NoteToDeal = 214;
}

/// <summary>One HUBSPOT_DEFINED association type.</summary>
internal sealed record AssociationType(string Name, int TypeId, string? Label);
