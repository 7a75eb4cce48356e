namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="ContactPropertyChangedConsumer"/> on the processor's queue for <c>contact.propertyChange</c> events.</summary>
public sealed class ContactPropertyChangedConsumerDefinition() : HubSpotEventConsumerDefinition<ContactPropertyChangedConsumer>(HubSpotEventKind.ContactPropertyChanged);
