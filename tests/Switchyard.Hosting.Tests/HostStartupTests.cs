using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Switchyard.Testing;

namespace Switchyard.Hosting.Tests;

public class HostStartupTests
{
    [Fact]
    public async Task Liveness_and_readiness_report_healthy_once_the_bus_has_started()
    {
        await using var host = await SwitchyardTestHost.StartAsync([new ConventionsModule()]);

        using var live = await host.Client.GetAsync(new Uri("health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        using var ready = await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        report.GetProperty("status").GetString().ShouldBe("Healthy");
        report.GetProperty("checks").GetProperty("masstransit-bus").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Readiness_fails_while_the_broker_is_unreachable_but_the_process_stays_live()
    {
        await using var host = await SwitchyardTestHost.StartAsync([new ConventionsModule()], new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = "127.0.0.1",
            ["Bus:RabbitMq:Port"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, waitUntilReady: false);

        using var live = await host.Client.GetAsync(new Uri("health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        using var ready = await host.Client.GetAsync(new Uri("health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        live.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        report.GetProperty("checks").GetProperty("masstransit-bus").GetProperty("status").GetString().ShouldNotBe("Healthy");
    }

    [Fact]
    public void Mapping_a_host_with_invalid_configuration_lists_every_problem()
    {
        var app = Build(("Bus:Transport", "AmazonSqs"), ("Bus:Retry:Intervals:0", "-00:00:01"));

        var error = Should.Throw<InvalidConfigurationException>(() => app.MapSwitchyard());

        error.Problems.Count.ShouldBe(2);
        error.Problems.ShouldContain(p => p.StartsWith("Bus:Transport 'AmazonSqs'", StringComparison.Ordinal));
        error.Problems.ShouldContain(p => p.StartsWith("Bus:Retry:Intervals:0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_with_its_key()
    {
        var app = Build(("Bus:Transport", "RabbitMq"), ("Bus:RabbitMq:Port", "amqp"));

        var error = Should.Throw<InvalidConfigurationException>(() => app.MapSwitchyard());

        error.Problems.ShouldHaveSingleItem().ShouldContain("'Bus:RabbitMq:Port'");
    }

    [Fact]
    public async Task Running_a_host_with_invalid_configuration_exits_with_code_1_instead_of_starting()
    {
        var app = Build(("Bus:Transport", "AmazonSqs"));

        var exitCode = await app.RunSwitchyardAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
    }

    static WebApplication Build(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(SwitchyardTestHost.Defaults);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSwitchyard(new ConventionsModule());
        return builder.Build();
    }
}
