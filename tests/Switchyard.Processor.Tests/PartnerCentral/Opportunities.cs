using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>Requests as the processor would build them from a HubSpot deal.</summary>
public static class Opportunities
{
    /// <summary>A complete, valid CreateOpportunity request.</summary>
    public static CreateOpportunityRequest Valid(string clientToken = "deal-4242", string dealId = "4242") => new()
    {
        ClientToken = clientToken,
        PartnerOpportunityIdentifier = dealId,
        Origin = "Partner Referral",
        OpportunityType = "Net New Business",
        PrimaryNeedsFromAws = ["Co-Sell - Technical Consultation"],
        NationalSecurity = "No",
        Customer = new Customer
        {
            Account = new Account
            {
                CompanyName = "Example Corp",
                Industry = "Software and Internet",
                WebsiteUrl = "https://example.com",
                Address = new Address { CountryCode = "US", PostalCode = "98101", City = "Seattle", StateOrRegion = "Washington" },
            },
            Contacts = [new Contact { Email = "jane.doe@example.com", FirstName = "Jane", LastName = "Doe", BusinessTitle = "CTO", Phone = "+14155550100" }],
        },
        LifeCycle = new LifeCycle { Stage = "Prospect", TargetCloseDate = "2030-06-30", NextSteps = "Kick-off call" },
        Marketing = new Marketing { Source = "None" },
        Project = new Project
        {
            Title = "Example Corp data platform",
            CustomerBusinessProblem = "Example Corp needs to consolidate its analytics onto one platform.",
            CustomerUseCase = "Database",
            DeliveryModels = ["SaaS or PaaS"],
            ExpectedCustomerSpend = [new ExpectedCustomerSpend { Amount = "1200.00", CurrencyCode = "USD", Frequency = "Monthly", TargetCompany = "AWS" }],
            SalesActivities = ["Initialized discussions with customer"],
        },
    };
}
