using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class IndustriesTests
{
    [Theory]
    [InlineData("COMPUTER_SOFTWARE", "Software and Internet")]
    [InlineData("INTERNET", "Software and Internet")]
    [InlineData("INFORMATION_TECHNOLOGY_AND_SERVICES", "Software and Internet")]
    [InlineData("COMPUTER_NETWORK_SECURITY", "Software and Internet")]
    [InlineData("COMPUTER_HARDWARE", "Computers and Electronics")]
    [InlineData("SEMICONDUCTORS", "Computers and Electronics")]
    [InlineData("ACCOUNTING", "Professional Services")]
    [InlineData("MANAGEMENT_CONSULTING", "Professional Services")]
    [InlineData("LAW_PRACTICE", "Professional Services")]
    [InlineData("STAFFING_AND_RECRUITING", "Professional Services")]
    [InlineData("BANKING", "Financial Services")]
    [InlineData("INSURANCE", "Financial Services")]
    [InlineData("VENTURE_CAPITAL_PRIVATE_EQUITY", "Financial Services")]
    [InlineData("HOSPITAL_HEALTH_CARE", "Healthcare")]
    [InlineData("MEDICAL_PRACTICE", "Healthcare")]
    [InlineData("PHARMACEUTICALS", "Life Sciences")]
    [InlineData("BIOTECHNOLOGY", "Life Sciences")]
    [InlineData("MEDICAL_DEVICES", "Life Sciences")]
    [InlineData("AVIATION_AEROSPACE", "Aerospace")]
    [InlineData("DEFENSE_SPACE", "Aerospace")]
    [InlineData("AIRLINES_AVIATION", "Travel")]
    [InlineData("LEISURE_TRAVEL_TOURISM", "Travel")]
    [InlineData("FARMING", "Agriculture")]
    [InlineData("DAIRY", "Agriculture")]
    [InlineData("AUTOMOTIVE", "Automotive")]
    [InlineData("CONSUMER_GOODS", "Consumer Goods")]
    [InlineData("FOOD_BEVERAGES", "Consumer Goods")]
    [InlineData("HIGHER_EDUCATION", "Education")]
    [InlineData("E_LEARNING", "Education")]
    [InlineData("OIL_ENERGY", "Energy - Oil and Gas")]
    [InlineData("UTILITIES", "Energy - Power and Utilities")]
    [InlineData("RENEWABLES_ENVIRONMENT", "Energy - Power and Utilities")]
    [InlineData("COMPUTER_GAMES", "Gaming")]
    [InlineData("GOVERNMENT_ADMINISTRATION", "Government")]
    [InlineData("MILITARY", "Government")]
    [InlineData("RESTAURANTS", "Hospitality")]
    [InlineData("HOSPITALITY", "Hospitality")]
    [InlineData("MACHINERY", "Manufacturing")]
    [InlineData("CHEMICALS", "Manufacturing")]
    [InlineData("MARKETING_AND_ADVERTISING", "Marketing and Advertising")]
    [InlineData("PUBLIC_RELATIONS_AND_COMMUNICATIONS", "Marketing and Advertising")]
    [InlineData("BROADCAST_MEDIA", "Media and Entertainment")]
    [InlineData("MOTION_PICTURES_AND_FILM", "Media and Entertainment")]
    [InlineData("MINING_METALS", "Mining")]
    [InlineData("NON_PROFIT_ORGANIZATION_MANAGEMENT", "Non-Profit Organization")]
    [InlineData("PHILANTHROPY", "Non-Profit Organization")]
    [InlineData("REAL_ESTATE", "Real Estate and Construction")]
    [InlineData("CONSTRUCTION", "Real Estate and Construction")]
    [InlineData("RETAIL", "Retail")]
    [InlineData("SUPERMARKETS", "Retail")]
    [InlineData("TELECOMMUNICATIONS", "Telecommunications")]
    [InlineData("WIRELESS", "Telecommunications")]
    [InlineData("LOGISTICS_AND_SUPPLY_CHAIN", "Transportation and Logistics")]
    [InlineData("WAREHOUSING", "Transportation and Logistics")]
    [InlineData("WHOLESALE", "Wholesale and Distribution")]
    [InlineData("IMPORT_AND_EXPORT", "Wholesale and Distribution")]
    public void A_HubSpot_industry_code_maps_to_its_Partner_Central_industry(string code, string industry) =>
        Industries.Map(code).ShouldBe(new MappedIndustry(industry, null));

    [Theory]
    [InlineData("computer_software")]
    [InlineData("Computer Software")]
    [InlineData("  COMPUTER_SOFTWARE  ")]
    [InlineData("Software and Internet")]
    [InlineData("software & internet")]
    public void Codes_labels_and_Partner_Central_names_are_read_in_any_case_and_spacing(string value) =>
        Industries.Map(value).ShouldBe(new MappedIndustry("Software and Internet", null));

    [Theory]
    [InlineData("Apparel & Fashion", "Consumer Goods")]
    [InlineData("Hospital & Health Care", "Healthcare")]
    [InlineData("Transportation/Trucking/Railroad", "Transportation and Logistics")]
    public void HubSpot_labels_with_punctuation_map_like_their_codes(string label, string industry) =>
        Industries.Map(label)!.Industry.ShouldBe(industry);

    [Theory]
    [InlineData("RESEARCH", "Research")]
    [InlineData("CONSUMER_SERVICES", "Consumer Services")]
    [InlineData("INDIVIDUAL_FAMILY_SERVICES", "Individual & Family Services")]
    [InlineData("NANOTECHNOLOGY", "Nanotechnology")]
    public void A_HubSpot_industry_without_a_clear_home_is_Other_with_HubSpots_label(string code, string words) =>
        Industries.Map(code).ShouldBe(new MappedIndustry("Other", words));

    [Theory]
    [InlineData("SPACE_TOURISM", "Space tourism")]
    [InlineData("QUANTUM_COMPUTING_2", "Quantum computing 2")]
    [InlineData("Artisanal widgets", "Artisanal widgets")]
    [InlineData("Other", "Other")]
    public void An_unknown_industry_falls_back_to_Other_with_the_value_in_words(string value, string words) =>
        Industries.Map(value).ShouldBe(new MappedIndustry("Other", words));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_industry_maps_to_none_rather_than_Other(string? value) =>
        Industries.Map(value).ShouldBeNull();

    [Fact]
    public void An_over_long_unknown_industry_fits_OtherIndustry() =>
        Industries.Map(new string('x', 1000))!.OtherIndustry!.Length.ShouldBe(PartnerCentralLimits.OtherIndustry);

    [Fact]
    public void Every_HubSpot_code_is_listed_once_and_maps_to_an_industry_Partner_Central_accepts()
    {
        Industries.HubSpotIndustries.Select(i => i.Code).ShouldBeUnique();
        Industries.HubSpotIndustries.Count.ShouldBeGreaterThan(145);
        foreach (var (code, _, industry) in Industries.HubSpotIndustries)
        {
            PartnerCentralValues.Industries.Values.ShouldContain(industry, code);
            var mapped = Industries.Map(code)!;
            mapped.Industry.ShouldBe(industry, code);
            (mapped.OtherIndustry is null).ShouldBe(industry != "Other", code);
        }
    }
}
