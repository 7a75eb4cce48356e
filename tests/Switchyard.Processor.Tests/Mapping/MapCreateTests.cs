using System.Text.Json;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Mapping;

public class MapCreateTests
{
    [Fact]
    public void A_realistic_deal_becomes_a_complete_CreateOpportunity_request()
    {
        var request = MappingFixtures.Mapper().MapCreate(
            MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()], "hubspot-deal-9001-v1");

        var expected = new CreateOpportunityRequest
        {
            ClientToken = "hubspot-deal-9001-v1",
            Origin = "Partner Referral",
            PartnerOpportunityIdentifier = "9001",
            OpportunityType = "Net New Business",
            PrimaryNeedsFromAws = ["Co-Sell - Technical Consultation", "Co-Sell - Architectural Validation"],
            Customer = new Customer
            {
                Account = new Account
                {
                    CompanyName = "Acme GmbH",
                    Industry = "Software and Internet",
                    WebsiteUrl = "https://www.acme.example",
                    Address = new Address
                    {
                        City = "Berlin",
                        CountryCode = "DE",
                        PostalCode = "10115",
                        StateOrRegion = "Berlin",
                        StreetAddress = "Invalidenstraße 1",
                    },
                },
                Contacts =
                [
                    new Contact
                    {
                        Email = "jana.schmidt@acme.example",
                        FirstName = "Jana",
                        LastName = "Schmidt",
                        BusinessTitle = "Head of Data",
                        Phone = "+49301234567",
                    },
                ],
            },
            LifeCycle = new LifeCycle { Stage = "Technical Validation", TargetCloseDate = "2025-09-30" },
            Project = new Project
            {
                Title = "Acme data platform migration",
                CustomerBusinessProblem = "Acme runs its analytics on an ageing on-premises Hadoop cluster and wants to move to a managed data lake.",
                CustomerUseCase = "Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI",
                DeliveryModels = ["SaaS or PaaS", "Professional Services"],
                ExpectedCustomerSpend = [new ExpectedCustomerSpend { Amount = "120000.00", CurrencyCode = "EUR", Frequency = "Monthly", TargetCompany = "AWS" }],
                SalesActivities =
                [
                    "Initialized discussions with customer", "Customer has shown interest in solution",
                    "Conducted POC / Demo", "In evaluation / planning stage",
                ],
            },
            Marketing = new Marketing { Source = "None" },
        };

        // Records compare lists by reference; their JSON compares them by content.
        JsonSerializer.Serialize(request).ShouldBe(JsonSerializer.Serialize(expected));
        request.Catalog.ShouldBeNull();
    }

    [Fact]
    public void A_deal_with_nothing_but_an_id_gets_every_default()
    {
        var request = MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(77), null, [], "t");

        request.Origin.ShouldBe("Partner Referral");
        request.PartnerOpportunityIdentifier.ShouldBe("77");
        request.OpportunityType.ShouldBe("Net New Business");
        request.PrimaryNeedsFromAws.ShouldBe(["Co-Sell - Deal Support"]);
        request.Customer.ShouldBeNull();
        request.LifeCycle.ShouldBe(new LifeCycle { Stage = "Prospect", TargetCloseDate = "2025-09-13" });
        request.Project!.Title.ShouldBe("HubSpot deal 77");
        request.Project.CustomerBusinessProblem.ShouldBe("Not yet described (from HubSpot deal 77)");
        request.Project.CustomerUseCase.ShouldBe("Migration/Database Migration");
        request.Project.DeliveryModels.ShouldBe(["SaaS or PaaS"]);
        request.Project.ExpectedCustomerSpend.ShouldBeNull();
        request.Project.SalesActivities.ShouldBe(["Initialized discussions with customer"]);
        request.Marketing!.Source.ShouldBe("None");
    }

    [Theory]
    [InlineData("Acme migration #AWS", "Acme migration")]
    [InlineData("#aws Acme migration", "Acme migration")]
    [InlineData("Acme #AWS migration", "Acme migration")]
    [InlineData("Acme migration #AWSome", "Acme migration #AWSome")]
    [InlineData("#AWS", "#AWS")]
    [InlineData("  Acme   ", "Acme")]
    public void The_title_is_the_deal_name_without_the_tag(string dealName, string title) =>
        MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(1, (DealProperties.Name, dealName)), null, [], "t")
            .Project!.Title.ShouldBe(title);

    [Fact]
    public void A_lost_deal_says_why_as_Other()
    {
        var lifeCycle = MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(1, (DealProperties.Stage, "closedlost")), null, [], "t").LifeCycle!;

        lifeCycle.Stage.ShouldBe("Closed Lost");
        lifeCycle.ClosedLostReason.ShouldBe("Other");
    }

    [Fact]
    public void Contacts_without_anything_to_say_are_skipped_and_the_rest_keep_their_order()
    {
        HubSpotContact[] contacts =
        [
            MappingFixtures.Contact(1, (ContactProperties.FirstName, "Ann")),
            MappingFixtures.Contact(2, (ContactProperties.Email, "not an email"), (ContactProperties.Phone, "n/a")),
            MappingFixtures.Contact(3, (ContactProperties.Email, "Bob@Example.COM")),
        ];

        var request = MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(), null, contacts, "t");

        request.Customer!.Account.ShouldBeNull();
        request.Customer.Contacts!.Select(c => c.FirstName ?? c.Email).ShouldBe(["Ann", "bob@example.com"]);
    }

    [Theory]
    [InlineData("US", "ca", "California")]
    [InlineData("CA", "ON", "ON")]
    [InlineData("US", "California", "California")]
    [InlineData("United States", "dc", "Dist. of Columbia")]
    [InlineData("USA", "Washington DC", "Dist. of Columbia")]
    [InlineData("US", "NY", "New York")]
    [InlineData("US", "AE", "APO/AE")]
    [InlineData("US", "Bavaria", null)]
    [InlineData("DE", "Bavaria", "Bavaria")]
    [InlineData("Canada", "ON", "ON")]
    [InlineData(null, "CA", "CA")]
    public void A_US_state_is_written_as_Partner_Central_names_it(string? country, string state, string? expected)
    {
        var company = MappingFixtures.Company((CompanyProperties.Name, "Acme"), (CompanyProperties.Country, country), (CompanyProperties.State, state));

        Customers.Account(company)!.Address!.StateOrRegion.ShouldBe(expected);
    }

    [Theory]
    [InlineData("a@b.example", "a@b.example")]
    [InlineData("  Jane.Doe+crm@Example.CO.UK ", "jane.doe+crm@example.co.uk")]
    [InlineData("o'brien@example.ie", "o'brien@example.ie")]
    [InlineData("no-at-sign.example", null)]
    [InlineData("two@@example.com", null)]
    [InlineData("trailing.dot.@example.com", null)]
    [InlineData("jane@localhost", null)]
    [InlineData("", null)]
    public void Emails_are_lower_case_and_must_match_Partner_Centrals_pattern(string email, string? expected) =>
        Customers.Email(email).ShouldBe(expected);

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    public void A_client_token_Partner_Central_would_refuse_is_refused_here(string token) =>
        Should.Throw<ArgumentException>(() => MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(), null, [], token));
}
