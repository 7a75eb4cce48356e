using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Switchyard.Dispatcher.Storage;

/// <summary>
/// Sets each SQLite connection up for a write per delivery attempt: with write-ahead logging, <c>synchronous=NORMAL</c>
/// syncs the log at checkpoints instead of at every commit, which keeps the database consistent after a crash and may
/// lose only the last attempts' log lines after a power cut. The messages themselves are the broker's to keep.
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
