using Microsoft.Extensions.Options;

namespace Switchyard.Dispatcher.Subscriptions;

/// <summary>The subscriptions of <c>Dispatcher:Subscriptions</c>, following configuration reloads.</summary>
public sealed class ConfiguredSubscriptionStore(IOptionsMonitor<DispatcherOptions> options) : ISubscriptionStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Subscription>> FindMatchingAsync(string eventType, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<Subscription>>(All().Where(s => s.Matches(eventType)).ToList());

    /// <inheritdoc />
    public ValueTask<Subscription?> FindAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(All().FirstOrDefault(s => s.Id == id));

    IEnumerable<Subscription> All() => options.CurrentValue.Subscriptions
        .Select(s => new Subscription(s.Id, new Uri(s.Url, UriKind.Absolute), s.Events));
}
