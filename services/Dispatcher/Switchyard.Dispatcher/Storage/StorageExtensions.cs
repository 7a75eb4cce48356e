using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Storage;

namespace Switchyard.Dispatcher.Storage;

/// <summary>Registers the dispatcher's store on the provider <c>Dispatcher:Storage</c> selects.</summary>
public static class StorageExtensions
{
    /// <summary>Adds <see cref="DispatcherDbContext"/> and the start-up work that creates or migrates its schema.</summary>
    public static IHostApplicationBuilder AddDispatcherStorage(this IHostApplicationBuilder builder)
    {
        builder.AddSwitchyardStore<DispatcherDbContext>(services => services.GetRequiredService<IOptions<DispatcherOptions>>().Value.Storage);
        builder.Services.AddHostedService<StorageInitializer>();
        return builder;
    }
}
