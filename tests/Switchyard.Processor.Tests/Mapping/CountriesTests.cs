using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class CountriesTests
{
    [Theory]
    [InlineData("US", "US")]
    [InlineData("us", "US")]
    [InlineData("DE", "DE")]
    [InlineData(" gb ", "GB")]
    [InlineData("USA", "US")]
    [InlineData("GBR", "GB")]
    [InlineData("deu", "DE")]
    [InlineData("CHE", "CH")]
    [InlineData("AN", "AN")]
    public void Alpha_2_and_alpha_3_codes_are_read_in_any_case(string value, string expected) =>
        Countries.ToAlpha2(value).ShouldBe(expected);

    [Theory]
    [InlineData("United States", "US")]
    [InlineData("United States of America", "US")]
    [InlineData("U.S.A.", "US")]
    [InlineData("America", "US")]
    [InlineData("United Kingdom", "GB")]
    [InlineData("UK", "GB")]
    [InlineData("U.K.", "GB")]
    [InlineData("Great Britain", "GB")]
    [InlineData("England", "GB")]
    [InlineData("Scotland", "GB")]
    [InlineData("Germany", "DE")]
    [InlineData("Deutschland", "DE")]
    [InlineData("germany", "DE")]
    [InlineData("  France  ", "FR")]
    [InlineData("The Netherlands", "NL")]
    [InlineData("Holland", "NL")]
    [InlineData("Côte d’Ivoire", "CI")]
    [InlineData("Cote d'Ivoire", "CI")]
    [InlineData("Ivory Coast", "CI")]
    [InlineData("España", "ES")]
    [InlineData("Espana", "ES")]
    [InlineData("México", "MX")]
    [InlineData("Brasil", "BR")]
    [InlineData("Schweiz", "CH")]
    [InlineData("South Korea", "KR")]
    [InlineData("Korea, Republic of", "KR")]
    [InlineData("Korea", "KR")]
    [InlineData("Russian Federation", "RU")]
    [InlineData("Russia", "RU")]
    [InlineData("Türkiye", "TR")]
    [InlineData("Turkey", "TR")]
    [InlineData("Czech Republic", "CZ")]
    [InlineData("Czechia", "CZ")]
    [InlineData("Viet Nam", "VN")]
    [InlineData("UAE", "AE")]
    [InlineData("United Arab Emirates", "AE")]
    [InlineData("Hong Kong SAR", "HK")]
    [InlineData("Macau", "MO")]
    [InlineData("Taiwan", "TW")]
    [InlineData("People's Republic of China", "CN")]
    [InlineData("DR Congo", "CD")]
    [InlineData("Democratic Republic of the Congo", "CD")]
    [InlineData("Congo", "CG")]
    [InlineData("Republic of the Congo", "CG")]
    [InlineData("Bosnia & Herzegovina", "BA")]
    [InlineData("St. Kitts and Nevis", "KN")]
    [InlineData("Saint Kitts and Nevis", "KN")]
    [InlineData("The Gambia", "GM")]
    [InlineData("Burma", "MM")]
    [InlineData("Swaziland", "SZ")]
    [InlineData("North Macedonia", "MK")]
    [InlineData("Macedonia", "MK")]
    [InlineData("Cape Verde", "CV")]
    [InlineData("East Timor", "TL")]
    [InlineData("Vatican City", "VA")]
    [InlineData("Curaçao", "CW")]
    [InlineData("Åland Islands", "AX")]
    [InlineData("Réunion", "RE")]
    [InlineData("Virgin Islands, U.S.", "VI")]
    [InlineData("British Virgin Islands", "VG")]
    [InlineData("Republic of Ireland", "IE")]
    [InlineData("New Zealand", "NZ")]
    [InlineData("South Africa", "ZA")]
    [InlineData("Saudi Arabia", "SA")]
    [InlineData("India", "IN")]
    [InlineData("Japan", "JP")]
    [InlineData("Australia", "AU")]
    [InlineData("Canada", "CA")]
    [InlineData("Singapore", "SG")]
    public void Names_and_common_alternative_names_are_read(string value, string expected) =>
        Countries.ToAlpha2(value).ShouldBe(expected);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Atlantis")]
    [InlineData("XX")]
    [InlineData("ZZZ")]
    [InlineData("Europe")]
    [InlineData("Virgin Islands")]
    public void An_unknown_or_ambiguous_country_is_none(string? value) =>
        Countries.ToAlpha2(value).ShouldBeNull();

    [Theory]
    [InlineData("North Korea", "KP")]
    [InlineData("KP", "KP")]
    [InlineData("Kosovo", "XK")]
    [InlineData("XK", "XK")]
    public void A_country_Partner_Central_does_not_list_is_recognised_but_not_sent(string value, string alpha2)
    {
        Countries.Find(value)!.Alpha2.ShouldBe(alpha2);
        Countries.ToAlpha2(value).ShouldBeNull();
    }

    [Fact]
    public void The_table_covers_every_country_Partner_Central_lists()
    {
        foreach (var code in PartnerCentralValues.CountryCodes.Values)
            Countries.ToAlpha2(code).ShouldBe(code);
        Countries.All.Select(c => c.Alpha2).Except(PartnerCentralValues.CountryCodes.Values).ShouldBe(["KP", "XK"], ignoreOrder: true);
    }

    [Fact]
    public void Every_country_is_found_by_its_own_codes_and_names()
    {
        Countries.All.Select(c => c.Alpha3).ShouldBeUnique();
        foreach (var country in Countries.All)
        {
            Countries.Find(country.Alpha2).ShouldBe(country);
            Countries.Find(country.Alpha3).ShouldBe(country);
            foreach (var name in country.OtherNames.Prepend(country.Name))
                Countries.Find(name).ShouldBe(country, name);
        }
    }
}
