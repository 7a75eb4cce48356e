using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// Puts <see cref="DeliverWebhookConsumer"/> on its own queue, apart from the fan-out, so slow subscribers never delay
/// the turning of events into deliveries.
/// </summary>
public sealed class DeliverWebhookConsumerDefinition() : SwitchyardConsumerDefinition<DeliverWebhookConsumer>(DispatcherModule.DeliveryEndpointName);
