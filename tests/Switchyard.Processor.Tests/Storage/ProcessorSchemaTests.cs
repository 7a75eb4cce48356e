using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchyard.Processor.Storage;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Storage;

/// <summary>
/// The processor's migrations are written by hand; these tests keep them and the model in step on both providers, by
/// comparing a migrated database with one the model creates by itself.
/// </summary>
public class ProcessorSchemaTests
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    static ProcessorDbContext Context(Action<DbContextOptionsBuilder<ProcessorDbContext>> provider)
    {
        var options = new DbContextOptionsBuilder<ProcessorDbContext>();
        provider(options);
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new ProcessorDbContext(options.Options);
    }

    [Fact]
    public async Task On_SQLite_the_migrations_create_the_schema_the_model_describes_with_the_budget_row_and_the_lease()
    {
        var migrated = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        var created = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(o => o.UseSqlite($"Data Source={migrated};Pooling=false")))
            {
                await db.Database.MigrateAsync(Cancellation);
                (await db.WriteBudget.SingleAsync(Cancellation)).Id.ShouldBe(ProcessorDbContext.BudgetStateId);
                (await db.Leases.SingleAsync(Cancellation)).Name.ShouldBe(Lease.ParkedWriteRelease);
            }

            await using (var db = Context(o => o.UseSqlite($"Data Source={created};Pooling=false")))
                await db.Database.EnsureCreatedAsync(Cancellation);

            var fromMigrations = await DatabaseSchema.OfSqliteAsync(migrated);
            fromMigrations.ShouldContain(c => c.StartsWith("parked_writes.key ", StringComparison.Ordinal));
            fromMigrations.ShouldContain(c => c.StartsWith("poll_checkpoints.stream ", StringComparison.Ordinal));
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
        await using var migrated = await PostgresServer.CreateDatabaseAsync("migrated");
        await using var created = await PostgresServer.CreateDatabaseAsync("created");
        await using (var db = Context(o => o.UseNpgsql(migrated.ConnectionString)))
        {
            await db.Database.MigrateAsync(Cancellation);
            (await db.WriteBudget.SingleAsync(Cancellation)).Id.ShouldBe(ProcessorDbContext.BudgetStateId);
        }

        await using (var db = Context(o => o.UseNpgsql(created.ConnectionString)))
            await db.Database.EnsureCreatedAsync(Cancellation);

        var fromMigrations = await DatabaseSchema.OfPostgreSqlAsync(migrated.ConnectionString);
        fromMigrations.ShouldContain("write_ledger.id bigint NO identity=BY DEFAULT");
        fromMigrations.ShouldContain("poll_checkpoints.last_modified timestamp with time zone NO");
        fromMigrations.ShouldBe(await DatabaseSchema.OfPostgreSqlAsync(created.ConnectionString));
    }
}
