namespace Switchyard.Processor.HubSpotEvents;

/// <summary>Puts <see cref="NoteCreatedConsumer"/> on the processor's queue for note creations.</summary>
public sealed class NoteCreatedConsumerDefinition() : HubSpotEventConsumerDefinition<NoteCreatedConsumer>(HubSpotEventKind.NoteCreated);
