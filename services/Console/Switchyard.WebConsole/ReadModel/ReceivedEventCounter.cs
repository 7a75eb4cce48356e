using MassTransit;
using Switchyard.Contracts.HubSpot;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>Counts the HubSpot events the receipt published, per minute, for the overview.</summary>
public sealed class ReceivedEventCounter(ConsoleDbContext db) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        // When the console saw it, not when it happened in HubSpot: a batch HubSpot retried an hour later was received now.
        await ActivityCounter.CountAsync(db, ActivityKinds.Received, context.SentTime is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : DateTimeOffset.UtcNow,
            context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
