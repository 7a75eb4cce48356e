using MassTransit;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Processor;

/// <summary>
/// Message ids for outcome events, derived from the id of the message that caused them: when HubSpot redelivers an
/// event (same message id from the receipt), its outcome gets the same id again, and so does every webhook the
/// dispatcher makes of it, which lets subscribers deduplicate end to end.
/// </summary>
public static class OutcomeIds
{
    static readonly Guid Namespace = new("8c2e5a91-3f7d-4b06-b1e4-9a6d2c7f0e35");

    /// <summary>
    /// Sets the outgoing message's id from the consumed message's id and <paramref name="outcome"/> (for example the
    /// event type and, when one message has several outcomes, what tells them apart).
    /// </summary>
    public static void DeriveFrom(this SendContext outgoing, ConsumeContext source, string outcome)
    {
        if (source.MessageId is { } sourceId)
            outgoing.MessageId = NameBasedGuid.Create(Namespace, $"{sourceId:N}/{outcome}");
    }
}
