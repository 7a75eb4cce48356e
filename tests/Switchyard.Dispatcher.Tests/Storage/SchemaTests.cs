using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Switchyard.Dispatcher.Storage;
using Switchyard.Storage;
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
        var schema = await MigrationsMatchModel.OnSqliteAsync<DispatcherDbContext>(options => new(options));
        schema.ShouldContain(c => c.StartsWith("subscriptions.id ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_migration_lock_left_by_a_process_killed_while_migrating_does_not_stop_the_next_start()
    {
        var file = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
            {
                await StorageSchema.MigrateAsync(db, Cancellation);
                // What EF Core's migrator leaves when its process dies between taking its lock and letting it go.
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); " +
                    "INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-12-02 07:34:00');", Cancellation);
            }

            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
            {
                // Without the clean-up EF Core waits for the dead process's row until its own timeout and fails.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
                deadline.CancelAfter(TimeSpan.FromSeconds(20));
                await StorageSchema.MigrateAsync(db, deadline.Token);
                (await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM \"__EFMigrationsLock\"").SingleAsync(Cancellation)).ShouldBe(0);
            }
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".migrations.lock");
        }
    }

    [Fact]
    public async Task A_start_waits_while_another_process_migrates_the_same_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            Task migration;
            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
            {
                // The other process's lock: the same OS lock a migrating instance holds.
                using (new FileStream(file + ".migrations.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    migration = StorageSchema.MigrateAsync(db, Cancellation);
                    // The migration cannot have reached the schema while the lock is held; checking the file's tables
                    // after the lock is released below proves it then ran.
                    migration.IsCompleted.ShouldBeFalse();
                }

                await migration.WaitAsync(TimeSpan.FromSeconds(60), Cancellation);
            }

            (await DatabaseSchema.OfSqliteAsync(file)).ShouldContain(c => c.StartsWith("subscriptions.id ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
            File.Delete(file + ".migrations.lock");
        }
    }

    [Fact]
    public async Task On_PostgreSQL_the_migrations_create_the_schema_the_model_describes()
    {
        var schema = await MigrationsMatchModel.OnPostgreSqlAsync<DispatcherDbContext>(options => new(options));
        schema.ShouldContain("delivery_attempts.id bigint NO identity=BY DEFAULT");
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"switchyard-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
                await db.Database.MigrateAsync(Cancellation);
            var before = await DatabaseSchema.OfSqliteAsync(file);
            await using (var db = Context(o => o.UseSqlite($"Data Source={file};Pooling=false")))
            {
                await db.Database.MigrateAsync(Cancellation);
                (await db.Database.GetPendingMigrationsAsync(Cancellation)).ShouldBeEmpty();
            }

            (await DatabaseSchema.OfSqliteAsync(file)).ShouldBe(before);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
