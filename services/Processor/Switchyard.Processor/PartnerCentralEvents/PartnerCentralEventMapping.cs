// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Text.Json;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.PartnerCentralEvents;

/// <summary>
/// What an EventBridge event of the selling API means to Switchyard: a <see cref="PartnerCentralOpportunityChanged"/>,
/// a <see cref="PartnerCentralInvitationChanged"/>, or nothing (a detail-type Switchyard does not act on, or another
/// catalog). The shapes are those of "Notifications for the AWS Partner Central Selling API"
/// (docs.aws.amazon.com/partner-central/latest/selling-api/selling-api-events.html, "Example events"): opportunity
/// events carry <c>detail.catalog</c> and <c>detail.opportunity.identifier</c>; invitation events
/// <c>detail.catalog</c> and <c>detail.engagementInvitation.id</c>.
/// </summary>
public static class PartnerCentralEventMapping
{
    /// <summary>The result of <see cref="Map"/>: exactly one of the messages, or <see cref="Ignored"/> with why.</summary>
    /// <param name="Opportunity">The opportunity change to publish.</param>
    /// <param name="Invitation">The invitation change to publish.</param>
    /// <param name="Ignored">Why nothing is published: <c>ignored</c> or <c>other_catalog</c>.</param>
    public sealed record Mapped(PartnerCentralOpportunityChanged? Opportunity, PartnerCentralInvitationChanged? Invitation, string? Ignored);

    /// <summary>The result of an event Switchyard does not act on.</summary>
    public const string IgnoredDetailType = "ignored";

    /// <summary>The result of an event of another catalog.</summary>
    public const string OtherCatalog = "other_catalog";

    // An invitation event's status follows from its detail-type; the API spells statuses in capitals.
    static readonly Dictionary<string, string> InvitationStatuses = new(StringComparer.Ordinal)
    {
        [SellingApiEvents.EngagementInvitationCreated] = "PENDING",
        [SellingApiEvents.EngagementInvitationAccepted] = "ACCEPTED",
        [SellingApiEvents.EngagementInvitationRejected] = "REJECTED",
        [SellingApiEvents.EngagementInvitationExpired] = "EXPIRED",
    };

    /// <summary>Maps <paramref name="selling"/>, an event read from the queue, for the configured <paramref name="catalog"/>.</summary>
    /// <exception cref="UnreadableEventException">It is not a Partner Central Selling event Switchyard can read.</exception>
    public static Mapped Map(PartnerCentralEventBridgeEvent selling, string catalog)
    {
        ArgumentNullException.ThrowIfNull(selling);
        if (string.IsNullOrWhiteSpace(selling.Id))
            throw new UnreadableEventException("The message is not an EventBridge event: it has no 'id'.");
        if (selling.Source != SellingApiEvents.Source)
            throw new UnreadableEventException(
                $"Event {selling.Id} comes from '{selling.Source}', not {SellingApiEvents.Source}: the EventBridge rule sends events it should not.");
        if (string.IsNullOrWhiteSpace(selling.DetailType))
            throw new UnreadableEventException($"Event {selling.Id} has no 'detail-type'.");
        if (selling.Detail is not { ValueKind: JsonValueKind.Object } detail)
            throw new UnreadableEventException($"Event {selling.Id} ({selling.DetailType}) has no 'detail' object.");
        if (Text(detail, "catalog") is not { } eventCatalog)
            throw new UnreadableEventException($"Event {selling.Id} ({selling.DetailType}) has no 'detail.catalog'.");

        // Accepted and Rejected are listed by the EventBridge events reference (events-ref-partnercentral-selling.html)
        // without an example; they name the opportunity as the others do.
        var isOpportunity = selling.DetailType is SellingApiEvents.OpportunityCreated or SellingApiEvents.OpportunityUpdated
            or SellingApiEvents.OpportunityAccepted or SellingApiEvents.OpportunityRejected;
        var isInvitation = InvitationStatuses.ContainsKey(selling.DetailType);
        if (!isOpportunity && !isInvitation)
            return new Mapped(null, null, IgnoredDetailType);
        if (!string.Equals(eventCatalog, catalog, StringComparison.Ordinal))
            return new Mapped(null, null, OtherCatalog);

        var time = Time(selling);
        if (isOpportunity)
        {
            var opportunityId = Member(detail, "opportunity") is { } opportunity ? Text(opportunity, "identifier") : null;
            return new Mapped(new PartnerCentralOpportunityChanged
            {
                Catalog = eventCatalog,
                OpportunityId = opportunityId ?? throw new UnreadableEventException(
                    $"Event {selling.Id} ({selling.DetailType}) has no 'detail.opportunity.identifier'."),
                Change = selling.DetailType,
                Source = PartnerCentralChangeSources.EventBridge,
                EventId = selling.Id,
                OccurredAt = time,
            }, null, null);
        }

        var invitation = Member(detail, "engagementInvitation");
        var invitationId = invitation is { } body ? Text(body, "id") : null;
        return new Mapped(null, new PartnerCentralInvitationChanged
        {
            Catalog = eventCatalog,
            InvitationId = invitationId ?? throw new UnreadableEventException(
                $"Event {selling.Id} ({selling.DetailType}) has no 'detail.engagementInvitation.id'."),
            Change = selling.DetailType,
            Source = PartnerCentralChangeSources.EventBridge,
            Status = InvitationStatuses[selling.DetailType],
            ParticipantType = invitation is { } sides ? Text(sides, "participantType") : null,
            EventId = selling.Id,
            OccurredAt = time,
        }, null);
    }

    static DateTimeOffset Time(PartnerCentralEventBridgeEvent selling) =>
        IsoTimes.Parse(selling.Time)
            ?? throw new UnreadableEventException($"Event {selling.Id} ({selling.DetailType}) has no readable 'time' ('{selling.Time}').");

    static JsonElement? Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
