using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="UnhandledEventConsumer"/> on the processor's queue with the shared retry conventions.</summary>
public sealed class UnhandledEventConsumerDefinition() : SwitchyardConsumerDefinition<UnhandledEventConsumer>(ProcessorModule.EndpointName);
