using Switchyard.Hosting;

namespace Switchyard.AllInOne;

/// <summary>
/// A module this process's own consumers call (the emulators standing in for HubSpot and Partner Central), so it keeps
/// answering while the host stops: the consumers still at work need it, as they would need the real services.
/// </summary>
internal sealed class LocalService(ISwitchyardModule module) : ISwitchyardModule
{
    public string Name => module.Name;

    public bool ServesWhileDraining => true;

    public void AddServices(IHostApplicationBuilder builder) => module.AddServices(builder);

    public void AddConsumers(MassTransit.IBusRegistrationConfigurator bus) => module.AddConsumers(bus);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => module.MapEndpoints(endpoints);

    public IEnumerable<string> DescribeEndpoints(Uri baseAddress) => module.DescribeEndpoints(baseAddress);
}
