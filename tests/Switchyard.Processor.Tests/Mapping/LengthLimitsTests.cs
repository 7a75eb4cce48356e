using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Mapping;

public class LengthLimitsTests
{
    // Every string Switchyard sends, by path (list items as []), with Partner Central's maximum.
    static readonly Dictionary<string, int> Limits = new()
    {
        ["ClientToken"] = 64,
        ["PartnerOpportunityIdentifier"] = PartnerCentralLimits.PartnerOpportunityIdentifier,
        ["Customer.Account.CompanyName"] = PartnerCentralLimits.CompanyName,
        ["Customer.Account.OtherIndustry"] = PartnerCentralLimits.OtherIndustry,
        ["Customer.Account.WebsiteUrl"] = PartnerCentralLimits.WebsiteUrl,
        ["Customer.Account.Address.City"] = PartnerCentralLimits.City,
        ["Customer.Account.Address.PostalCode"] = PartnerCentralLimits.PostalCode,
        ["Customer.Account.Address.StateOrRegion"] = PartnerCentralLimits.StateOrRegion,
        ["Customer.Account.Address.StreetAddress"] = PartnerCentralLimits.StreetAddress,
        ["Customer.Contacts[].Email"] = PartnerCentralLimits.Email,
        ["Customer.Contacts[].FirstName"] = PartnerCentralLimits.PersonName,
        ["Customer.Contacts[].LastName"] = PartnerCentralLimits.PersonName,
        ["Customer.Contacts[].BusinessTitle"] = PartnerCentralLimits.BusinessTitle,
        ["Customer.Contacts[].Phone"] = 16,
        ["LifeCycle.NextSteps"] = PartnerCentralLimits.NextSteps,
        ["Project.Title"] = PartnerCentralLimits.Title,
        ["Project.CustomerBusinessProblem"] = PartnerCentralLimits.BusinessProblem,
    };

    static string Long(string start, int length) => (start + new string('x', length)).Insert(length / 2, "😀")[..length];

    static HubSpotDeal LongDeal() => MappingFixtures.Deal(long.MaxValue,
        (DealProperties.Name, Long("Deal ", 5000) + " #AWS"),
        (DealProperties.Description, Long("Problem ", 50_000)),
        (DealProperties.Stage, Long("stage", 500)),
        (DealProperties.CloseDate, Long("2025", 500)),
        (DealProperties.Amount, "9" + new string('9', 40)),
        (DealProperties.Currency, Long("USD", 300)),
        (DealProperties.DealType, Long("renewal", 300)),
        (DealProperties.DeliveryModels, string.Join(';', Enumerable.Repeat("Resell", 500)) + ";" + Long("x", 1000)),
        (DealProperties.PrimaryNeeds, Long("need", 3000)),
        (DealProperties.UseCase, Long("case", 3000)));

    static HubSpotCompany LongCompany(string country) => MappingFixtures.Company(
        (CompanyProperties.Name, Long("Company ", 1000)),
        (CompanyProperties.Website, "https://" + string.Join('.', Enumerable.Repeat(new string('w', 60), 6)) + ".com"),
        (CompanyProperties.Domain, Long("domain", 400) + ".com"),
        (CompanyProperties.Industry, Long("UNKNOWN_INDUSTRY_", 2000)),
        (CompanyProperties.Country, country),
        (CompanyProperties.City, Long("City ", 1000)),
        (CompanyProperties.State, Long("State ", 1000)),
        (CompanyProperties.Zip, Long("12345-", 100)),
        (CompanyProperties.Address, Long("Street ", 1000)));

    static HubSpotContact LongContact() => MappingFixtures.Contact(1,
        (ContactProperties.Email, Long("someone", 200) + "@example.com"),
        (ContactProperties.FirstName, Long("First ", 500)),
        (ContactProperties.LastName, Long("Last ", 500)),
        (ContactProperties.JobTitle, Long("Title ", 500)),
        (ContactProperties.Phone, "+" + new string('4', 60)),
        (ContactProperties.MobilePhone, Long("+44 ", 500)));

