using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.Invitations;

/// <summary>How a seller's decision on a referral's deal reaches the write queue.</summary>
public static class InvitationAnswers
{
    /// <summary>
    /// The deal properties whose change may answer a referral: the decision, and the reason, since a rejection waits
    /// for one.
    /// </summary>
    public static bool MayAnswer(string? propertyName) =>
        propertyName is DealProperties.InvitationDecision or DealProperties.RejectionReason;

    /// <summary>
    /// Sends an <see cref="AnswerInvitation"/> for the deal of the event, its id derived from the event's, so a
    /// redelivered event asks for the same answer under the same id; the consumer reads the decision from the deal.
    /// </summary>
    public static async Task RequestInvitationAnswer(this ConsumeContext<HubSpotEventReceived> context, HubSpotDeal deal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(deal);
        var message = context.Message;
        var endpoint = await context.GetSendEndpoint(SyncRequests.AddressFor(context));
        await endpoint.Send(new AnswerInvitation
        {
            PortalId = message.PortalId,
            DealId = deal.Id,
            InvitationId = deal.Property(DealProperties.InvitationId),
            Trigger = message.PropertyName ?? DealProperties.InvitationDecision,
            EventId = message.EventId,
        }, outgoing => outgoing.DeriveFrom(context, $"answer/{deal.Id}"), context.CancellationToken);
    }
}
