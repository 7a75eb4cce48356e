using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Storage;

namespace Switchyard.Processor.Storage;

/// <summary>Registers the processor's store on the provider <c>Processor:Storage</c> selects.</summary>
public static class ProcessorStorage
{
    /// <summary>
    /// Adds <see cref="ProcessorDbContext"/> and the start-up work that creates or migrates its schema; call it before
    /// the bus is added, so that the schema exists when the first message arrives (hosted services start in order).
    /// </summary>
    public static IHostApplicationBuilder AddProcessorStorage(this IHostApplicationBuilder builder)
    {
        builder.AddSwitchyardStore<ProcessorDbContext>(services => services.GetRequiredService<IOptions<ProcessorOptions>>().Value.Storage);
        builder.Services.AddHostedService<ProcessorStorageInitializer>();
        return builder;
    }
}

/// <summary>Creates or migrates the processor's schema before the bus starts consuming.</summary>
public sealed class ProcessorStorageInitializer(IServiceScopeFactory scopes) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await StorageSchema.MigrateAsync(scope.ServiceProvider.GetRequiredService<ProcessorDbContext>(), cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
