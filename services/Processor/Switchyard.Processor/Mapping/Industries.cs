using System.Collections.Frozen;
using System.Text;

namespace Switchyard.Processor.Mapping;

/// <summary>A customer's industry as Partner Central wants it.</summary>
/// <param name="Industry">One of Partner Central's industries.</param>
/// <param name="OtherIndustry">HubSpot's industry in words when <paramref name="Industry"/> is <c>Other</c>; otherwise null.</param>
public sealed record MappedIndustry(string Industry, string? OtherIndustry);

/// <summary>Maps HubSpot's company <c>industry</c> values onto Partner Central's industries.</summary>
/// <remarks>
/// HubSpot's industry property has some 150 options whose internal values are upper-case codes
/// (<c>COMPUTER_SOFTWARE</c>, <c>HOSPITAL_HEALTH_CARE</c>, ...), inherited from LinkedIn's former industry list.
/// Partner Central has 28 industries. Codes without a clear home map to <c>Other</c>, with the HubSpot industry in
/// words in <c>OtherIndustry</c>, rather than to a guess.
/// </remarks>
public static class Industries
{
    const string Aerospace = "Aerospace";
    const string Agriculture = "Agriculture";
    const string Automotive = "Automotive";
    const string ComputersAndElectronics = "Computers and Electronics";
    const string ConsumerGoods = "Consumer Goods";
    const string Education = "Education";
    const string OilAndGas = "Energy - Oil and Gas";
    const string PowerAndUtilities = "Energy - Power and Utilities";
    const string FinancialServices = "Financial Services";
    const string Gaming = "Gaming";
    const string Government = "Government";
    const string Healthcare = "Healthcare";
    const string Hospitality = "Hospitality";
    const string LifeSciences = "Life Sciences";
    const string Manufacturing = "Manufacturing";
    const string MarketingAndAdvertising = "Marketing and Advertising";
    const string MediaAndEntertainment = "Media and Entertainment";
    const string Mining = "Mining";
    const string NonProfit = "Non-Profit Organization";
    const string Other = PartnerCentralValues.Other;
    const string ProfessionalServices = "Professional Services";
    const string RealEstateAndConstruction = "Real Estate and Construction";
    const string Retail = "Retail";
    const string SoftwareAndInternet = "Software and Internet";
    const string Telecommunications = "Telecommunications";
    const string TransportationAndLogistics = "Transportation and Logistics";
    const string Travel = "Travel";
    const string WholesaleAndDistribution = "Wholesale and Distribution";