    [Theory]
    [InlineData("DE")]
    [InlineData("US")]
    public void Every_created_field_fits_Partner_Centrals_limits(string country)
    {
        var request = MappingFixtures.Mapper().MapCreate(LongDeal(), LongCompany(country), [LongContact(), LongContact()], new string('t', 64));

        var node = JsonSerializer.SerializeToNode(request)!;
        var strings = Strings(node, "").ToList();

        strings.ShouldNotBeEmpty();
        foreach (var (path, value) in strings)
        {
            if (Limits.TryGetValue(path, out var max))
                TextLimits.Length(value).ShouldBeLessThanOrEqualTo(max, path);
        }

        TextLimits.Length(request.Project!.Title!).ShouldBe(PartnerCentralLimits.Title);
        TextLimits.Length(request.Project.CustomerBusinessProblem!).ShouldBe(PartnerCentralLimits.BusinessProblem);
        TextLimits.Length(request.Customer!.Account!.CompanyName!).ShouldBe(PartnerCentralLimits.CompanyName);
        TextLimits.Length(request.Customer.Account.OtherIndustry!).ShouldBe(PartnerCentralLimits.OtherIndustry);
        TextLimits.Length(request.Customer.Account.Address!.City!).ShouldBe(PartnerCentralLimits.City);
        TextLimits.Length(request.Customer.Account.Address.StreetAddress!).ShouldBe(PartnerCentralLimits.StreetAddress);
        var contact = request.Customer.Contacts![0];
        TextLimits.Length(contact.FirstName!).ShouldBe(PartnerCentralLimits.PersonName);
        TextLimits.Length(contact.LastName!).ShouldBe(PartnerCentralLimits.PersonName);
        TextLimits.Length(contact.BusinessTitle!).ShouldBe(PartnerCentralLimits.BusinessTitle);
    }

    [Fact]
    public void Text_of_emoji_is_cut_at_the_limit_in_code_points_not_at_half_of_it()
    {
        static string Emoji(int count) => string.Concat(Enumerable.Repeat("😀", count));
        var deal = MappingFixtures.Deal(7, (DealProperties.Name, Emoji(400) + " #AWS"), (DealProperties.Description, Emoji(3000)));
        var company = MappingFixtures.Company((CompanyProperties.Name, Emoji(200)), (CompanyProperties.City, Emoji(300)));

        var request = MappingFixtures.Mapper().MapCreate(deal, company, [], "t");

        TextLimits.Length(request.Project!.Title!).ShouldBe(PartnerCentralLimits.Title);
        request.Project.Title!.Length.ShouldBe(2 * PartnerCentralLimits.Title);
        TextLimits.Length(request.Project.CustomerBusinessProblem!).ShouldBe(PartnerCentralLimits.BusinessProblem);
        request.Project.CustomerBusinessProblem.ShouldEndWith("😀…");
        TextLimits.Length(request.Customer!.Account!.CompanyName!).ShouldBe(PartnerCentralLimits.CompanyName);
        TextLimits.Length(request.Customer.Account.Address!.City!).ShouldBe(PartnerCentralLimits.City);
    }

    [Fact]
    public void Values_that_cannot_be_shortened_are_left_out_rather_than_cut()
    {
        var request = MappingFixtures.Mapper().MapCreate(LongDeal(), LongCompany("DE"), [LongContact()], "t");

        request.Customer!.Account!.WebsiteUrl.ShouldBeNull();
        request.Customer.Account.Address!.PostalCode.ShouldBeNull();
        request.Customer.Contacts![0].Email.ShouldBeNull();
        request.Customer.Contacts[0].Phone.ShouldBeNull();
        request.Project!.ExpectedCustomerSpend.ShouldBeNull();
    }

    [Fact]
    public void A_US_state_that_is_no_state_is_left_out() =>
        MappingFixtures.Mapper().MapCreate(LongDeal(), LongCompany("US"), [], "t")
            .Customer!.Account!.Address!.StateOrRegion.ShouldBeNull();

    [Fact]
    public void Every_updated_field_fits_Partner_Centrals_limits()
    {
        var current = new OpportunityDocument(JsonNode.Parse("""{"Id":"O1","LastModifiedDate":"2025-06-01T00:00:00Z","Project":{"Title":"T"}}""")!.AsObject());

        var body = MappingFixtures.Mapper().MapUpdate(current, LongDeal(), LongCompany("DE"), [LongContact()], Long("Next ", 10_000));

        foreach (var (path, value) in Strings(body, ""))
        {
            if (Limits.TryGetValue(path, out var max))
                TextLimits.Length(value).ShouldBeLessThanOrEqualTo(max, path);
        }

        TextLimits.Length((string)body["LifeCycle"]!["NextSteps"]!).ShouldBe(PartnerCentralLimits.NextSteps);
    }

    static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                    foreach (var item in Strings(child, path.Length == 0 ? name : $"{path}.{name}"))
                        yield return item;
                break;
            case JsonArray array:
                foreach (var child in array)
                    foreach (var item in Strings(child, path + "[]"))
                        yield return item;
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }
}
