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

    static Task<List<string>> SqliteSchemaAsync(string file) => DatabaseSchema.OfSqliteAsync(file, Cancellation);

    static Task<List<string>> PostgresSchemaAsync(string connectionString) => DatabaseSchema.OfPostgresAsync(connectionString, Cancellation);
}
