using System.Text.RegularExpressions;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class PhoneNumbersTests
{
    // Partner Central's PhoneNumber pattern.
    static readonly Regex E164 = new(@"^\+[1-9]\d{1,14}$");

    [Theory]
    [InlineData("+1 (415) 555-0100", null, "+14155550100")]
    [InlineData("+1.415.555.0100", null, "+14155550100")]
    [InlineData("  +61 2 9876 5432  ", null, "+61298765432")]
    [InlineData("+44 (0)20 7946 0958", null, "+442079460958")]
    [InlineData("0044 20 7946 0958", null, "+442079460958")]
    [InlineData("+49 30 1234567", "US", "+49301234567")]
    [InlineData("(415) 555-0100", "US", "+14155550100")]
    [InlineData("415-555-0100", "United States", "+14155550100")]
    [InlineData("1-415-555-0100", "USA", "+14155550100")]
    [InlineData("(604) 555-0199", "Canada", "+16045550199")]
    [InlineData("415.555.0100 ext. 12", "US", "+14155550100")]
    [InlineData("+1 415 555 0100 x12", null, "+14155550100")]
    [InlineData("+1 415 555 0100 #12", null, "+14155550100")]
    [InlineData("030 1234567", "DE", "+49301234567")]
    [InlineData("030/1234567", "Germany", "+49301234567")]
    [InlineData("020 7946 0958", "UK", "+442079460958")]
    [InlineData("01 23 45 67 89", "France", "+33123456789")]
    [InlineData("06 1234 5678", "IT", "+390612345678")]
    [InlineData("8 (495) 123-45-67", "RU", "+74951234567")]
    [InlineData("06 1 234 5678", "HU", "+3612345678")]
    [InlineData("9876 5432", "SG", "+6598765432")]
    public void A_number_is_normalised_to_E164(string number, string? country, string expected)
    {
        var e164 = PhoneNumbers.ToE164(number, country);

        e164.ShouldBe(expected);
        E164.IsMatch(e164!).ShouldBeTrue();
    }

    [Theory]
    [InlineData("(415) 555-0100", null)]
    [InlineData("(415) 555-0100", "Atlantis")]
    [InlineData("030 1234567", "Bouvet Island")]
    [InlineData("555-0100", "US")]
    [InlineData("1-800-FLOWERS", "US")]
    [InlineData("call me", "US")]
    [InlineData("", "US")]
    [InlineData(null, "US")]
    [InlineData("+0 123 4567", null)]
    [InlineData("+1234567890123456", null)]
    [InlineData("+12345", null)]
    [InlineData("x123", "US")]
    public void A_number_without_an_inferable_country_code_or_E164_shape_is_left_out(string? number, string? country) =>
        PhoneNumbers.ToE164(number, country).ShouldBeNull();

    [Fact]
    public void A_contacts_number_is_read_in_the_companys_country()
    {
        var company = MappingFixtures.Company((CompanyProperties.Name, "Acme"), (CompanyProperties.Country, "Germany"));
        var contact = MappingFixtures.Contact(1, (ContactProperties.Phone, "030 1234567"));

        var request = MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(), company, [contact], "t");

        request.Customer!.Contacts!.ShouldHaveSingleItem().Phone.ShouldBe("+49301234567");
    }

    [Fact]
    public void Without_a_company_country_the_configured_default_country_is_used()
    {
        var contact = MappingFixtures.Contact(1, (ContactProperties.Email, "a@b.example"), (ContactProperties.Phone, "(415) 555-0100"));

        MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(), null, [contact], "t")
            .Customer!.Contacts!.ShouldHaveSingleItem().Phone.ShouldBeNull();
        MappingFixtures.Mapper(o => o.DefaultPhoneCountry = "US").MapCreate(MappingFixtures.Deal(), null, [contact], "t")
            .Customer!.Contacts!.ShouldHaveSingleItem().Phone.ShouldBe("+14155550100");
    }

    [Fact]
    public void The_mobile_number_stands_in_for_a_missing_or_unusable_phone_number()
    {
        var contact = MappingFixtures.Contact(1,
            (ContactProperties.Email, "a@b.example"), (ContactProperties.Phone, "ask reception"), (ContactProperties.MobilePhone, "+44 7700 900123"));

        MappingFixtures.Mapper().MapCreate(MappingFixtures.Deal(), null, [contact], "t")
            .Customer!.Contacts!.ShouldHaveSingleItem().Phone.ShouldBe("+447700900123");
    }
}
