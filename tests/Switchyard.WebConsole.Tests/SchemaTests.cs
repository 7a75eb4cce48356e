using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchyard.Testing;
using Switchyard.WebConsole.ReadModel;

namespace Switchyard.WebConsole.Tests;

/// <summary>The read model's migrations are written by hand; these keep them and the model in step on both providers.</summary>
public class SchemaTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static ConsoleDbContext Context(Action<DbContextOptionsBuilder<ConsoleDbContext>> provider)
    {
        var options = new DbContextOptionsBuilder<ConsoleDbContext>();
        provider(options);
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new ConsoleDbContext(options.Options);
    }

    [Fact]
    public async Task On_SQLite_the_migrations_create_the_schema_the_model_describes()
    {
        var migrated = Path.Combine(Path.GetTempPath(), $"switchyard-console-schema-{Guid.NewGuid():N}.db");
        var created = Path.Combine(Path.GetTempPath(), $"switchyard-console-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(o => o.UseSqlite($"Data Source={migrated};Pooling=false")))
                await db.Database.MigrateAsync(Cancellation);
            await using (var db = Context(o => o.UseSqlite($"Data Source={created};Pooling=false")))
                await db.Database.EnsureCreatedAsync(Cancellation);

            var fromMigrations = await DatabaseSchema.OfSqliteAsync(migrated);
            fromMigrations.ShouldContain(c => c.StartsWith("deals.opportunity_id ", StringComparison.Ordinal));
            fromMigrations.ShouldBe(await DatabaseSchema.OfSqliteAsync(created));
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
        await using var migrated = await PostgresServer.CreateDatabaseAsync("console_migrated");
        await using var created = await PostgresServer.CreateDatabaseAsync("console_created");
        await using (var db = Context(o => o.UseNpgsql(migrated.ConnectionString)))
            await db.Database.MigrateAsync(Cancellation);
        await using (var db = Context(o => o.UseNpgsql(created.ConnectionString)))
            await db.Database.EnsureCreatedAsync(Cancellation);

        var fromMigrations = await DatabaseSchema.OfPostgreSqlAsync(migrated.ConnectionString);
        fromMigrations.ShouldContain("deals.deal_id bigint NO");
        fromMigrations.ShouldBe(await DatabaseSchema.OfPostgreSqlAsync(created.ConnectionString));
    }
}
