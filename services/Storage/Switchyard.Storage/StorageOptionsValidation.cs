using Microsoft.Data.Sqlite;

namespace Switchyard.Storage;

/// <summary>The start-up check of a <see cref="StorageOptions"/> section, for the service's own options validator.</summary>
public static class StorageOptionsValidation
{
    /// <summary>
    /// Adds one sentence per problem of <paramref name="storage"/> to <paramref name="failures"/>, naming the keys under
    /// <paramref name="key"/> (e.g. <c>Dispatcher:Storage</c>) and, for SQLite, <paramref name="exampleFile"/> as the
    /// example (e.g. <c>data/dispatcher.db</c>). Never quotes a connection string: a PostgreSQL one holds a password.
    /// </summary>
    public static void Validate(StorageOptions storage, string key, string exampleFile, ICollection<string> failures)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(failures);
        if (!storage.IsSqlite && !storage.IsPostgreSql)
            failures.Add($"{key}:Provider is '{storage.Provider}'; use {StorageProviders.Sqlite} (an embedded file) or {StorageProviders.PostgreSql}.");
        else if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            failures.Add($"{key}:ConnectionString is empty" + (storage.IsSqlite ? $": give the database file, e.g. Data Source={exampleFile}." : ": give the PostgreSQL connection string."));
        else if (storage.IsSqlite && !IsSqliteConnectionString(storage.ConnectionString))
            failures.Add($"{key}:ConnectionString is not a SQLite connection string; it should look like Data Source={exampleFile}.");
    }

    static bool IsSqliteConnectionString(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString).DataSource.Length > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
