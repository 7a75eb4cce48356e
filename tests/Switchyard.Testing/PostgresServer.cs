using System.Globalization;
using Npgsql;
using Xunit;

namespace Switchyard.Testing;

/// <summary>
/// The real PostgreSQL server that <c>build/postgres.sh start</c> runs, found through the <c>SWITCHYARD_POSTGRES_*</c>
/// variables it prints. Each test gets a database of its own, so tests never see each other's tables.
/// </summary>
public sealed class PostgresServer
{
    PostgresServer(string host, int port, string username, string password)
    {
        Host = host;
        Port = port;
        Username = username;
        Password = password;
        Admin = NpgsqlDataSource.Create(ConnectionStringFor("postgres"));
    }

    /// <summary>Server host.</summary>
    public string Host { get; }

    /// <summary>Server port.</summary>
    public int Port { get; }

    /// <summary>User name (a superuser of the test cluster).</summary>
    public string Username { get; }

    /// <summary>Password.</summary>
    public string Password { get; }

    /// <summary>Connections to the <c>postgres</c> database, for creating and dropping the test databases.</summary>
    internal NpgsqlDataSource Admin { get; }

    static readonly Lazy<PostgresServer?> Configured = new(() =>
    {
        var host = Environment.GetEnvironmentVariable("SWITCHYARD_POSTGRES_HOST");
        var port = Environment.GetEnvironmentVariable("SWITCHYARD_POSTGRES_PORT");
        var username = Environment.GetEnvironmentVariable("SWITCHYARD_POSTGRES_USERNAME");
        var password = Environment.GetEnvironmentVariable("SWITCHYARD_POSTGRES_PASSWORD");
        if (string.IsNullOrEmpty(host) || !int.TryParse(port, CultureInfo.InvariantCulture, out var number) ||
            string.IsNullOrEmpty(username) || password is null)
            return null;
        return new PostgresServer(host, number, username, password);
    });

    /// <summary>Whether the <c>SWITCHYARD_POSTGRES_*</c> variables point at a server.</summary>
    public static bool IsAvailable => Configured.Value is not null;

    /// <summary>
    /// The server, or a skipped test that says how to get one. <c>build/test.sh</c> always starts one, so the suite run
    /// by CI never skips these.
    /// </summary>
    public static PostgresServer Require()
    {
        Assert.SkipWhen(Configured.Value is null,
            "No PostgreSQL server: run the suite with build/test.sh, or start one with 'build/postgres.sh start' and " +
            "source build/.postgres/env before dotnet test.");
        return Configured.Value!;
    }

    /// <summary>
    /// Creates a fresh, empty database on the server (skipping the test when there is none, see <see cref="Require"/>),
    /// dropped when the returned object is disposed.
    /// </summary>
    /// <param name="purpose">A short word for the database's name, to recognise it in the server's log.</param>
    public static Task<PostgresDatabase> CreateDatabaseAsync(string purpose = "test") =>
        Require().CreateDatabaseOnServerAsync(purpose);

    async Task<PostgresDatabase> CreateDatabaseOnServerAsync(string purpose)
    {
        // Names are at most 63 bytes; lower case letters, digits and underscores need no care anywhere.
        var word = new string(purpose.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            .ToArray());
        var name = $"test_{word[..Math.Min(word.Length, 20)]}_{Guid.NewGuid():N}";
        await using (var create = Admin.CreateCommand($"CREATE DATABASE \"{name}\""))
            await create.ExecuteNonQueryAsync();
        return new PostgresDatabase(this, name);
    }

    internal string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = Host,
        Port = Port,
        Username = Username,
        Password = Password,
        Database = database,
    }.ConnectionString;
}

/// <summary>A database of the test server, dropped (with its connections) when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    readonly PostgresServer server;

    internal PostgresDatabase(PostgresServer server, string name)
    {
        this.server = server;
        Name = name;
        ConnectionString = server.ConnectionStringFor(name);
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>Connects to this database as the server's user: for Npgsql, or EF Core's <c>UseNpgsql</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>Drops the database, ending the connections that are still open to it.</summary>
    public async ValueTask DisposeAsync()
    {
        // Pooled idle connections would only be ended by the server; close them here, then FORCE ends the busy ones.
        using (var connection = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(connection);
        await using var drop = server.Admin.CreateCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
