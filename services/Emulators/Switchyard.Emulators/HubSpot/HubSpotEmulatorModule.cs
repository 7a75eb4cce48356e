using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;

namespace Switchyard.Emulators.HubSpot;

/// <summary>
/// The HubSpot CRM emulator inside a host (the AllInOne local run), seeded with <see cref="HubSpotEmulatorState.SeedDemo"/>,
/// at <see cref="PathPrefix"/>. Point the processor at it with <c>HubSpot:ApiBaseUrl</c> = that URL and
/// <c>HubSpot:AccessToken</c> = <c>Emulators:HubSpot:AccessToken</c> (default <see cref="HubSpotEmulatorState.DefaultAccessToken"/>).
/// </summary>
public sealed class HubSpotEmulatorModule : ISwitchyardModule
{
    /// <summary>Where the emulator is mapped.</summary>
    public const string PathPrefix = "/emulators/hubspot";

    /// <summary>The configuration section of the emulator.</summary>
    public const string Section = "Emulators:HubSpot";

    /// <inheritdoc />
    public string Name => "hubspot-emulator";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var token = builder.Configuration[$"{Section}:AccessToken"];
        builder.Services.TryAddSingleton(services =>
        {
            var state = new HubSpotEmulatorState(string.IsNullOrWhiteSpace(token) ? HubSpotEmulatorState.DefaultAccessToken : token,
                services.GetService<TimeProvider>());
            state.SeedDemo();
            return state;
        });
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapHubSpotEmulator(PathPrefix);

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"HubSpot CRM emulator (demo deals {HubSpotEmulatorState.DemoAwsDealId} and {HubSpotEmulatorState.DemoOtherDealId}) at {new Uri(baseAddress, PathPrefix)}";
    }
}
