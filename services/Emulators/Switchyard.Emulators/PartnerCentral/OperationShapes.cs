using System.Text.RegularExpressions;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The request shapes of the operations the emulator serves, transcribed from the Smithy model of Partner Central
/// Selling (2022-07-26): required members, <c>@length</c>, <c>@pattern</c>, <c>@range</c> and enum values. Member-level
/// traits win over the target shape's (e.g. <c>Account.CompanyName</c> is at most 120 although its type <c>Name</c>
/// says 80). Country and currency codes are checked by form, not against the model's full lists.
/// </summary>
internal static partial class OperationShapes
{
    public static readonly string[] Catalogs = ["AWS", "Sandbox"];

    public static readonly string[] ReviewStatuses = ["Pending Submission", "Submitted", "In review", "Approved", "Rejected", "Action Required"];

    static readonly string[] YesNo = ["Yes", "No"];

    static readonly string[] PrimaryNeedsFromAws =
    [
        "Co-Sell - Architectural Validation", "Co-Sell - Business Presentation", "Co-Sell - Competitive Information",
        "Co-Sell - Pricing Assistance", "Co-Sell - Technical Consultation", "Co-Sell - Total Cost of Ownership Evaluation",
        "Co-Sell - Deal Support", "Co-Sell - Support for Public Tender / RFx",
    ];

    static readonly string[] OpportunityTypes = ["Net New Business", "Flat Renewal", "Expansion"];

    public static readonly string[] Origins = ["AWS Referral", "Partner Referral"];

    static readonly string[] Industries =
    [
        "Aerospace", "Agriculture", "Automotive", "Computers and Electronics", "Consumer Goods", "Education",
        "Energy - Oil and Gas", "Energy - Power and Utilities", "Financial Services", "Gaming", "Government", "Healthcare",
        "Hospitality", "Life Sciences", "Manufacturing", "Marketing and Advertising", "Media and Entertainment", "Mining",
        "Non-Profit Organization", "Professional Services", "Real Estate and Construction", "Retail",
        "Software and Internet", "Telecommunications", "Transportation and Logistics", "Travel",
        "Wholesale and Distribution", "Other",
    ];

    static readonly string[] Stages = ["Prospect", "Qualified", "Technical Validation", "Business Validation", "Committed", "Launched", "Closed Lost"];

    static readonly string[] ClosedLostReasons =
    [
        "Customer Deficiency", "Delay / Cancellation of Project", "Legal / Tax / Regulatory", "Lost to Competitor - Google",
        "Lost to Competitor - Microsoft", "Lost to Competitor - SoftLayer", "Lost to Competitor - VMWare",
        "Lost to Competitor - Other", "No Opportunity", "On Premises Deployment", "Partner Gap", "Price",
        "Security / Compliance", "Technical Limitations", "Customer Experience", "Other", "People/Relationship/Governance",
        "Product/Technology", "Financial/Commercial",
    ];

    static readonly string[] MarketingSources = ["Marketing Activity", "None"];

    static readonly string[] Channels =
    [
        "AWS Marketing Central", "Content Syndication", "Display", "Email", "Live Event", "Out Of Home (OOH)", "Print",
        "Search", "Social", "Telemarketing", "TV", "Video", "Virtual Event",
    ];

    static readonly string[] DeliveryModels = ["SaaS or PaaS", "BYOL or AMI", "Managed Services", "Professional Services", "Resell", "Other"];

    static readonly string[] SalesActivities =
    [
        "Initialized discussions with customer", "Customer has shown interest in solution", "Conducted POC / Demo",
        "In evaluation / planning stage", "Agreed on solution to Business Problem", "Completed Action Plan",
        "Finalized Deployment Need", "SOW Signed",
    ];

    static readonly string[] CompetitorNames =
    [
        "Oracle Cloud", "On-Prem", "Co-location", "Akamai", "AliCloud", "Google Cloud Platform", "IBM Softlayer",
        "Microsoft Azure", "Other- Cost Optimization", "No Competition", "*Other",
    ];

    static readonly string[] RevenueModels = ["Contract", "Pay-as-you-go", "Subscription"];

    public static readonly string[] RelatedEntityTypes = ["Solutions", "AwsProducts", "AwsMarketplaceOffers"];

    static readonly string[] SolutionStatuses = ["Active", "Inactive", "Draft"];

    static readonly string[] SolutionSortNames = ["Identifier", "Name", "Status", "Category", "CreatedDate"];

    static readonly string[] SortOrders = ["ASCENDING", "DESCENDING"];

