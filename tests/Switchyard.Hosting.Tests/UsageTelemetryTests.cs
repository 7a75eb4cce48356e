using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Tests;

/// <summary>MassTransit's usage report to its authors is off unless the operator turns it on.</summary>
public class UsageTelemetryTests
{
    static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddSwitchyardModules(new ConventionsModule());
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public async Task MassTransit_reports_no_usage_by_default()
    {
        await using var provider = Build();

        provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.ShouldBeFalse();
    }

    [Fact]
    public async Task Bus_UsageTelemetry_turns_the_report_on()
    {
        await using var provider = Build(("Bus:UsageTelemetry", "true"));

        provider.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.ShouldBeTrue();
    }
}
