using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Hosting;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.PartnerCentral;

public class PartnerCentralOptionsTests
{
    const string Secret = "Sup3rSecret/ValueThatMustNotAppear0000001";

    static IReadOnlyList<string> Problems(PartnerCentralOptions options) =>
        new PartnerCentralOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void The_defaults_pass_and_use_the_default_credential_chain_against_us_east_1()
    {
        var options = new PartnerCentralOptions();

        Problems(options).ShouldBeEmpty();
        options.Catalog.ShouldBe("AWS");
        options.Region.ShouldBe("us-east-1");
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.EffectiveServiceUrl.ShouldBe(new Uri("https://partnercentral-selling.us-east-1.api.aws/"));
    }

    [Fact]
    public void A_complete_role_configuration_passes() =>
        Problems(new PartnerCentralOptions
        {
            Catalog = "Sandbox",
            AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            SecretAccessKey = Secret,
            RoleArn = "arn:aws:iam::123456789012:role/PartnerCentralSync",
            ExternalId = "switchyard-external-id",
            RoleSessionName = "switchyard-processor",
            ServiceUrl = new Uri("http://localhost:5080/emulators/partner-central"),
        }).ShouldBeEmpty();

    [Fact]
    public void A_service_url_without_a_trailing_slash_gets_one() =>
        new PartnerCentralOptions { ServiceUrl = new Uri("http://localhost:5080/emulators/partner-central") }
            .EffectiveServiceUrl.ShouldBe(new Uri("http://localhost:5080/emulators/partner-central/"));

    [Theory]
    [InlineData("aws")]
    [InlineData("Production")]
    [InlineData("")]
    public void A_catalog_other_than_AWS_or_Sandbox_is_refused(string catalog) =>
        Problems(new PartnerCentralOptions { Catalog = catalog }).ShouldHaveSingleItem()
            .ShouldBe($"PartnerCentral:Catalog '{catalog}' is not a catalog: use AWS for real opportunities or Sandbox for testing.");

    [Fact]
    public void Another_region_needs_a_service_url()
    {
        Problems(new PartnerCentralOptions { Region = "eu-west-1" }).ShouldHaveSingleItem()
            .ShouldBe("PartnerCentral:Region is 'eu-west-1', but Partner Central Selling runs only in us-east-1: use that, or set PartnerCentral:ServiceUrl.");
        Problems(new PartnerCentralOptions { Region = "eu-west-1", ServiceUrl = new Uri("http://localhost/") }).ShouldBeEmpty();
        Problems(new PartnerCentralOptions { Region = "US East" }).ShouldHaveSingleItem().ShouldStartWith("PartnerCentral:Region 'US East' is not a region name");
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("http://example.com/?x=1")]
    public void A_service_url_must_be_plain_http_or_https(string url) =>
        Problems(new PartnerCentralOptions { ServiceUrl = new Uri(url) }).ShouldHaveSingleItem().ShouldStartWith("PartnerCentral:ServiceUrl must be an absolute http or https URL");

    [Fact]
    public void A_relative_service_url_is_refused() =>
        Problems(new PartnerCentralOptions { ServiceUrl = new Uri("/emulators", UriKind.Relative) }).ShouldHaveSingleItem().ShouldStartWith("PartnerCentral:ServiceUrl");

    [Fact]
    public void Keys_come_in_pairs_and_no_message_quotes_a_secret()
    {
        var secretOnly = Problems(new PartnerCentralOptions { SecretAccessKey = Secret });
        var idOnly = Problems(new PartnerCentralOptions { AccessKeyId = "AKIAIOSFODNN7EXAMPLE" });
        var tokenOnly = Problems(new PartnerCentralOptions { SessionToken = Secret });
        var externalIdOnly = Problems(new PartnerCentralOptions { ExternalId = Secret });

        secretOnly.ShouldHaveSingleItem().ShouldBe("PartnerCentral:SecretAccessKey is set without PartnerCentral:AccessKeyId: set both, or neither to use the role or the default credential chain.");
        idOnly.ShouldHaveSingleItem().ShouldBe("PartnerCentral:AccessKeyId is set without PartnerCentral:SecretAccessKey: set both, or neither to use the role or the default credential chain.");
        tokenOnly.ShouldHaveSingleItem().ShouldStartWith("PartnerCentral:SessionToken is set without PartnerCentral:AccessKeyId and PartnerCentral:SecretAccessKey");
        externalIdOnly.ShouldHaveSingleItem().ShouldStartWith("PartnerCentral:ExternalId is set without PartnerCentral:RoleArn");
        foreach (var message in secretOnly.Concat(idOnly).Concat(tokenOnly).Concat(externalIdOnly))
            message.ShouldNotContain(Secret);
    }

