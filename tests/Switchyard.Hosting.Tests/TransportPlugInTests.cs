using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting.Bus;

namespace Switchyard.Hosting.Tests;

/// <summary>
/// How a transport Hosting does not carry (Amazon SQS) plugs in: the host registers it, the start-up check accepts
/// the transport, the bus is put on it, and the services' queues get the transport's names.
/// </summary>
public class TransportPlugInTests
{
    static ServiceProvider Build(ISwitchyardBusTransport? transport, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        if (transport is not null)
            builder.Services.AddSwitchyardBusTransport(transport);
        builder.AddSwitchyardModules(new ConventionsModule());
        return builder.Services.BuildServiceProvider();
    }

    [Fact]
    public async Task A_plugged_in_transport_is_used_when_selected_and_its_queues_get_the_transports_names()
    {
        var transport = new StandInTransport();
        await using var provider = Build(transport,
            ("Bus:Transport", "AmazonSqs"), ("Bus:AmazonSqs:Region", "eu-west-1"), ("Bus:AmazonSqs:Scope", "staging"));

        transport.Used.ShouldBeTrue();
        SwitchyardApplicationExtensions.FindConfigurationProblems(provider).ShouldBeEmpty();
        var definition = provider.GetRequiredService<IConsumerDefinition<PoisonedConsumer>>();
        definition.GetEndpointName(provider.GetRequiredService<IEndpointNameFormatter>()).ShouldBe("staging_conventions");
        provider.QueueName("processor").ShouldBe("staging_processor.fifo");
    }

    [Fact]
    public async Task A_plugged_in_transport_stays_unused_when_another_is_selected()
    {
        var transport = new StandInTransport();
        await using var provider = Build(transport);

        transport.Used.ShouldBeFalse();
        SwitchyardApplicationExtensions.FindConfigurationProblems(provider).ShouldBeEmpty();
        var definition = provider.GetRequiredService<IConsumerDefinition<PoisonedConsumer>>();
        definition.GetEndpointName(provider.GetRequiredService<IEndpointNameFormatter>()).ShouldBe("conventions");
    }

    [Fact]
    public async Task Without_the_plug_in_selecting_its_transport_is_a_configuration_problem()
    {
        await using var provider = Build(null, ("Bus:Transport", "AmazonSqs"), ("Bus:AmazonSqs:Region", "eu-west-1"));

        SwitchyardApplicationExtensions.FindConfigurationProblems(provider).ShouldHaveSingleItem()
            .ShouldStartWith("Bus:Transport 'AmazonSqs' is not built into this version of Switchyard");
    }

    /// <summary>Stands in for the SQS transport: records that it was chosen and runs the bus in memory.</summary>
    sealed class StandInTransport : ISwitchyardBusTransport
    {
        public bool Used { get; private set; }

        public BusTransport Transport => BusTransport.AmazonSqs;

        public void UseFor(IBusRegistrationConfigurator bus)
        {
            Used = true;
            bus.UsingInMemory((context, configurator) => configurator.ConfigureEndpoints(context));
        }
    }
}
