using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Storage;

namespace Switchyard.Dispatcher.Storage;

/// <summary>
/// Creates or migrates the schema and brings the configured subscriptions in, before the bus starts consuming (hosted
/// services start in order, and the module registers this one before the bus).
/// </summary>
public sealed class StorageInitializer(IServiceScopeFactory scopes) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DispatcherDbContext>();

        await StorageSchema.MigrateAsync(db, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ConfiguredSubscriptions>().SynchronizeAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
