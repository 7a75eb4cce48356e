using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace Switchyard.Testing;

/// <summary>
/// The check each service's hand-written migrations need: a database its migrations built has the schema its model
/// creates by itself (<see cref="DatabaseSchema"/>'s columns and indexes), on SQLite and on PostgreSQL.
/// </summary>
public static class MigrationsMatchModel
{
    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Migrates one SQLite file and lets the model create another, and fails unless both have the same schema;
    /// returns the migrated schema, for the caller to check it holds what it should (not two empty schemas).
    /// </summary>
    /// <param name="create">Makes the service's context from options.</param>
    /// <param name="migrated">Checks the migrated database further (rows a migration seeds), before it is compared.</param>
    public static async Task<List<string>> OnSqliteAsync<TContext>(Func<DbContextOptions<TContext>, TContext> create, Func<TContext, Task>? migrated = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(create);
        var fromMigrations = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        var fromModel = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = create(Options<TContext>(o => o.UseSqlite($"Data Source={fromMigrations};Pooling=false"))))
            {
                await db.Database.MigrateAsync(Cancellation);
                if (migrated is not null)
                    await migrated(db);
            }

            await using (var db = create(Options<TContext>(o => o.UseSqlite($"Data Source={fromModel};Pooling=false"))))
                await db.Database.EnsureCreatedAsync(Cancellation);

            var schema = await DatabaseSchema.OfSqliteAsync(fromMigrations);
            Assert.Equal(await DatabaseSchema.OfSqliteAsync(fromModel), schema);
            return schema;
        }
        finally
        {
            File.Delete(fromMigrations);
            File.Delete(fromModel);
        }
    }

    /// <summary>
    /// The same on two fresh databases of the test server (the test is skipped without one, see
    /// <see cref="PostgresServer.Require"/>).
    /// </summary>
    public static async Task<List<string>> OnPostgreSqlAsync<TContext>(Func<DbContextOptions<TContext>, TContext> create, Func<TContext, Task>? migrated = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(create);
        await using var fromMigrations = await PostgresServer.CreateDatabaseAsync("migrated");
        await using var fromModel = await PostgresServer.CreateDatabaseAsync("created");
        await using (var db = create(Options<TContext>(o => o.UseNpgsql(fromMigrations.ConnectionString))))
        {
            await db.Database.MigrateAsync(Cancellation);
            if (migrated is not null)
                await migrated(db);
        }

        await using (var db = create(Options<TContext>(o => o.UseNpgsql(fromModel.ConnectionString))))
            await db.Database.EnsureCreatedAsync(Cancellation);

        var schema = await DatabaseSchema.OfPostgreSqlAsync(fromMigrations.ConnectionString);
        Assert.Equal(await DatabaseSchema.OfPostgreSqlAsync(fromModel.ConnectionString), schema);
        return schema;
    }

    static DbContextOptions<TContext> Options<TContext>(Action<DbContextOptionsBuilder<TContext>> provider) where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        provider(options);
        // The migrations are written by hand, without a model snapshot: this comparison is what keeps them in step.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return options.Options;
    }
}
