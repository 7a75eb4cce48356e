namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="UnhandledEventConsumer"/> on the processor's queue for the events no other consumer takes.</summary>
public sealed class UnhandledEventConsumerDefinition() : HubSpotEventConsumerDefinition<UnhandledEventConsumer>(HubSpotEventKind.Unhandled);