    static readonly StringShape Catalog = new(Pattern: CatalogPattern());
    static readonly StringShape OpportunityIdentifier = new(Pattern: OpportunityIdPattern());
    static readonly StringShape Date = new(Pattern: DatePattern());
    static readonly StringShape Email = new(Max: 80, Pattern: EmailPattern());
    static readonly StringShape Name80 = new(Max: 80);
    static readonly StringShape Text255 = new(Max: 255);
    static readonly StringShape AnyString = new();

    static readonly StructureShape Address = new(
        new Member("City", Text255),
        new Member("PostalCode", new StringShape(Max: 20)),
        new Member("StateOrRegion", AnyString),
        new Member("CountryCode", new StringShape(Pattern: CountryCodePattern())),
        new Member("StreetAddress", Text255));

    static readonly StructureShape Account = new(
        new Member("Industry", new StringShape(Values: Industries)),
        new Member("OtherIndustry", Text255),
        new Member("CompanyName", new StringShape(Max: 120), Required: true),
        new Member("WebsiteUrl", new StringShape(Min: 4, Max: 255)),
        new Member("AwsAccountId", new StringShape(Pattern: AwsAccountPattern())),
        new Member("Address", Address),
        new Member("Duns", new StringShape(Pattern: DunsPattern())));

    static readonly StructureShape Contact = new(
        new Member("Email", Email),
        new Member("FirstName", Name80),
        new Member("LastName", Name80),
        new Member("BusinessTitle", Name80),
        new Member("Phone", new StringShape(Max: 40, Pattern: PhonePattern())));

    static readonly StructureShape Customer = new(
        new Member("Account", Account),
        new Member("Contacts", new ListShape(Contact)));

    static readonly StructureShape NextStepsHistory = new(
        new Member("Value", AnyString, Required: true),
        new Member("Time", new DateTimeShape(), Required: true));

    static readonly StructureShape LifeCycle = new(
        new Member("Stage", new StringShape(Values: Stages)),
        new Member("ClosedLostReason", new StringShape(Values: ClosedLostReasons)),
        new Member("NextSteps", Text255),
        new Member("TargetCloseDate", Date),
        // Read-only: accepted (a client may send back what it read) and ignored.
        new Member("ReviewStatus", new StringShape(Values: ReviewStatuses)),
        new Member("ReviewComments", AnyString),
        new Member("ReviewStatusReason", AnyString),
        new Member("NextStepsHistory", new ListShape(NextStepsHistory, Max: 50)));

    static readonly StructureShape Marketing = new(
        new Member("CampaignName", AnyString),
        new Member("Source", new StringShape(Values: MarketingSources)),
        new Member("UseCases", new ListShape(AnyString)),
        new Member("Channels", new ListShape(new StringShape(Values: Channels))),
        new Member("AwsFundingUsed", new StringShape(Values: YesNo)));

    static readonly StructureShape ExpectedCustomerSpend = new(
        new Member("Amount", new StringShape(Pattern: AmountPattern()), Required: true),
        new Member("CurrencyCode", new StringShape(Pattern: UsdPattern()), Required: true),
        new Member("Frequency", new StringShape(Values: ["Monthly"]), Required: true),
        new Member("TargetCompany", new StringShape(Min: 1, Max: 80), Required: true),
        new Member("EstimationUrl", new StringShape(Min: 4, Max: 255)));

    static readonly StructureShape Project = new(
        new Member("DeliveryModels", new ListShape(new StringShape(Values: DeliveryModels))),
        new Member("ExpectedCustomerSpend", new ListShape(ExpectedCustomerSpend, Min: 0, Max: 10)),
        new Member("Title", Text255),
        new Member("ApnPrograms", new ListShape(AnyString)),
        new Member("CustomerBusinessProblem", new StringShape(Min: 20, Max: 2000)),
        new Member("CustomerUseCase", AnyString),
        new Member("RelatedOpportunityIdentifier", OpportunityIdentifier),
        new Member("SalesActivities", new ListShape(new StringShape(Values: SalesActivities))),
        new Member("CompetitorName", new StringShape(Values: CompetitorNames)),
        new Member("OtherCompetitorNames", Text255),
        new Member("OtherSolutionDescription", Text255),
        new Member("AdditionalComments", new StringShape(Min: 1, Max: 255)));

    static readonly StructureShape MonetaryValue = new(
        new Member("Amount", new StringShape(Pattern: AmountPattern()), Required: true),
        new Member("CurrencyCode", new StringShape(Pattern: CurrencyCodePattern()), Required: true));

    static readonly StructureShape SoftwareRevenue = new(
        new Member("DeliveryModel", new StringShape(Values: RevenueModels)),
        new Member("Value", MonetaryValue),
        new Member("EffectiveDate", Date),
        new Member("ExpirationDate", Date));

