namespace Switchyard.Processor.Mapping;

/// <summary>
/// Partner Central's allowed values for the fields Switchyard fills. The enumerations come from the service model
/// (the AWS SDKs' <c>partnercentral-selling</c> model: <c>Stage</c>, <c>Industry</c>, <c>OpportunityType</c>,
/// <c>DeliveryModel</c>, <c>PrimaryNeedFromAws</c>, <c>SalesActivity</c>, <c>CountryCode</c>);
/// <c>CustomerUseCase</c> is a plain string there, and its values come from the model's documentation of it.
/// </summary>
public static class PartnerCentralValues
{
    /// <summary>The origin of every opportunity Switchyard creates.</summary>
    public const string PartnerReferral = "Partner Referral";

    /// <summary><c>Marketing.Source</c> for opportunities that no AWS marketing activity produced.</summary>
    public const string NoMarketingSource = "None";

    /// <summary>The only <c>ExpectedCustomerSpend.Frequency</c> Partner Central accepts.</summary>
    public const string Monthly = "Monthly";

    /// <summary>The only <c>ExpectedCustomerSpend.TargetCompany</c> Partner Central accepts.</summary>
    public const string Aws = "AWS";

    /// <summary>The industry, closed-lost reason and delivery model that stands for "something else".</summary>
    public const string Other = "Other";

    /// <summary>Opportunity types.</summary>
    public static class OpportunityType
    {
        /// <summary>A customer new to the partner's solution.</summary>
        public const string NetNewBusiness = "Net New Business";

        /// <summary>Renewing an existing contract at the same scope.</summary>
        public const string FlatRenewal = "Flat Renewal";

        /// <summary>Widening an existing contract.</summary>
        public const string Expansion = "Expansion";
    }

    /// <summary>Lifecycle stages.</summary>
    public static class Stage
    {
        /// <summary>Identified, not yet qualified.</summary>
        public const string Prospect = "Prospect";

        /// <summary>The customer agrees the opportunity is real.</summary>
        public const string Qualified = "Qualified";

        /// <summary>All parties understand the implementation plan.</summary>
        public const string TechnicalValidation = "Technical Validation";

        /// <summary>Pricing proposed, steps to close agreed.</summary>
        public const string BusinessValidation = "Business Validation";

        /// <summary>Contract signed, AWS not yet billing.</summary>
        public const string Committed = "Committed";

        /// <summary>Workload complete, AWS billing.</summary>
        public const string Launched = "Launched";

        /// <summary>Lost.</summary>
        public const string ClosedLost = "Closed Lost";
    }

    /// <summary>Sales activities, in the order a sale usually goes through them.</summary>
    public static class SalesActivity
    {
        /// <summary>First conversations with the customer.</summary>
        public const string InitializedDiscussions = "Initialized discussions with customer";

        /// <summary>The customer is interested.</summary>
        public const string CustomerHasShownInterest = "Customer has shown interest in solution";

        /// <summary>A proof of concept or demonstration took place.</summary>
        public const string ConductedPocDemo = "Conducted POC / Demo";

        /// <summary>The customer is evaluating and planning.</summary>
        public const string InEvaluationPlanning = "In evaluation / planning stage";

        /// <summary>Both parties agree how the solution addresses the problem.</summary>
        public const string AgreedOnSolution = "Agreed on solution to Business Problem";

        /// <summary>The action plan is complete.</summary>
        public const string CompletedActionPlan = "Completed Action Plan";

        /// <summary>The deployment needs are final.</summary>
        public const string FinalizedDeploymentNeed = "Finalized Deployment Need";

        /// <summary>A statement of work is signed.</summary>
        public const string SowSigned = "SOW Signed";
    }

    /// <summary><c>LifeCycle.Stage</c>.</summary>
    public static readonly AllowedValues Stages = new(
    [
        Stage.Prospect, Stage.Qualified, Stage.TechnicalValidation, Stage.BusinessValidation, Stage.Committed,
        Stage.Launched, Stage.ClosedLost,
    ]);

