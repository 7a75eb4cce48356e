using Amazon.DynamoDBv2;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Switchyard.AmazonSqs.Faults;

/// <summary>Recording fault details on every receive endpoint of a host on SQS.</summary>
public static class FaultRecordingRegistration
{
    /// <summary>
    /// Registers the fault store (the DynamoDB table of <c>Bus:AmazonSqs:FaultTable</c>) and puts the recorder in
    /// front of MassTransit's error pipe on every endpoint <c>ConfigureEndpoints</c> creates.
    /// </summary>
    public static IBusRegistrationConfigurator AddAmazonSqsFaultRecording(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<AmazonSqsAccess>();
        bus.TryAddSingleton<IFaultStore>(provider =>
        {
            var access = provider.GetRequiredService<AmazonSqsAccess>();
            var topology = access.Topology;
            return new DynamoDbFaultStore(new AmazonDynamoDBClient(access.Credentials, AwsClients.DynamoDbConfig(topology)),
                topology.FaultTable, topology.FaultRetention, topology.CreateFaultTable, provider.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        bus.TryAddSingleton(provider => new FaultRecordingFilter(
            provider.GetRequiredService<IFaultStore>(),
            provider.GetRequiredService<AmazonSqsAccess>().Topology,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.AmazonSqs.Faults")));

        bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.RecordFaults(context.GetRequiredService<FaultRecordingFilter>()));
        return bus;
    }
}
