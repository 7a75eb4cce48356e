using MassTransit;
using Switchyard.Hosting.ErrorQueues;

namespace Switchyard.Hosting.Shutdown.InMemory;

/// <summary>
/// Puts an <see cref="InMemoryShutdownGate"/> in front of every receive endpoint of the in-memory bus, and tells the
/// ledger what each endpoint consumes. MassTransit applies it to each endpoint it configures from the container
/// (<c>ConfigureEndpoints</c>), before it adds the endpoint's consumers.
/// </summary>
public sealed class GateInMemoryEndpoints(InMemoryShutdownLedger ledger) : IConfigureReceiveEndpoint
{
    /// <inheritdoc />
    public void Configure(string name, IReceiveEndpointConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        var queue = ErrorQueueNames.QueueNameOf(configurator.InputAddress?.ToString()) ?? name;
        configurator.ConfigureReceive(receive => receive.UseFilter(new InMemoryShutdownGate(ledger, queue)));
        ledger.Watch(queue, configurator);
    }
}

/// <summary>
/// The first step of an in-memory receive endpoint: once the bus is stopping, a message that arrives is dropped and
/// counted instead of consumed (the in-memory transport has no broker to give it back to), and a consumer cancelled
/// because the bus stopped counts its message as dropped rather than failing it.
/// </summary>
public sealed class InMemoryShutdownGate(InMemoryShutdownLedger ledger, string queue) : IFilter<ReceiveContext>
{
    /// <inheritdoc />
    public void Probe(ProbeContext context) => context.CreateFilterScope("inMemoryShutdownGate");

    /// <inheritdoc />
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        var messageId = context.GetMessageId();
        ledger.Arrived(messageId, queue);
        if (ledger.IsStopping)
        {
            ledger.Lost(messageId, queue, InMemoryShutdownLedger.Loss.Queued);
            return;
        }

        try
        {
            await next.Send(context);
        }
        catch (OperationCanceledException) when (ledger.IsStopping && context.CancellationToken.IsCancellationRequested)
        {
            // Cancelled by the stop (Shutdown:ConsumerStopTimeout): MassTransit neither retries nor faults it, and in
            // memory nothing would keep it; counted, and not reported once more as a transport fault.
            ledger.Lost(messageId, queue, InMemoryShutdownLedger.Loss.InProgress);
        }
    }
}
