using Microsoft.EntityFrameworkCore;
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

    [Fact]
    public async Task On_SQLite_the_migrations_create_the_schema_the_model_describes_with_the_budget_row_and_the_lease()
    {
        var schema = await MigrationsMatchModel.OnSqliteAsync<ProcessorDbContext>(options => new(options), async db =>
        {
            (await db.WriteBudget.SingleAsync(Cancellation)).Id.ShouldBe(ProcessorDbContext.BudgetStateId);
            (await db.Leases.SingleAsync(Cancellation)).Name.ShouldBe(Lease.ParkedWriteRelease);
        });
        schema.ShouldContain(c => c.StartsWith("parked_writes.key ", StringComparison.Ordinal));
        schema.ShouldContain(c => c.StartsWith("poll_checkpoints.stream ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_PostgreSQL_the_migrations_create_the_schema_the_model_describes()
    {
        var schema = await MigrationsMatchModel.OnPostgreSqlAsync<ProcessorDbContext>(options => new(options),
            async db => (await db.WriteBudget.SingleAsync(Cancellation)).Id.ShouldBe(ProcessorDbContext.BudgetStateId));
        schema.ShouldContain("write_ledger.id bigint NO identity=BY DEFAULT");
        schema.ShouldContain("poll_checkpoints.last_modified timestamp with time zone NO");
    }
}
