namespace Switchyard.Storage;

/// <summary>
/// A service's <c>Storage</c> section (e.g. <c>Dispatcher:Storage</c>, <c>Processor:Storage</c>): where its state is
/// kept. The service gives the default connection string.
/// </summary>
public sealed class StorageOptions
{
    /// <summary><c>Sqlite</c> (default: an embedded file) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// The provider's connection string. For SQLite, e.g. <c>Data Source=data/dispatcher.db</c> (relative paths are
    /// under the content root); never logged, since a PostgreSQL one holds a password.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Whether <see cref="Provider"/> names PostgreSQL (any case).</summary>
    public bool IsPostgreSql => string.Equals(Provider, StorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Provider"/> names SQLite (any case).</summary>
    public bool IsSqlite => string.Equals(Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The storage providers a <c>Storage:Provider</c> setting names.</summary>
public static class StorageProviders
{
    /// <summary>An embedded SQLite file: one instance of the service (or several on one machine sharing the file).</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>A PostgreSQL database: any number of instances.</summary>
    public const string PostgreSql = "PostgreSql";
}
