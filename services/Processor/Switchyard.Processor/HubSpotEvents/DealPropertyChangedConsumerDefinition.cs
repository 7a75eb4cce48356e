namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="DealPropertyChangedConsumer"/> on the processor's queue for <c>deal.propertyChange</c> events.</summary>
public sealed class DealPropertyChangedConsumerDefinition() : HubSpotEventConsumerDefinition<DealPropertyChangedConsumer>(HubSpotEventKind.DealPropertyChanged);
