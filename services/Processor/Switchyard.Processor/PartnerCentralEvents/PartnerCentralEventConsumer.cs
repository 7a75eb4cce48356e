using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Messaging;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>
/// Reads the raw EventBridge events of the Partner Central event queue and publishes what they say as typed messages
/// (<see cref="Contracts.PartnerCentral.PartnerCentralOpportunityChanged"/>,
/// <see cref="Contracts.PartnerCentral.PartnerCentralInvitationChanged"/>), the same messages polling publishes. Events
/// Switchyard does not act on are counted and logged at Debug; what it cannot read goes to the error queue with the
/// reason (<see cref="UnreadableEventException"/>).
/// </summary>
/// <remarks>
/// The published message's id comes from the event's id, so an event EventBridge or SQS delivers twice is one message
/// downstream. Events are best effort (missed, repeated, out of order); the consumers read Partner Central before acting.
/// </remarks>
public sealed partial class PartnerCentralEventConsumer(
    IOptions<PartnerCentralOptions> options,
    PartnerCentralEventMetrics metrics,
    ILogger<PartnerCentralEventConsumer> logger) : IConsumer<PartnerCentralEventBridgeEvent>
{
    static readonly Guid Namespace = new("5d0b7c3e-1a94-4f62-8e27-3c6f9b1d4a80");

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<PartnerCentralEventBridgeEvent> context)
    {
        var selling = context.Message;
        var mapped = PartnerCentralEventMapping.Map(selling, options.Value.Catalog);
        var messageId = NameBasedGuid.Create(Namespace, $"eventbridge/{selling.Id}");
        if (mapped.Opportunity is { } opportunity)
            await context.Publish(opportunity, outgoing => outgoing.MessageId = messageId, context.CancellationToken);
        else if (mapped.Invitation is { } invitation)
            await context.Publish(invitation, outgoing =>
            {
                outgoing.MessageId = messageId;
                // One invitation's reports in order, where the transport keeps order by key (SQS FIFO), as polling's are.
                outgoing.SetOrderingKey($"invitation/{invitation.InvitationId}");
            }, context.CancellationToken);
        else
            LogIgnored(logger, selling.Id!, selling.DetailType!, mapped.Ignored!);

        metrics.Count(selling.DetailType!, mapped.Ignored ?? "published");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partner Central event {EventId} ({DetailType}) {Result}: nothing to do")]
    static partial void LogIgnored(ILogger logger, string eventId, string detailType, string result);
}
