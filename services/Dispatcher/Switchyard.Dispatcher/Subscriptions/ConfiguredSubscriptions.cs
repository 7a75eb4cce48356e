using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Dispatcher.Storage;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>
/// Brings <c>Dispatcher:Subscriptions</c> into the store at start-up: new ones added, changed ones updated, removed
/// ones deleted. A subscription's health (disabled, failures) survives the restart that changes its URL or secrets.
/// </summary>
public sealed partial class ConfiguredSubscriptions(DispatcherDbContext db, SubscriptionCache cache, IOptions<DispatcherOptions> options, TimeProvider clock,
    ILogger<ConfiguredSubscriptions> logger)
{
    /// <summary>Makes the stored configuration subscriptions match the configuration.</summary>
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Subscriptions;
        var stored = await db.Subscriptions.Where(s => s.Source == SubscriptionSources.Configuration).ToDictionaryAsync(s => s.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var subscription in configured)
        {
            var url = string.IsNullOrWhiteSpace(subscription.Url) ? null : subscription.Url;
            var events = string.Join(' ', subscription.Events);
            var secrets = string.Join(' ', subscription.Secrets);
            if (stored.Remove(subscription.Id, out var record))
            {
                record.Url = url;
                record.Events = events;
                record.Secrets = secrets;
                record.Owner = subscription.Inbox;
                record.PreviousSecretsExpireAt = null;
                continue;
            }

            if (await db.Subscriptions.AnyAsync(s => s.Id == subscription.Id, cancellationToken))
            {
                LogIdTaken(logger, subscription.Id);
                continue;
            }

            db.Subscriptions.Add(new SubscriptionRecord
            {
                Id = subscription.Id,
                Source = SubscriptionSources.Configuration,
                Owner = subscription.Inbox,
                Url = url,
                Events = events,
                Secrets = secrets,
                Status = SubscriptionStatuses.Active,
                CreatedAt = now,
            });
        }

        db.Subscriptions.RemoveRange(stored.Values);
        await db.SaveChangesAsync(cancellationToken);
        cache.Invalidate();
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Dispatcher:Subscriptions has a subscription {SubscriptionId} whose id an API subscription already uses; it is left out: give it another id")]
    static partial void LogIdTaken(ILogger logger, string subscriptionId);
}
