using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpotEvents;

namespace Switchyard.Processor;

/// <summary>
/// Publishing the processor's outcome events, each with a message id derived from the message that caused it, so a
/// redelivered event produces the same outcome ids (and the same webhook-ids downstream); every skip is also logged
/// with its reason, since a skipped event leaves no other trace in HubSpot or Partner Central.
/// </summary>
public sealed partial class Outcomes(TimeProvider clock, ILogger<Outcomes> logger)
{
    /// <summary>The time outcomes carry.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Publishes (and logs) a <see cref="SyncSkipped"/> for a HubSpot event.</summary>
    public Task SkippedAsync(ConsumeContext<HubSpotEventReceived> context, string reason, string detail)
    {
        var message = context.Message;
        var skipped = new SyncSkipped
        {
            PortalId = message.PortalId,
            ObjectType = HubSpotObjectTypes.Of(message),
            ObjectId = message.ObjectId,
            SubscriptionType = message.SubscriptionType,
            Reason = reason,
            Detail = detail,
            OccurredAt = Now,
        };
        Log(skipped);
        return context.Publish(skipped, outgoing => outgoing.DeriveFrom(context, OutcomeEventTypes.SyncSkipped));
    }

    /// <summary>Publishes (and logs) <paramref name="skipped"/>, its id derived as in <see cref="PublishAsync{T}"/>.</summary>
    public Task SkippedAsync(ConsumeContext context, SyncSkipped skipped, string qualifier)
    {
        Log(skipped);
        return PublishAsync(context, skipped, qualifier);
    }

    /// <summary>
    /// Publishes (and logs) a <see cref="SyncSkipped"/> about deal <paramref name="dealId"/>, for a command rather than
    /// a HubSpot event; its id derived as in <see cref="PublishAsync{T}"/>.
    /// </summary>
    public Task DealSkippedAsync(ConsumeContext context, long portalId, long dealId, string subscriptionType, string reason, string detail, string qualifier) =>
        SkippedAsync(context, new SyncSkipped
        {
            PortalId = portalId,
            ObjectType = "deal",
            ObjectId = dealId,
            SubscriptionType = subscriptionType,
            Reason = reason,
            Detail = detail,
            OccurredAt = Now,
        }, qualifier);

    /// <summary>
    /// Publishes a <see cref="SyncFailed"/> about deal <paramref name="dealId"/> (the failure's own log line is the
    /// caller's, which knows what failed); its id derived as in <see cref="PublishAsync{T}"/>.
    /// </summary>
    public Task DealFailedAsync(ConsumeContext context, long portalId, long dealId, string subscriptionType, string? opportunityId,
        string reason, string detail, string qualifier) =>
        PublishAsync(context, new SyncFailed
        {
            PortalId = portalId,
            ObjectType = "deal",
            ObjectId = dealId,
            SubscriptionType = subscriptionType,
            DealId = dealId,
            OpportunityId = opportunityId,
            Reason = reason,
            Detail = detail,
            OccurredAt = Now,
        }, qualifier);

    /// <summary>Publishes <paramref name="outcome"/>, its id derived from the consumed message, the outcome type and <paramref name="qualifier"/>.</summary>
    public static Task PublishAsync<T>(ConsumeContext context, T outcome, string qualifier) where T : class =>
        context.Publish(outcome, outgoing => outgoing.DeriveFrom(context, $"{typeof(T).Name}/{qualifier}"));

    void Log(SyncSkipped skipped) =>
        LogSkipped(logger, skipped.SubscriptionType, skipped.ObjectType, skipped.ObjectId, skipped.PortalId, skipped.Reason, skipped.Detail);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Skipped {SubscriptionType} for {ObjectType} {ObjectId} in portal {PortalId}: {Reason}: {Detail}")]
    static partial void LogSkipped(ILogger logger, string subscriptionType, string objectType, long objectId, long portalId, string reason, string detail);
}
