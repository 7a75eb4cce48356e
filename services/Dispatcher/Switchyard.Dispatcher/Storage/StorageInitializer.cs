using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Dispatcher.Subscriptions;

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

        if (db.Database.IsSqlite())
            await PrepareSqliteAsync(db, cancellationToken);

        // Migrations take a lock, so instances starting together on one PostgreSQL database apply them once.
        await db.Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ConfiguredSubscriptions>().SynchronizeAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    static async Task PrepareSqliteAsync(DispatcherDbContext db, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);

        // Write-ahead logging lets the API read while deliveries write; the setting stays with the file.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
