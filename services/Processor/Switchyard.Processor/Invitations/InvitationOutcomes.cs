using MassTransit;
using Switchyard.Hosting.Messaging;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Publishing the referral outcomes (<c>invitation.received</c>, <c>.accepted</c>, <c>.rejected</c>, <c>.expired</c>),
/// each with a message id derived from the invitation and what happened to it, not from the message that found out:
/// an event and a poll, or Switchyard's own answer and AWS's event of it, that both report one change give one id, so
/// the webhook-ids downstream are the same too.
/// </summary>
public static class InvitationOutcomes
{
    static readonly Guid Namespace = new("4f0c2b7e-9a31-4d55-8e62-1b7d3c9a0f84");

    /// <summary>The id of the outcome <paramref name="what"/> (e.g. <c>accepted</c>) of an invitation in a portal.</summary>
    public static Guid IdOf(long portalId, string invitationId, string what) =>
        NameBasedGuid.Create(Namespace, $"{portalId}/{invitationId}/{what}");

    /// <summary>Publishes <paramref name="outcome"/> through the consume's outbox, under <see cref="IdOf"/>.</summary>
    public static Task PublishAsync<T>(ConsumeContext context, T outcome, long portalId, string invitationId, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Publish(outcome, outgoing => outgoing.MessageId = IdOf(portalId, invitationId, what), context.CancellationToken);
    }
}
