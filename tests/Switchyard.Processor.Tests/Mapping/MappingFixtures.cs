using Microsoft.Extensions.Options;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

/// <summary>Deals, companies and contacts as HubSpot returns them, and a mapper whose "today" is fixed.</summary>
static class MappingFixtures
{
    /// <summary>The fixed "now" of <see cref="Mapper"/>: 2025-06-15, mid-morning UTC.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 15, 9, 30, 0, TimeSpan.Zero);

    public static OpportunityMapper Mapper(Action<MappingOptions>? configure = null, DateTimeOffset? now = null)
    {
        var options = new MappingOptions();
        configure?.Invoke(options);
        return new OpportunityMapper(Options.Create(options), new FixedTime(now ?? Now));
    }

    public static HubSpotDeal Deal(long id = 9_001, params (string Name, string? Value)[] properties) =>
        new(id, properties.ToDictionary(p => p.Name, p => p.Value), [], []);

    public static HubSpotCompany Company(params (string Name, string? Value)[] properties) =>
        new(501, properties.ToDictionary(p => p.Name, p => p.Value));

    public static HubSpotContact Contact(long id, params (string Name, string? Value)[] properties) =>
        new(id, properties.ToDictionary(p => p.Name, p => p.Value));

    /// <summary>A realistic deal: every mapped property set.</summary>
    public static HubSpotDeal AcmeDeal() => Deal(9_001,
        (DealProperties.Name, "Acme data platform migration #AWS"),
        (DealProperties.Stage, "presentationscheduled"),
        (DealProperties.CloseDate, "2025-09-30T00:00:00Z"),
        (DealProperties.Amount, "120000"),
        (DealProperties.Currency, "EUR"),
        (DealProperties.Description, "Acme runs its analytics on an ageing on-premises Hadoop cluster and wants to move to a managed data lake."),
        (DealProperties.DealType, "newbusiness"),
        (DealProperties.DeliveryModels, "SaaS or PaaS;Professional Services"),
        (DealProperties.PrimaryNeeds, "Co-Sell - Technical Consultation;Co-Sell - Architectural Validation"),
        (DealProperties.UseCase, "Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI"));

    public static HubSpotCompany AcmeCompany() => Company(
        (CompanyProperties.Name, "Acme GmbH"),
        (CompanyProperties.Domain, "acme.example"),
        (CompanyProperties.Website, "www.acme.example/de/home"),
        (CompanyProperties.Industry, "COMPUTER_SOFTWARE"),
        (CompanyProperties.Country, "Germany"),
        (CompanyProperties.City, "Berlin"),
        (CompanyProperties.State, "Berlin"),
        (CompanyProperties.Zip, "10115"),
        (CompanyProperties.Address, "Invalidenstraße 1"));

    public static HubSpotContact AcmeContact() => Contact(701,
        (ContactProperties.Email, "Jana.Schmidt@Acme.example"),
        (ContactProperties.FirstName, "Jana"),
        (ContactProperties.LastName, "Schmidt"),
        (ContactProperties.JobTitle, "Head of Data"),
        (ContactProperties.Phone, "030 1234567"));

    sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