    static readonly StructureShape Tag = new(
        new Member("Key", new StringShape(Min: 1, Max: 128, Pattern: TagPattern()), Required: true),
        new Member("Value", new StringShape(Max: 256, Pattern: TagPattern()), Required: true));

    // The members CreateOpportunity and UpdateOpportunity share.
    static readonly Member[] OpportunityMembers =
    [
        new("PrimaryNeedsFromAws", new ListShape(new StringShape(Values: PrimaryNeedsFromAws))),
        new("NationalSecurity", new StringShape(Values: YesNo)),
        new("PartnerOpportunityIdentifier", new StringShape(Max: 64)),
        new("Customer", Customer),
        new("Project", Project),
        new("OpportunityType", new StringShape(Values: OpportunityTypes)),
        new("Marketing", Marketing),
        new("SoftwareRevenue", SoftwareRevenue),
        new("LifeCycle", LifeCycle),
    ];

    /// <summary>The top-level members UpdateOpportunity replaces (an omitted one becomes null).</summary>
    public static readonly string[] UpdatableMembers = OpportunityMembers.Select(m => m.Name).ToArray();

    /// <summary>The members of <c>LifeCycle</c> a partner writes; the others are AWS's.</summary>
    public static readonly string[] WritableLifeCycleMembers = ["Stage", "ClosedLostReason", "NextSteps", "TargetCloseDate"];

    public static readonly StructureShape CreateOpportunity = new(
    [
        new("Catalog", Catalog, Required: true),
        new("ClientToken", new StringShape(Min: 1), Required: true),
        .. OpportunityMembers,
        new("Origin", new StringShape(Values: Origins)),
        new("OpportunityTeam", new ListShape(Contact, Max: 2)),
        new("Tags", new ListShape(Tag, Min: 1, Max: 200)),
    ]);

    public static readonly StructureShape GetOpportunity = new(
        new Member("Catalog", Catalog, Required: true),
        new Member("Identifier", OpportunityIdentifier, Required: true));

    public static readonly StructureShape UpdateOpportunity = new(
    [
        new("Catalog", Catalog, Required: true),
        new("Identifier", OpportunityIdentifier, Required: true),
        new("LastModifiedDate", new DateTimeShape(), Required: true),
        .. OpportunityMembers,
    ]);

    public static readonly StructureShape AssociateOpportunity = new(
        new Member("Catalog", Catalog, Required: true),
        new Member("OpportunityIdentifier", OpportunityIdentifier, Required: true),
        new Member("RelatedEntityType", new StringShape(Values: RelatedEntityTypes), Required: true),
        new Member("RelatedEntityIdentifier", new StringShape(Min: 1, Max: 255), Required: true));

    public static readonly StructureShape ListSolutions = new(
        new Member("Catalog", Catalog, Required: true),
        new Member("MaxResults", new IntegerShape(1, 100)),
        new Member("NextToken", AnyString),
        new Member("Sort", new StructureShape(
            new Member("SortOrder", new StringShape(Values: SortOrders), Required: true),
            new Member("SortBy", new StringShape(Values: SolutionSortNames), Required: true))),
        new Member("Status", new ListShape(new StringShape(Values: SolutionStatuses), Max: 10)),
        new Member("Identifier", new ListShape(new StringShape(Pattern: SolutionIdPattern()), Max: 20)),
        new Member("Category", new ListShape(AnyString, Max: 10)));

    [GeneratedRegex("^[a-zA-Z]+$")]
    private static partial Regex CatalogPattern();

    [GeneratedRegex("^O[0-9]{1,19}$")]
    private static partial Regex OpportunityIdPattern();

    [GeneratedRegex("^S-[0-9]{1,19}$")]
    public static partial Regex SolutionIdPattern();

    [GeneratedRegex("^[1-9][0-9]{3}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$")]
    private static partial Regex DatePattern();

    // As in the model: lower case only, so an address with capitals is refused like the real service refuses it.
    [GeneratedRegex(@"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^([0-9]{12}|[A-Za-z0-9_]{1,12})$")]
    private static partial Regex AwsAccountPattern();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex DunsPattern();

    [GeneratedRegex(@"^(0|([1-9][0-9]{0,30}))(\.[0-9]{0,2})?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex("^USD$")]
    private static partial Regex UsdPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCodePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex(@"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^arn:aws:aws-marketplace:[a-z]{1,2}-[a-z]*-[0-9]+:[0-9]{12}:AWSMarketplace/Offer/.*$")]
    public static partial Regex MarketplaceOfferPattern();
}
