using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Switchyard.Storage;

/// <summary>Registers a service's DbContext on the provider its <see cref="StorageOptions"/> select.</summary>
public static class StorageRegistration
{
    static readonly SqliteConnectionSettings SqliteSettings = new();

    /// <summary>
    /// Adds <typeparamref name="TContext"/> (scoped) on PostgreSQL or SQLite as <paramref name="storage"/> says, read
    /// when the first context is made, so the options' validation has run; relative SQLite files are under the content
    /// root.
    /// </summary>
    public static IHostApplicationBuilder AddSwitchyardStore<TContext>(this IHostApplicationBuilder builder, Func<IServiceProvider, StorageOptions> storage)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddDbContext<TContext>((services, db) =>
        {
            var options = storage(services);
            if (options.IsPostgreSql)
                db.UseNpgsql(options.ConnectionString);
            else
                db.UseSqlite(SqliteConnectionString(options.ConnectionString, contentRoot)).AddInterceptors(SqliteSettings);

            // The migrations are written by hand, without a model snapshot; a test keeps them and the model in step.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
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
