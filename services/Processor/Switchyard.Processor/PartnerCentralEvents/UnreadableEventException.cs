namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>
/// A message on the Partner Central event queue that is not an event Switchyard can read (no id, another source, no
/// catalog, an opportunity event without its opportunity). Retrying cannot help: it goes to the error queue at once,
/// with this reason, so an operator sees what arrived.
/// </summary>
public sealed class UnreadableEventException(string message) : Exception(message);
