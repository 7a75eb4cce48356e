namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="CompanyPropertyChangedConsumer"/> on the processor's queue for <c>company.propertyChange</c> events.</summary>
public sealed class CompanyPropertyChangedConsumerDefinition() : HubSpotEventConsumerDefinition<CompanyPropertyChangedConsumer>(HubSpotEventKind.CompanyPropertyChanged);
