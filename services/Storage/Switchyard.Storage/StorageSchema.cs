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
        if (db.Database.IsSqlite())
            await PrepareSqliteAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
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
