using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Mapping;

public class WebsitesTests
{
    [Theory]
    [InlineData("acme.com", null, "https://acme.com")]
    [InlineData("www.acme.com", null, "https://www.acme.com")]
    [InlineData("http://acme.com", null, "http://acme.com")]
    [InlineData("https://acme.com", null, "https://acme.com")]
    [InlineData("HTTPS://WWW.Acme.COM/about?x=1#top", null, "https://www.acme.com")]
    [InlineData("www.acme.com/de/home", null, "https://www.acme.com")]
    [InlineData("//acme.com", null, "https://acme.com")]
    [InlineData("acme.com.", null, "https://acme.com")]
    [InlineData("https://acme.com:8443/app", null, "https://acme.com:8443")]
    [InlineData("  acme.co.uk  ", null, "https://acme.co.uk")]
    [InlineData(null, "acme.com", "https://acme.com")]
    [InlineData("", "acme.com", "https://acme.com")]
    [InlineData("not a website", "acme.com", "https://acme.com")]
    [InlineData("ftp://files.acme.com", "acme.com", "https://acme.com")]
    public void The_website_gets_a_scheme_and_is_cut_to_the_sites_home(string? website, string? domain, string expected) =>
        Websites.ToWebsiteUrl(website, domain).ShouldBe(expected);

    [Theory]
    [InlineData(null, null)]
    [InlineData("localhost", null)]
    [InlineData("http://192.168.0.1", null)]
    [InlineData("ftp://files.acme.com", null)]
    [InlineData("acme", "intranet")]
    [InlineData("ac me.com", null)]
    public void A_value_that_is_no_web_address_gives_no_website(string? website, string? domain) =>
        Websites.ToWebsiteUrl(website, domain).ShouldBeNull();

    [Fact]
    public void An_internationalised_host_is_written_in_ASCII() =>
        Websites.ToWebsiteUrl("münchen.example", null).ShouldBe("https://xn--mnchen-3ya.example");

    [Fact]
    public void A_website_longer_than_Partner_Central_allows_gives_way_to_the_domain()
    {
        var longHost = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";

        Websites.ToWebsiteUrl(longHost, null).ShouldBeNull();
        Websites.ToWebsiteUrl(longHost, "acme.com").ShouldBe("https://acme.com");
    }

    [Fact]
    public void The_account_takes_the_website_before_the_domain()
    {
        var company = MappingFixtures.Company((CompanyProperties.Name, "Acme"), (CompanyProperties.Website, "http://www.acme.com"), (CompanyProperties.Domain, "acme.io"));

        Customers.Account(company)!.WebsiteUrl.ShouldBe("http://www.acme.com");
    }
}
