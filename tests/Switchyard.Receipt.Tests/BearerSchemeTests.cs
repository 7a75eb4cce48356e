using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

/// <summary>The bearer scheme (ASP.NET Core's JwtBearer) as the receipt configures it.</summary>
public class BearerSchemeTests
{
    const string Invoice = """{"type":"invoice.paid","source":"billing","payload":{"invoice":"INV-9"}}""";

    [Fact]
    public async Task Thirty_seconds_of_clock_skew_are_allowed_and_not_more()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        // JwtBearer's own default would be five minutes.
        using var lapsed = await receipt.PostEventAsync(Invoice, Tokens.Create(expires: DateTimeOffset.UtcNow.AddSeconds(-45)));
        using var withinSkew = await receipt.PostEventAsync(Invoice, Tokens.Create(expires: DateTimeOffset.UtcNow.AddSeconds(-5)));

        lapsed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReceiptUnderTest.JsonAsync(lapsed)).GetProperty("detail").GetString().ShouldBe("The bearer token has expired: request a new one from POST /token.");
        withinSkew.StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task It_never_looks_for_an_authority_even_when_configuration_names_one()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?>
        {
            // ASP.NET Core binds this section to the scheme by itself; an authority there would make it fetch metadata.
            ["Authentication:Schemes:Bearer:Authority"] = "https://login.invalid/",
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "someone-else",
        });

        using var accepted = await receipt.PostEventAsync(Invoice, await receipt.TokenAsync());
        using var otherAudience = await receipt.PostEventAsync(Invoice, Tokens.Create(audience: "someone-else"));

        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        otherAudience.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var options = receipt.Host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        options.Authority.ShouldBeNull();
        options.ConfigurationManager.ShouldBeNull();
        options.Configuration.ShouldBeNull();
    }
}

/// <summary>What the bearer scheme writes to the logs: standard output, read in the collection that runs alone.</summary>
[Collection(ConsoleCapture.Collection)]
public class BearerSchemeLogTests
{
    [Fact]
    public async Task Bearer_tokens_it_did_not_issue_on_anonymous_endpoints_log_nothing_even_with_ASP_NET_Core_logs_turned_up()
    {
        using var console = new ConsoleCapture();
        HttpStatusCode emulatorStyle, refused;
        await using (var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = "json",
            ["Serilog:MinimumLevel:Default"] = "Information",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Information",
        }))
        {
            // As the local run's HubSpot emulator is called: with HubSpot's token, which is no token of ours.
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("health/live", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "pat-emulator-local-token");
            using (var response = await receipt.Client.SendAsync(request, TestContext.Current.CancellationToken))
                emulatorStyle = response.StatusCode;
            using (var response = await receipt.PostEventAsync(Invoice, "not.a.token"))
                refused = response.StatusCode;
        }

        emulatorStyle.ShouldBe(HttpStatusCode.OK);
        refused.ShouldBe(HttpStatusCode.Unauthorized);
        var sources = console.JsonLines
            .Where(line => line.TryGetProperty("Service", out var service) && service.GetString() == "receipt")
            .Select(line => line.TryGetProperty("SourceContext", out var source) ? source.GetString()! : "").ToList();
        sources.ShouldContain(source => source.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal), "ASP.NET Core's logs are on");
        sources.ShouldNotContain(typeof(JwtBearerHandler).FullName!);
    }

    const string Invoice = """{"type":"invoice.paid","source":"billing","payload":{"invoice":"INV-9"}}""";
}
