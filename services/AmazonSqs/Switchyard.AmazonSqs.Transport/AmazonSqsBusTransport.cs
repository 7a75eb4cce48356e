using System.Reflection;
using Amazon.SimpleNotificationService;
using Amazon.SQS;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.AmazonSqs.Faults;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs.Transport;

/// <summary>
/// Puts the bus on Amazon SQS and SNS (MassTransit's <c>UsingAmazonSqs</c>) as <c>Bus:AmazonSqs</c> describes it
/// (<see cref="AmazonSqsTopology"/>): the region or a service URL for SQS and SNS alike, the configured credentials,
/// scoped queue and topic names, FIFO queues and topics whose messages are grouped by their ordering key and
/// deduplicated by their id, delayed redelivery through SQS's message delay, and fault details recorded for the
/// operator.
/// </summary>
public sealed class AmazonSqsBusTransport : ISwitchyardBusTransport
{
    /// <summary>The assembly every Switchyard message type lives in, searched for the FIFO message types.</summary>
    const string ContractsAssembly = "Switchyard.Contracts";

    /// <inheritdoc />
    public BusTransport Transport => BusTransport.AmazonSqs;

    /// <inheritdoc />
    public void UseFor(IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.TryAddSingleton<AmazonSqsAccess>();
        bus.AddAmazonSqsFaultRecording();

        // FIFO queues (and their error queues, which copy the queue's attributes) also deduplicate on content, as the
        // topics do; the .fifo name makes MassTransit create them as FIFO.
        bus.AddConfigureEndpointsCallback((_, queueName, endpoint) =>
        {
            if (endpoint is IAmazonSqsReceiveEndpointConfigurator sqs && AmazonSqsTopology.IsFifoName(queueName))
                sqs.QueueAttributes[QueueAttributeName.ContentBasedDeduplication] = "true";
        });

        bus.UsingAmazonSqs(Configure);
    }

    static void Configure(IBusRegistrationContext context, IAmazonSqsBusFactoryConfigurator bus)
    {
        var access = context.GetRequiredService<AmazonSqsAccess>();
        var topology = access.Topology;

        bus.Host(topology.Region, host =>
        {
            host.Credentials(access.Credentials);
            // Each Config call replaces the configurator's default, which is what carries the region; both clients are
            // therefore given theirs, with the region or the service URL signed for the region.
            host.Config(AwsClients.SqsConfig(topology));
            host.Config(AwsClients.Apply(new AmazonSimpleNotificationServiceConfig(), topology, topology.SnsServiceUrl));
        });

        // MassTransit's per-instance queue (for responses), scoped like the rest so that the deployment's permissions,
        // which cover the scope's queues only, cover it too.
        bus.OverrideDefaultBusEndpointQueueName(BusEndpointQueueName(topology));

        // Queues get their scope from QueueNames (through the endpoint name formatter); topics get it here, and FIFO
        // topics their .fifo. MassTransit's own Scope only scopes topics, and with its own separator.
        bus.MessageTopology.SetEntityNameFormatter(new TopicNameFormatter(bus.MessageTopology.EntityNameFormatter, topology));
        foreach (var messageType in topology.FifoMessageTypes.Select(FindMessageType).OfType<Type>())
            bus.Publish(messageType, topic => topic.TopicAttributes["ContentBasedDeduplication"] = "true");

        var fifoKeys = new FifoKeysObserver(topology);
        bus.ConnectSendObserver(fifoKeys);
        bus.ConnectPublishObserver(fifoKeys);

        // SQS delays a message by up to 15 minutes itself: delayed redelivery needs no scheduler (longer waits are made
        // of hops by the consumer conventions, and FIFO queues take none).
        bus.UseDelayedMessageScheduler();

        bus.ConfigureEndpoints(context);
    }

    /// <summary>
    /// <c>&lt;scope&gt;_&lt;host&gt;_bus_&lt;unique id&gt;</c>, as MassTransit names it without a scope, within SQS's 80
    /// characters: the host name gives way first.
    /// </summary>
    static string BusEndpointQueueName(AmazonSqsTopology topology)
    {
        var unique = $"_bus_{NewId.NextGuid():N}";
        var host = new string(Environment.MachineName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
        var room = Math.Max(0, 80 - topology.NamePrefix.Length - unique.Length);
        return topology.NamePrefix + host[..Math.Min(host.Length, room)] + unique;
    }

    /// <summary>
    /// A configured FIFO message type, among the loaded assemblies and Switchyard's contracts; null when it is in
    /// neither, in which case its topic is still FIFO (by name), deduplicating by the id every message carries.
    /// </summary>
    static Type? FindMessageType(string fullName)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName, throwOnError: false)).FirstOrDefault(t => t is not null);
        if (loaded is not null)
            return loaded;
        try
        {
            return Assembly.Load(ContractsAssembly).GetType(fullName, throwOnError: false);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }
}
