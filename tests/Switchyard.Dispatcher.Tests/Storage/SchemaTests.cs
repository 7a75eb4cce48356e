using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchyard.Dispatcher.Storage;
using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests.Storage;

/// <summary>
/// The migrations are written by hand; these tests keep them and the model in step on both providers, by comparing a
/// migrated database with one the model creates by itself.
/// </summary>
public class SchemaTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static DispatcherDbContext Context(Action<DbContextOptionsBuilder<DispatcherDbContext>> provider)
    {
        var options = new DbContextOptionsBuilder<DispatcherDbContext>();
        provider(options);
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new DispatcherDbContext(options.Options);
    }

    [Fact]
    public async Task On_SQLite_the_migrations_create_the_schema_the_model_describes()
    {
        var migrated = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        var created = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(o => o.UseSqlite($"Data Source={migrated};Pooling=false")))
                await db.Database.MigrateAsync(Cancellation);
            await using (var db = Context(o => o.UseSqlite($"Data Source={created};Pooling=false")))
                await db.Database.EnsureCreatedAsync(Cancellation);

            var fromMigrations = await SqliteSchemaAsync(migrated);
            fromMigrations.ShouldContain(c => c.StartsWith("subscriptions.id ", StringComparison.Ordinal));
            fromMigrations.ShouldBe(await SqliteSchemaAsync(created));
        }
        finally
        {
            File.Delete(migrated);
            File.Delete(created);
        }
    }

    [Fact]
    public async Task On_PostgreSQL_the_migrations_create_the_schema_the_model_describes()
    {
        await using var migrated = await PostgresServer.CreateDatabaseAsync("migrated");
        await using var created = await PostgresServer.CreateDatabaseAsync("created");
        await using (var db = Context(o => o.UseNpgsql(migrated.ConnectionString)))
            await db.Database.MigrateAsync(Cancellation);
        await using (var db = Context(o => o.UseNpgsql(created.ConnectionString)))
            await db.Database.EnsureCreatedAsync(Cancellation);

        var fromMigrations = await PostgresSchemaAsync(migrated.ConnectionString);
        fromMigrations.ShouldContain("delivery_attempts.id bigint NO identity=BY DEFAULT");
        fromMigrations.ShouldBe(await PostgresSchemaAsync(created.ConnectionString));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
                await db.Database.MigrateAsync(Cancellation);
            var before = await SqliteSchemaAsync(file);
            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
            {
                await db.Database.MigrateAsync(Cancellation);
                (await db.Database.GetPendingMigrationsAsync(Cancellation)).ShouldBeEmpty();
            }

            (await SqliteSchemaAsync(file)).ShouldBe(before);
        }
        finally
        {
            File.Delete(file);
        }
    }

    static async Task<List<string>> SqliteSchemaAsync(string file)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync(Cancellation);
        var tables = await ListAsync(connection, "select name from sqlite_master where type = 'table' and name not like '%EFMigrations%' and name not like 'sqlite_%'");
        var schema = new List<string>();
        foreach (var table in tables)
        {
            schema.AddRange(await ListAsync(connection, $"select '{table}.' || name || ' ' || type || ' ' || \"notnull\" || ' ' || pk from pragma_table_info('{table}')"));
            schema.AddRange(await ListAsync(connection,
                $"select '{table} index ' || il.name || ' ' || il.\"unique\" || ' ' || (select group_concat(ii.name, ',') from pragma_index_info(il.name) ii) " +
                $"from pragma_index_list('{table}') il where il.origin = 'c'"));
        }

        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    static async Task<List<string>> PostgresSchemaAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancellation);
        var schema = await ListAsync(connection,
            "select table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' ' || is_nullable || " +
            "coalesce(' identity=' || identity_generation, '') from information_schema.columns where table_schema = 'public' and table_name not like '%EFMigrations%'");
        schema.AddRange(await ListAsync(connection,
            "select tablename || ' index ' || indexname || ' ' || regexp_replace(indexdef, '^.* USING ', '') from pg_indexes where schemaname = 'public' and tablename not like '%EFMigrations%'"));
        schema.Sort(StringComparer.Ordinal);
        return schema;
    }

    static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var rows = new List<string>();
        while (await reader.ReadAsync(Cancellation))
            rows.Add(reader.GetString(0));
        return rows;
    }
}
