using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchyard.Storage;

/// <summary>
/// Sets each SQLite connection up for many small writes (a delivery attempt, a Partner Central write): with write-ahead
/// logging, <c>synchronous=NORMAL</c> syncs the log at checkpoints instead of at every commit, which keeps the database
/// consistent after a crash and may lose only the last moment's rows after a power cut. The messages themselves are the
/// broker's to keep. A busy timeout lets processes that share the file wait for each other's writes.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
