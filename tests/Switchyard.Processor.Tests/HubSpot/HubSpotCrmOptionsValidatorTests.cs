using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Tests.HubSpot;

public class HubSpotCrmOptionsValidatorTests
{
    const string Token = "pat-na1-5e2f1c0a-7d41-4b7e-9a55-3f0c2d7e8b91";

    static IReadOnlyList<string> Problems(HubSpotCrmOptions options) =>
        new HubSpotCrmOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_with_a_token_pass()
    {
        var options = new HubSpotCrmOptions { AccessToken = Token };

        Problems(options).ShouldBeEmpty();
        options.ApiBaseUrl.ShouldBe(new Uri("https://api.hubapi.com"));
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        options.MaxContacts.ShouldBe(10);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_token_is_named_with_what_to_set(string? token) =>
        Problems(new HubSpotCrmOptions { AccessToken = token })
            .ShouldHaveSingleItem().ShouldStartWith("HubSpot:AccessToken is not set: set it to the access token of the HubSpot private app");

    [Theory]
    [InlineData(" " + Token)]
    [InlineData(Token + "\n")]
    [InlineData("pat-na1 5e2f")]
    public void A_token_with_spaces_or_line_breaks_is_refused_without_being_shown(string token)
    {
        var problem = Problems(new HubSpotCrmOptions { AccessToken = token }).ShouldHaveSingleItem();

        problem.ShouldStartWith("HubSpot:AccessToken contains spaces, line breaks or other control characters");
        problem.ShouldNotContain(token.Trim());
    }

    [Theory]
    [InlineData("ftp://api.hubapi.com")]
    [InlineData("/crm")]
    [InlineData("https://api.hubapi.com/?portal=1")]
    public void The_base_url_must_be_absolute_http_or_https(string url) =>
        Problems(new HubSpotCrmOptions { AccessToken = Token, ApiBaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) })
            .ShouldHaveSingleItem().ShouldBe("HubSpot:ApiBaseUrl must be an absolute http or https URL without query or fragment, e.g. https://api.hubapi.com/.");

    [Fact]
    public void An_emulators_base_url_with_a_path_passes() =>
        Problems(new HubSpotCrmOptions { AccessToken = Token, ApiBaseUrl = new Uri("http://127.0.0.1:5080/emulators/hubspot") }).ShouldBeEmpty();

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:05:01")]
    public void The_request_timeout_must_be_positive_and_at_most_five_minutes(string timeout) =>
        Problems(new HubSpotCrmOptions { AccessToken = Token, RequestTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) })
            .ShouldHaveSingleItem().ShouldBe($"HubSpot:RequestTimeout is {timeout}; it must be more than 0 and at most 5 minutes.");

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void MaxContacts_must_be_between_1_and_100(int maxContacts) =>
        Problems(new HubSpotCrmOptions { AccessToken = Token, MaxContacts = maxContacts })
            .ShouldHaveSingleItem().ShouldBe($"HubSpot:MaxContacts is {maxContacts}; it must be between 1 and 100.");

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Problems(new HubSpotCrmOptions { ApiBaseUrl = new Uri("/x", UriKind.Relative), RequestTimeout = TimeSpan.Zero, MaxContacts = 0 })
            .Count.ShouldBe(4);

    [Fact]
    public void The_registered_client_is_checked_at_start_up_from_the_HubSpot_section()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The receipt's keys of the same section do not disturb the client's.
            ["HubSpot:ClientSecret"] = "not-the-client's-business",
            ["HubSpot:MaxContacts"] = "500",
        });
        builder.AddHubSpotCrm();
        using var services = builder.Services.BuildServiceProvider();

        SwitchyardApplicationExtensions.FindConfigurationProblems(services).ShouldBe(
        [
            "HubSpot:AccessToken is not set: set it to the access token of the HubSpot private app the processor calls the CRM API as.",
            "HubSpot:MaxContacts is 500; it must be between 1 and 100.",
        ]);
    }
}
