using Switchyard.Testing;
using Switchyard.WebConsole.ReadModel;

namespace Switchyard.WebConsole.Tests;

/// <summary>The read model's migrations are written by hand; these keep them and the model in step on both providers.</summary>
public class SchemaTests
{
    [Fact]
    public async Task On_SQLite_the_migrations_create_the_schema_the_model_describes()
    {
        var schema = await MigrationsMatchModel.OnSqliteAsync<ConsoleDbContext>(options => new(options));
        schema.ShouldContain(c => c.StartsWith("deals.opportunity_id ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_PostgreSQL_the_migrations_create_the_schema_the_model_describes()
    {
        var schema = await MigrationsMatchModel.OnPostgreSqlAsync<ConsoleDbContext>(options => new(options));
        schema.ShouldContain("deals.deal_id bigint NO");
    }
}
