using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// One EventBridge event the emulator produced, as AWS's documentation of the selling API's events shows it
/// (<see cref="Switchyard.PartnerCentral.Model.SellingApiEvents"/>).
/// </summary>
/// <param name="Id">The event's <c>id</c>.</param>
/// <param name="DetailType">Its <c>detail-type</c>, e.g. <c>Opportunity Updated</c>.</param>
/// <param name="Time">Its <c>time</c>.</param>
/// <param name="Json">The event exactly as EventBridge puts it in the body of an SQS message.</param>
public sealed record SellingApiEvent(Guid Id, string DetailType, DateTimeOffset Time, string Json)
{
    /// <summary>Whether the emulator dropped it (<see cref="PartnerCentralEmulatorEventOptions.DropEveryNth"/>, <see cref="PartnerCentralEmulator.DropNextEvents"/>): no sink received it.</summary>
    public bool Dropped { get; init; }

    /// <summary>The event parsed.</summary>
    public JsonObject Parse() => JsonNode.Parse(Json)!.AsObject();

    /// <summary>Its <c>detail</c>.</summary>
    public JsonObject Detail => Parse()["detail"]!.AsObject();

    /// <summary>The opportunity's identifier (<c>detail.opportunity.identifier</c>), or null for other events.</summary>
    public string? OpportunityId => (string?)Detail["opportunity"]?["identifier"];

    /// <summary>The invitation's id (<c>detail.engagementInvitation.id</c>), or null for other events.</summary>
    public string? InvitationId => (string?)Detail["engagementInvitation"]?["id"];
}

/// <summary>
/// Where the emulator's EventBridge events go: in production EventBridge sends them through a rule to an SQS queue.
/// Each sink receives every event the emulator does not drop, one at a time, in the order they happened.
/// </summary>
public interface IPartnerCentralEventSink
{
    /// <summary>Delivers one event; a failure is logged and the event is lost, as EventBridge delivers on a best-effort basis.</summary>
    Task SendAsync(SellingApiEvent selling, CancellationToken cancellationToken);
}

/// <summary>A sink that keeps every event it receives, for tests.</summary>
public sealed class PartnerCentralEventRecorder : IPartnerCentralEventSink
{
    readonly ConcurrentQueue<SellingApiEvent> _events = new();

    /// <summary>The events received so far, in order.</summary>
    public IReadOnlyList<SellingApiEvent> Events => _events.ToArray();

    /// <inheritdoc />
    public Task SendAsync(SellingApiEvent selling, CancellationToken cancellationToken)
    {
        _events.Enqueue(selling);
        return Task.CompletedTask;
    }
}