    /// <summary>HubSpot's industry codes, each with its label in HubSpot and the Partner Central industry it maps to.</summary>
    public static readonly IReadOnlyList<(string Code, string Label, string Industry)> HubSpotIndustries =
    [
        ("ACCOUNTING", "Accounting", ProfessionalServices),
        ("AIRLINES_AVIATION", "Airlines/Aviation", Travel),
        ("ALTERNATIVE_DISPUTE_RESOLUTION", "Alternative Dispute Resolution", ProfessionalServices),
        ("ALTERNATIVE_MEDICINE", "Alternative Medicine", Healthcare),
        ("ANIMATION", "Animation", MediaAndEntertainment),
        ("APPAREL_FASHION", "Apparel & Fashion", ConsumerGoods),
        ("ARCHITECTURE_PLANNING", "Architecture & Planning", RealEstateAndConstruction),
        ("ARTS_AND_CRAFTS", "Arts and Crafts", ConsumerGoods),
        ("AUTOMOTIVE", "Automotive", Automotive),
        ("AVIATION_AEROSPACE", "Aviation & Aerospace", Aerospace),
        ("BANKING", "Banking", FinancialServices),
        ("BIOTECHNOLOGY", "Biotechnology", LifeSciences),
        ("BROADCAST_MEDIA", "Broadcast Media", MediaAndEntertainment),
        ("BUILDING_MATERIALS", "Building Materials", Manufacturing),
        ("BUSINESS_SUPPLIES_AND_EQUIPMENT", "Business Supplies and Equipment", WholesaleAndDistribution),
        ("CAPITAL_MARKETS", "Capital Markets", FinancialServices),
        ("CHEMICALS", "Chemicals", Manufacturing),
        ("CIVIC_SOCIAL_ORGANIZATION", "Civic & Social Organization", NonProfit),
        ("CIVIL_ENGINEERING", "Civil Engineering", RealEstateAndConstruction),
        ("COMMERCIAL_REAL_ESTATE", "Commercial Real Estate", RealEstateAndConstruction),
        ("COMPUTER_NETWORK_SECURITY", "Computer & Network Security", SoftwareAndInternet),
        ("COMPUTER_GAMES", "Computer Games", Gaming),
        ("COMPUTER_HARDWARE", "Computer Hardware", ComputersAndElectronics),
        ("COMPUTER_NETWORKING", "Computer Networking", ComputersAndElectronics),
        ("COMPUTER_SOFTWARE", "Computer Software", SoftwareAndInternet),
        ("INTERNET", "Internet", SoftwareAndInternet),
        ("CONSTRUCTION", "Construction", RealEstateAndConstruction),
        ("CONSUMER_ELECTRONICS", "Consumer Electronics", ComputersAndElectronics),
        ("CONSUMER_GOODS", "Consumer Goods", ConsumerGoods),
        ("CONSUMER_SERVICES", "Consumer Services", Other),
        ("COSMETICS", "Cosmetics", ConsumerGoods),
        ("DAIRY", "Dairy", Agriculture),
        ("DEFENSE_SPACE", "Defense & Space", Aerospace),
        ("DESIGN", "Design", ProfessionalServices),
        ("EDUCATION_MANAGEMENT", "Education Management", Education),
        ("E_LEARNING", "E-Learning", Education),
        ("ELECTRICAL_ELECTRONIC_MANUFACTURING", "Electrical/Electronic Manufacturing", ComputersAndElectronics),
        ("ENTERTAINMENT", "Entertainment", MediaAndEntertainment),
        ("ENVIRONMENTAL_SERVICES", "Environmental Services", Other),
        ("EVENTS_SERVICES", "Events Services", Hospitality),
        ("EXECUTIVE_OFFICE", "Executive Office", Government),
        ("FACILITIES_SERVICES", "Facilities Services", RealEstateAndConstruction),
        ("FARMING", "Farming", Agriculture),
        ("FINANCIAL_SERVICES", "Financial Services", FinancialServices),
        ("FINE_ART", "Fine Art", MediaAndEntertainment),
        ("FISHERY", "Fishery", Agriculture),
        ("FOOD_BEVERAGES", "Food & Beverages", ConsumerGoods),
        ("FOOD_PRODUCTION", "Food Production", ConsumerGoods),
        ("FUND_RAISING", "Fund-Raising", NonProfit),
        ("FURNITURE", "Furniture", ConsumerGoods),
        ("GAMBLING_CASINOS", "Gambling & Casinos", Hospitality),
        ("GLASS_CERAMICS_CONCRETE", "Glass, Ceramics & Concrete", Manufacturing),
        ("GOVERNMENT_ADMINISTRATION", "Government Administration", Government),
        ("GOVERNMENT_RELATIONS", "Government Relations", ProfessionalServices),
        ("GRAPHIC_DESIGN", "Graphic Design", ProfessionalServices),
        ("HEALTH_WELLNESS_AND_FITNESS", "Health, Wellness and Fitness", Healthcare),
        ("HIGHER_EDUCATION", "Higher Education", Education),
        ("HOSPITAL_HEALTH_CARE", "Hospital & Health Care", Healthcare),
        ("HOSPITALITY", "Hospitality", Hospitality),
        ("HUMAN_RESOURCES", "Human Resources", ProfessionalServices),
        ("IMPORT_AND_EXPORT", "Import and Export", WholesaleAndDistribution),
        ("INDIVIDUAL_FAMILY_SERVICES", "Individual & Family Services", Other),
        ("INDUSTRIAL_AUTOMATION", "Industrial Automation", Manufacturing),
        ("INFORMATION_SERVICES", "Information Services", SoftwareAndInternet),
        ("INFORMATION_TECHNOLOGY_AND_SERVICES", "Information Technology and Services", SoftwareAndInternet),
        ("INSURANCE", "Insurance", FinancialServices),
        ("INTERNATIONAL_AFFAIRS", "International Affairs", Government),
        ("INTERNATIONAL_TRADE_AND_DEVELOPMENT", "International Trade and Development", Other),
        ("INVESTMENT_BANKING", "Investment Banking", FinancialServices),
        ("INVESTMENT_MANAGEMENT", "Investment Management", FinancialServices),
        ("JUDICIARY", "Judiciary", Government),
        ("LAW_ENFORCEMENT", "Law Enforcement", Government),
        ("LAW_PRACTICE", "Law Practice", ProfessionalServices),
        ("LEGAL_SERVICES", "Legal Services", ProfessionalServices),
        ("LEGISLATIVE_OFFICE", "Legislative Office", Government),
        ("LEISURE_TRAVEL_TOURISM", "Leisure, Travel & Tourism", Travel),
        ("LIBRARIES", "Libraries", Education),
        ("LOGISTICS_AND_SUPPLY_CHAIN", "Logistics and Supply Chain", TransportationAndLogistics),
        ("LUXURY_GOODS_JEWELRY", "Luxury Goods & Jewelry", ConsumerGoods),
        ("MACHINERY", "Machinery", Manufacturing),
        ("MANAGEMENT_CONSULTING", "Management Consulting", ProfessionalServices),
        ("MARITIME", "Maritime", TransportationAndLogistics),
        ("MARKET_RESEARCH", "Market Research", MarketingAndAdvertising),
        ("MARKETING_AND_ADVERTISING", "Marketing and Advertising", MarketingAndAdvertising),
        ("MECHANICAL_OR_INDUSTRIAL_ENGINEERING", "Mechanical or Industrial Engineering", Manufacturing),
        ("MEDIA_PRODUCTION", "Media Production", MediaAndEntertainment),
        ("MEDICAL_DEVICES", "Medical Devices", LifeSciences),
        ("MEDICAL_PRACTICE", "Medical Practice", Healthcare),
        ("MENTAL_HEALTH_CARE", "Mental Health Care", Healthcare),
        ("MILITARY", "Military", Government),
        ("MINING_METALS", "Mining & Metals", Mining),
        ("MOBILE_GAMES", "Mobile Games", Gaming),
        ("MOTION_PICTURES_AND_FILM", "Motion Pictures and Film", MediaAndEntertainment),
        ("MUSEUMS_AND_INSTITUTIONS", "Museums and Institutions", NonProfit),
        ("MUSIC", "Music", MediaAndEntertainment),
        ("NANOTECHNOLOGY", "Nanotechnology", Other),
        ("NEWSPAPERS", "Newspapers", MediaAndEntertainment),
        ("NON_PROFIT_ORGANIZATION_MANAGEMENT", "Non-Profit Organization Management", NonProfit),
        ("OIL_ENERGY", "Oil & Energy", OilAndGas),
        ("ONLINE_MEDIA", "Online Media", MediaAndEntertainment),
        ("OUTSOURCING_OFFSHORING", "Outsourcing/Offshoring", ProfessionalServices),
        ("PACKAGE_FREIGHT_DELIVERY", "Package/Freight Delivery", TransportationAndLogistics),
        ("PACKAGING_AND_CONTAINERS", "Packaging and Containers", Manufacturing),
        ("PAPER_FOREST_PRODUCTS", "Paper & Forest Products", Manufacturing),
        ("PERFORMING_ARTS", "Performing Arts", MediaAndEntertainment),
        ("PHARMACEUTICALS", "Pharmaceuticals", LifeSciences),
        ("PHILANTHROPY", "Philanthropy", NonProfit),
        ("PHOTOGRAPHY", "Photography", MediaAndEntertainment),
        ("PLASTICS", "Plastics", Manufacturing),
        ("POLITICAL_ORGANIZATION", "Political Organization", NonProfit),
        ("PRIMARY_SECONDARY_EDUCATION", "Primary/Secondary Education", Education),
        ("PRINTING", "Printing", Manufacturing),
        ("PROFESSIONAL_TRAINING_COACHING", "Professional Training & Coaching", Education),
        ("PROGRAM_DEVELOPMENT", "Program Development", Other),
        ("PUBLIC_POLICY", "Public Policy", Government),
        ("PUBLIC_RELATIONS_AND_COMMUNICATIONS", "Public Relations and Communications", MarketingAndAdvertising),
        ("PUBLIC_SAFETY", "Public Safety", Government),
        ("PUBLISHING", "Publishing", MediaAndEntertainment),
        ("RAILROAD_MANUFACTURE", "Railroad Manufacture", Manufacturing),
        ("RANCHING", "Ranching", Agriculture),
        ("REAL_ESTATE", "Real Estate", RealEstateAndConstruction),
        ("RECREATIONAL_FACILITIES_AND_SERVICES", "Recreational Facilities and Services", Hospitality),
        ("RELIGIOUS_INSTITUTIONS", "Religious Institutions", NonProfit),
        ("RENEWABLES_ENVIRONMENT", "Renewables & Environment", PowerAndUtilities),
        ("RESEARCH", "Research", Other),
        ("RESTAURANTS", "Restaurants", Hospitality),
        ("RETAIL", "Retail", Retail),
        ("SECURITY_AND_INVESTIGATIONS", "Security and Investigations", ProfessionalServices),
        ("SEMICONDUCTORS", "Semiconductors", ComputersAndElectronics),
        ("SHIPBUILDING", "Shipbuilding", Manufacturing),
        ("SPORTING_GOODS", "Sporting Goods", ConsumerGoods),
        ("SPORTS", "Sports", MediaAndEntertainment),
        ("STAFFING_AND_RECRUITING", "Staffing and Recruiting", ProfessionalServices),
        ("SUPERMARKETS", "Supermarkets", Retail),
        ("TELECOMMUNICATIONS", "Telecommunications", Telecommunications),
        ("TEXTILES", "Textiles", Manufacturing),
        ("THINK_TANKS", "Think Tanks", NonProfit),
        ("TOBACCO", "Tobacco", ConsumerGoods),
        ("TRANSLATION_AND_LOCALIZATION", "Translation and Localization", ProfessionalServices),
        ("TRANSPORTATION_TRUCKING_RAILROAD", "Transportation/Trucking/Railroad", TransportationAndLogistics),
        ("UTILITIES", "Utilities", PowerAndUtilities),
        ("VENTURE_CAPITAL_PRIVATE_EQUITY", "Venture Capital & Private Equity", FinancialServices),
        ("VETERINARY", "Veterinary", Healthcare),
        ("WAREHOUSING", "Warehousing", TransportationAndLogistics),
        ("WHOLESALE", "Wholesale", WholesaleAndDistribution),
        ("WINE_AND_SPIRITS", "Wine and Spirits", ConsumerGoods),
        ("WIRELESS", "Wireless", Telecommunications),
        ("WRITING_AND_EDITING", "Writing and Editing", MediaAndEntertainment),
    ];

