using Switchyard.Emulators.HubSpot;
using Switchyard.Emulators.PartnerCentral;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// HubSpot (seeded with the demo deals) and Partner Central, each emulated on its own loopback listener, and the
/// settings that point a processor at them.
/// </summary>
internal sealed class CrmEmulators : IAsyncDisposable
{
    const string AccessKeyId = "AKIAENDTOENDTEST0001";
    const string SecretAccessKey = "EndToEnd/Secret+Key/NeverLogged000000001";

    CrmEmulators(HubSpotEmulatorServer hubSpot, PartnerCentralEmulatorServer partnerCentral, string solutionId)
    {
        HubSpot = hubSpot;
        PartnerCentral = partnerCentral;
        SolutionId = solutionId;
    }

    public HubSpotEmulatorServer HubSpot { get; }

    public PartnerCentralEmulatorServer PartnerCentral { get; }

    /// <summary>The one solution in the AWS catalog, which the processor associates with every opportunity.</summary>
    public string SolutionId { get; }

    public IReadOnlyDictionary<string, string?> ProcessorSettings => new Dictionary<string, string?>
    {
        ["HubSpot:AccessToken"] = HubSpot.State.AccessToken,
        ["HubSpot:ApiBaseUrl"] = HubSpot.ApiBaseUrl.ToString(),
        ["PartnerCentral:ServiceUrl"] = PartnerCentral.ServiceUrl.ToString(),
        ["PartnerCentral:Catalog"] = "AWS",
        ["PartnerCentral:AccessKeyId"] = AccessKeyId,
        ["PartnerCentral:SecretAccessKey"] = SecretAccessKey,
        ["Processor:SolutionIds:0"] = SolutionId,
    };

    /// <summary>
    /// Starts both emulators; with <paramref name="eventBus"/> (a <c>Bus</c> section, e.g. the test's virtual host),
    /// Partner Central sends its EventBridge events to the processor's event queue on that bus, as EventBridge would.
    /// </summary>
    public static async Task<CrmEmulators> StartAsync(IReadOnlyDictionary<string, string?>? eventBus = null)
    {
        var state = new HubSpotEmulatorState();
        state.SeedDemo();
        var hubSpot = await HubSpotEmulatorServer.StartAsync(state);
        var partnerCentral = await PartnerCentralEmulatorServer.StartAsync(options =>
            options.Credentials.Add(new PartnerCentralEmulatorCredential { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey }),
            busSettings: eventBus);
        var solutionId = partnerCentral.Emulator.SeedSolution("AWS", "Switchyard end-to-end solution");
        return new CrmEmulators(hubSpot, partnerCentral, solutionId);
    }

    public async ValueTask DisposeAsync()
    {
        await PartnerCentral.DisposeAsync();
        await HubSpot.DisposeAsync();
    }
}
