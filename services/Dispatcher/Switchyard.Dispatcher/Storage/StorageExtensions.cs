using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Switchyard.Dispatcher.Storage;

/// <summary>Registers the dispatcher's store on the provider <c>Dispatcher:Storage</c> selects.</summary>
public static class StorageExtensions
{
    static readonly SqliteConnectionSettings SqliteSettings = new();

    /// <summary>Adds <see cref="DispatcherDbContext"/> and the start-up work that creates or migrates its schema.</summary>
    public static IHostApplicationBuilder AddDispatcherStorage(this IHostApplicationBuilder builder)
    {
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddDbContext<DispatcherDbContext>((services, db) =>
        {
            var storage = services.GetRequiredService<IOptions<DispatcherOptions>>().Value.Storage;
            if (string.Equals(storage.Provider, StorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
                db.UseNpgsql(storage.ConnectionString);
            else
                db.UseSqlite(SqliteConnectionString(storage.ConnectionString, contentRoot)).AddInterceptors(SqliteSettings);

            // The migrations are written by hand, without a model snapshot; a test keeps them and the model in step.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        builder.Services.AddHostedService<StorageInitializer>();
        return builder;
    }

    /// <summary>The connection string with a relative file path resolved against the content root.</summary>
    public static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is { Length: > 0 } path && path != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory && !Path.IsPathRooted(path))
            sqlite.DataSource = Path.GetFullPath(Path.Combine(contentRoot, path));
        return sqlite.ToString();
    }
}
