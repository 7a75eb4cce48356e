using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Auth;
using Switchyard.Hosting.ErrorQueues.Admin;

namespace Switchyard.Hosting.ErrorQueues.InMemory;

/// <summary>Keeping the in-memory bus's failed messages where the operator can reach them.</summary>
public static class InMemoryErrorQueueExtensions
{
    /// <summary>
    /// Registers <see cref="InMemoryErrorQueues"/> as every receive endpoint's error and dead-letter transport, the
    /// sender that puts messages back, and what the operator endpoints need (bearer tokens, the <c>Operator</c>
    /// options, checked at start-up). Call it only for the in-memory transport; <c>MapErrorQueueAdmin</c> maps the
    /// endpoints where it was called.
    /// </summary>
    public static IServiceCollection AddInMemoryErrorQueues(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(InMemoryErrorQueues)))
            return services;

        services.AddOptions<OperatorOptions>().Bind(configuration.GetSection(OperatorOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>());
        services.AddSwitchyardAuth(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InMemoryErrorQueues>();
        services.AddSingleton<IConfigureReceiveEndpoint, KeepFailedMessagesInMemory>();
        services.AddSingleton<InMemoryQueueSender>();
        return services;
    }
}