    [Fact]
    public void An_access_key_id_must_look_like_one() =>
        Problems(new PartnerCentralOptions { AccessKeyId = "not a key", SecretAccessKey = Secret }).ShouldHaveSingleItem()
            .ShouldBe("PartnerCentral:AccessKeyId is not an access key id (16 to 128 letters and digits).");

    [Theory]
    [InlineData("PartnerCentralSync")]
    [InlineData("arn:aws:iam::12345:role/X")]
    [InlineData("arn:aws:iam::123456789012:user/Someone")]
    public void A_role_arn_must_be_an_IAM_role_ARN(string roleArn) =>
        Problems(new PartnerCentralOptions { RoleArn = roleArn }).ShouldHaveSingleItem()
            .ShouldBe($"PartnerCentral:RoleArn '{roleArn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/PartnerCentralSync.");

    [Fact]
    public void Role_session_names_and_external_ids_follow_STS_rules()
    {
        const string role = "arn:aws:iam::123456789012:role/PartnerCentralSync";

        Problems(new PartnerCentralOptions { RoleArn = role, RoleSessionName = "has spaces" }).ShouldHaveSingleItem()
            .ShouldStartWith("PartnerCentral:RoleSessionName 'has spaces' must be 2 to 64");
        Problems(new PartnerCentralOptions { RoleArn = role, ExternalId = "x" }).ShouldHaveSingleItem()
            .ShouldBe("PartnerCentral:ExternalId must be 2 to 1224 letters, digits and +=,.@:/- characters.");
        Problems(new PartnerCentralOptions { RoleSessionName = "switchyard" }).ShouldHaveSingleItem()
            .ShouldStartWith("PartnerCentral:RoleSessionName is set without PartnerCentral:RoleArn");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(301)]
    public void The_request_timeout_is_between_a_second_and_five_minutes(int seconds) =>
        Problems(new PartnerCentralOptions { RequestTimeout = TimeSpan.FromSeconds(seconds) }).ShouldHaveSingleItem()
            .ShouldBe($"PartnerCentral:RequestTimeout is {TimeSpan.FromSeconds(seconds)}; it must be between 1 second and 5 minutes.");

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Problems(new PartnerCentralOptions { Catalog = "x", Region = "", RequestTimeout = TimeSpan.Zero, SecretAccessKey = Secret }).Count.ShouldBe(4);

    [Fact]
    public void AddPartnerCentral_binds_the_section_and_checks_it_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCentral:Catalog"] = "Sandbox",
            ["PartnerCentral:RequestTimeout"] = "00:00:10",
            ["PartnerCentral:ServiceUrl"] = "http://127.0.0.1:5080/emulators/partner-central/",
        });
        builder.AddPartnerCentral();
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<PartnerCentralOptions>>().Value;

        SwitchyardApplicationExtensions.FindConfigurationProblems(host.Services).ShouldBeEmpty();
        options.Catalog.ShouldBe("Sandbox");
        options.RequestTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        options.ServiceUrl.ShouldBe(new Uri("http://127.0.0.1:5080/emulators/partner-central/"));
        host.Services.GetRequiredService<IPartnerCentralClient>().ShouldBeOfType<PartnerCentralClient>();
    }

    [Fact]
    public void AddPartnerCentral_reports_invalid_settings_as_configuration_problems()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PartnerCentral:Catalog"] = "Prod",
            ["PartnerCentral:SecretAccessKey"] = Secret,
        });
        builder.AddPartnerCentral();
        using var host = builder.Build();

        var problems = SwitchyardApplicationExtensions.FindConfigurationProblems(host.Services);

        problems.Count.ShouldBe(2);
        problems.ShouldAllBe(p => p.StartsWith("PartnerCentral:", StringComparison.Ordinal) && !p.Contains(Secret, StringComparison.Ordinal));
    }
}