    // Keyed by code and by label, so that portals storing labels (imports, custom properties) map too.
    static readonly FrozenDictionary<string, (string Label, string Industry)> ByKey = BuildKeys();

    /// <summary>
    /// The Partner Central industry for a HubSpot <c>industry</c> value (a HubSpot code or label, or a Partner Central
    /// industry); <c>Other</c> with the value in words when it has no match. Null when the company has no industry.
    /// </summary>
    public static MappedIndustry? Map(string? hubSpotIndustry)
    {
        var text = TextLimits.Clean(hubSpotIndustry);
        if (text is null)
            return null;

        if (ByKey.TryGetValue(AllowedValues.Key(text), out var known))
            return known.Industry == Other ? new MappedIndustry(Other, known.Label) : new MappedIndustry(known.Industry, null);

        if (PartnerCentralValues.Industries.Find(text) is { } industry && industry != Other)
            return new MappedIndustry(industry, null);

        return new MappedIndustry(Other, TextLimits.Truncate(InWords(text), PartnerCentralLimits.OtherIndustry));
    }

    // CUSTOM_CODE -> "Custom code"; anything that is not an upper-case code is already words.
    static string InWords(string value)
    {
        if (!value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
            return value;

        var words = value.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return value;
        var text = new StringBuilder(string.Join(' ', words).ToLowerInvariant());
        text[0] = char.ToUpperInvariant(text[0]);
        return text.ToString();
    }

    static FrozenDictionary<string, (string Label, string Industry)> BuildKeys()
    {
        var byKey = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (code, label, industry) in HubSpotIndustries)
        {
            byKey[AllowedValues.Key(code)] = (label, industry);
            byKey.TryAdd(AllowedValues.Key(label), (label, industry));
        }

        return byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
