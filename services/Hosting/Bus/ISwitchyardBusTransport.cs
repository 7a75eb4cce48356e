using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// A transport built outside Hosting, whose packages not every build has (Amazon SQS). Hosting does not reference it:
/// a host that carries it registers it with <see cref="BusTransportRegistration.AddSwitchyardBusTransport"/> before
/// <c>AddSwitchyard</c>, and <see cref="BusRegistrationExtensions.AddSwitchyardBus"/> uses it when
/// <c>Bus:Transport</c> selects it. Without the registration, selecting it stops the host at start-up with a message
/// saying how to build it in.
/// </summary>
public interface ISwitchyardBusTransport
{
    /// <summary>The transport this adds.</summary>
    BusTransport Transport { get; }

    /// <summary>
    /// Puts the bus on this transport (MassTransit's <c>UsingXxx</c>), configuring the service queues with
    /// <c>ConfigureEndpoints</c>. Called while MassTransit is registered, before the options are validated: read
    /// options in the callbacks, which run when the bus is created.
    /// </summary>
    void UseFor(IBusRegistrationConfigurator bus);
}

/// <summary>Adding a transport that Hosting does not carry itself.</summary>
public static class BusTransportRegistration
{
    /// <summary>Makes <paramref name="transport"/> available to <c>Bus:Transport</c>. Call before <c>AddSwitchyard</c>.</summary>
    public static IServiceCollection AddSwitchyardBusTransport(this IServiceCollection services, ISwitchyardBusTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        return services.AddSingleton(transport);
    }

    /// <summary>The transports added with <see cref="AddSwitchyardBusTransport"/> so far.</summary>
    public static IReadOnlyList<ISwitchyardBusTransport> PluggedInTransports(this IServiceCollection services) =>
        services.Where(d => d.ServiceType == typeof(ISwitchyardBusTransport))
            .Select(d => d.ImplementationInstance)
            .OfType<ISwitchyardBusTransport>()
            .ToList();
}