    /// <summary><c>OpportunityType</c>.</summary>
    public static readonly AllowedValues OpportunityTypes = new(
        [OpportunityType.NetNewBusiness, OpportunityType.FlatRenewal, OpportunityType.Expansion]);

    /// <summary><c>Account.Industry</c>.</summary>
    public static readonly AllowedValues Industries = new(
    [
        "Aerospace", "Agriculture", "Automotive", "Computers and Electronics", "Consumer Goods", "Education",
        "Energy - Oil and Gas", "Energy - Power and Utilities", "Financial Services", "Gaming", "Government",
        "Healthcare", "Hospitality", "Life Sciences", "Manufacturing", "Marketing and Advertising",
        "Media and Entertainment", "Mining", "Non-Profit Organization", Other, "Professional Services",
        "Real Estate and Construction", "Retail", "Software and Internet", "Telecommunications",
        "Transportation and Logistics", "Travel", "Wholesale and Distribution",
    ]);

    /// <summary><c>Project.DeliveryModels</c>.</summary>
    public static readonly AllowedValues DeliveryModels = new(
        ["SaaS or PaaS", "BYOL or AMI", "Managed Services", "Professional Services", "Resell", Other]);

    /// <summary><c>PrimaryNeedsFromAws</c>.</summary>
    public static readonly AllowedValues PrimaryNeeds = new(
    [
        "Co-Sell - Architectural Validation", "Co-Sell - Business Presentation", "Co-Sell - Competitive Information",
        "Co-Sell - Pricing Assistance", "Co-Sell - Technical Consultation",
        "Co-Sell - Total Cost of Ownership Evaluation", "Co-Sell - Deal Support",
        "Co-Sell - Support for Public Tender / RFx",
    ]);

    /// <summary><c>Project.SalesActivities</c>.</summary>
    public static readonly AllowedValues SalesActivities = new(
    [
        SalesActivity.InitializedDiscussions, SalesActivity.CustomerHasShownInterest, SalesActivity.ConductedPocDemo,
        SalesActivity.InEvaluationPlanning, SalesActivity.AgreedOnSolution, SalesActivity.CompletedActionPlan,
        SalesActivity.FinalizedDeploymentNeed, SalesActivity.SowSigned,
    ]);

    /// <summary><c>Project.CustomerUseCase</c>.</summary>
    public static readonly AllowedValues CustomerUseCases = new(
    [
        "AI Machine Learning and Analytics", "Archiving", "Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI",
        "Blockchain", "Business Applications: Mainframe Modernization", "Business Applications & Contact Center",
        "Business Applications & SAP Production", "Centralized Operations Management", "Cloud Management Tools",
        "Cloud Management Tools & DevOps with Continuous Integration & Continuous Delivery (CICD)",
        "Configuration, Compliance & Auditing", "Connected Services", "Containers & Serverless",
        "Content Delivery & Edge Services", "Database", "Edge Computing/End User Computing", "Energy",
        "Enterprise Governance & Controls", "Enterprise Resource Planning", "Financial Services",
        "Healthcare and Life Sciences", "High Performance Computing", "Hybrid Application Platform",
        "Industrial Software", "IOT", "Manufacturing, Supply Chain and Operations",
        "Media & High performance computing (HPC)", "Migration/Database Migration",
        "Monitoring, logging and performance", "Monitoring & Observability", "Networking", "Outpost", "SAP",
        "Security & Compliance", "Storage & Backup", "Training", "VMC", "VMWare", "Web development & DevOps",
    ]);

    /// <summary>
    /// <c>Address.CountryCode</c> (ISO 3166-1 alpha-2). Partner Central's list keeps <c>AN</c> (Netherlands Antilles)
    /// and lacks <c>KP</c> (North Korea) and <c>XK</c> (Kosovo).
    /// </summary>
    public static readonly AllowedValues CountryCodes = new(
    [
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AN", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB",
        "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
        "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
        "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR",
        "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
        "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO",
        "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT",
        "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS",
        "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
        "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS",
        "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
        "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW",
        "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA",
        "ZM", "ZW",
    ]);
}
