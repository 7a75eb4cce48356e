namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="DealCreatedConsumer"/> on the processor's queue for <c>deal.creation</c> events.</summary>
public sealed class DealCreatedConsumerDefinition() : HubSpotEventConsumerDefinition<DealCreatedConsumer>(HubSpotEventKind.DealCreated);
