using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>Puts <see cref="DeliveryFaultConsumer"/> on the dispatcher's event queue with the shared retry conventions.</summary>
public sealed class DeliveryFaultConsumerDefinition() : SwitchyardConsumerDefinition<DeliveryFaultConsumer>(DispatcherModule.EndpointName);
