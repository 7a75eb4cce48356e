using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Storage;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>Registers the read model's store on the provider <c>Console:Storage</c> selects, and its migration at start.</summary>
public static class ReadModelStorage
{
    /// <summary>Adds <see cref="ConsoleDbContext"/> and <see cref="ReadModelInitializer"/>, as the other services add their stores.</summary>
    public static IHostApplicationBuilder AddConsoleReadModel(this IHostApplicationBuilder builder)
    {
        builder.AddSwitchyardStore<ConsoleDbContext>(services => WithCommandTimeout(services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Storage));
        builder.Services.AddHostedService<ReadModelInitializer>();
        return builder;
    }

    /// <summary>
    /// The settings with SQLite's command timeout at 30 s: pages read while the consumers write, and a page's query
    /// waits for the one writer rather than fail.
    /// </summary>
    static StorageOptions WithCommandTimeout(StorageOptions storage)
    {
        if (!storage.IsSqlite)
            return storage;
        var sqlite = new SqliteConnectionStringBuilder(storage.ConnectionString) { DefaultTimeout = 30 };
        return new StorageOptions { Provider = storage.Provider, ConnectionString = sqlite.ToString() };
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
