using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Switchyard.Storage;

/// <summary>Brings a service's database up to date at start-up.</summary>
public static class StorageSchema
{
    /// <summary>
    /// Creates the SQLite file's folder and turns write-ahead logging on (the setting stays with the file), then applies
    /// the pending migrations. Migrations take a lock, so instances starting together on one PostgreSQL database apply
    /// them once.
    /// </summary>
    public static async Task MigrateAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await PrepareSqliteAsync(db, cancellationToken);
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(file) || file.StartsWith(':') || file.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        // EF Core's SQLite migrator locks by inserting a row into __EFMigrationsLock and deleting it when done; a process
        // killed in between (a test run's timeout, an OOM kill, kill -9 during start-up) leaves the row, and every later
        // start waits for it until it gives up. An OS lock on a file beside the database is released with its process:
        // whoever holds it is the only one migrating, so a row it finds is a dead process's and can go.
        await using var migrationLock = await MigrationFileLock.AcquireAsync(file + ".migrations.lock", cancellationToken);
        await ClearAbandonedMigrationLockAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    static async Task ClearAbandonedMigrationLockAsync(DbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock';";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return;

            await using var clear = connection.CreateCommand();
            clear.CommandText = "DELETE FROM \"__EFMigrationsLock\";";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task PrepareSqliteAsync(DbContext db, CancellationToken cancellationToken)
    {
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(file) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);

        // Write-ahead logging lets readers go on while a writer writes.
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
