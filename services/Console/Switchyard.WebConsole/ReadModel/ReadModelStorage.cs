using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Storage;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>Registers the read model's store on the provider <c>Console:Storage</c> selects, and its migration at start.</summary>
public static class ReadModelStorage
{
    /// <summary>Adds <see cref="ConsoleDbContext"/> and <see cref="ReadModelInitializer"/>.</summary>
    public static IHostApplicationBuilder AddConsoleReadModel(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddDbContext<ConsoleDbContext>((services, db) =>
        {
            var storage = services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Storage;
            if (string.Equals(storage.Provider, ConsoleStorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
                db.UseNpgsql(storage.ConnectionString);
            else
                db.UseSqlite(SqliteConnectionString(storage.ConnectionString, contentRoot));

            // The migrations are written by hand, without a model snapshot; a test keeps them and the model in step.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        builder.Services.AddHostedService<ReadModelInitializer>();
        return builder;
    }

    /// <summary>The connection string with a relative file path resolved against the content root.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is { Length: > 0 } path && path != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(path))
            sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, path));
        // Readers (pages) and the one writer (the consumers) wait for each other rather than fail.
        sqlite.DefaultTimeout = 30;
        return sqlite.ToString();
    }
}

/// <summary>Creates or migrates the schema before the bus starts consuming (hosted services start in order).</summary>
public sealed class ReadModelInitializer(IServiceScopeFactory scopes) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // The services' shared start-up migration: the folder, write-ahead logging (pages read while the consumers
        // write) and a migration lock a killed process cannot leave behind.
        await StorageSchema.MigrateAsync(scope.ServiceProvider.GetRequiredService<ConsoleDbContext>(), cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
