using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.FanOut;

/// <summary>Puts <see cref="EventFanOutConsumer"/> on the dispatcher's event queue with the shared retry conventions.</summary>
public sealed class EventFanOutConsumerDefinition() : SwitchyardConsumerDefinition<EventFanOutConsumer>(DispatcherModule.EndpointName)
{
    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry) => retry.Ignore<PayloadTooLargeException>();
}
