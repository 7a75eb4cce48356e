using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// The Partner Central emulator as a module of a host, for the local run without AWS credentials: it serves the
/// Selling API at <see cref="Path"/> and accepts the access keys of <c>Emulators:PartnerCentral:Credentials</c>. Point
/// <c>PartnerCentral:ServiceUrl</c> at it and give the processor the same key pair.
/// </summary>
public sealed class PartnerCentralEmulatorModule : ISwitchyardModule
{
    /// <summary>Where the emulator listens: <c>POST /emulators/partner-central/</c>.</summary>
    public const string Path = "/emulators/partner-central";

    /// <inheritdoc />
    public string Name => "partner-central-emulator";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddPartnerCentralEmulator(builder.Configuration.GetSection(PartnerCentralEmulatorOptions.Section));
        // Events reach the host's bus as EventBridge would put them on the processor's queue.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPartnerCentralEventSink, MassTransitEventSink>());
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPartnerCentralEmulator(Path);

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"Partner Central emulator at POST {new Uri(baseAddress, Path + "/")} (set PartnerCentral:ServiceUrl to it); play AWS at {new Uri(baseAddress, $"{Path}/{PartnerCentralControlEndpoints.Segment}/")}";
    }
}
