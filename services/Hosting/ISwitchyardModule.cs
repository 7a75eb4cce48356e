using MassTransit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Switchyard.Hosting;

/// <summary>
/// A service's contribution to a host. A host runs one module (a service on its own) or several (AllInOne), over a
/// single bus, so each part implements only what it adds.
/// </summary>
public interface ISwitchyardModule
{
    /// <summary>A short lower-case name for logs, e.g. <c>receipt</c>.</summary>
    string Name { get; }

    /// <summary>Registers the module's options and services.</summary>
    void AddServices(IHostApplicationBuilder builder)
    {
    }

    /// <summary>Registers the module's consumers (with their definitions) on the host's bus.</summary>
    void AddConsumers(IBusRegistrationConfigurator bus)
    {
    }

    /// <summary>Maps the module's HTTP endpoints.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Lines for the start-up log that tell a user what to call, given the address the host listens on.</summary>
    IEnumerable<string> DescribeEndpoints(Uri baseAddress) => [];

    /// <summary>
    /// Whether the module's endpoints keep answering while the host stops. Endpoints take new work, which a stopping
    /// host refuses (503), unless they are what the host's own consumers call: the local run's sample subscriber and
    /// emulators.
    /// </summary>
    bool ServesWhileDraining => false;
}
