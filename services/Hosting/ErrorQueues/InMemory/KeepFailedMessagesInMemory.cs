using MassTransit;
using MassTransit.Middleware;

namespace Switchyard.Hosting.ErrorQueues.InMemory;

/// <summary>
/// Gives every receive endpoint of the in-memory bus <see cref="InMemoryErrorQueues"/> as its error and dead-letter
/// transport, and records the endpoint's queue. MassTransit applies it to each endpoint it configures from the
/// container (<c>ConfigureEndpoints</c>), before the endpoint's consumers.
/// </summary>
public sealed class KeepFailedMessagesInMemory(InMemoryErrorQueues store) : IConfigureReceiveEndpoint
{
    /// <inheritdoc />
    public void Configure(string name, IReceiveEndpointConfigurator configurator)
    {
        ArgumentNullException.ThrowIfNull(configurator);

        // The address's last segment is the queue the transport reads; the endpoint's name is the same on this transport.
        var queue = ErrorQueueNames.QueueNameOf(configurator.InputAddress?.ToString()) ?? name;
        store.AddReceiveEndpoint(queue);

        // Fault<T> is still published first, exactly as MassTransit's own error transport does.
        configurator.ConfigureError(error =>
        {
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new KeepFaultedMessageFilter(store, queue));
        });
        configurator.ConfigureDeadLetter(deadLetter => deadLetter.UseFilter(new KeepSkippedMessageFilter(store, queue)));
    }
}
