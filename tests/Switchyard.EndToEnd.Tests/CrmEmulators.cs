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
        ["HubSpot:PortalId"] = HubSpot.State.PortalId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["PartnerCentral:ServiceUrl"] = PartnerCentral.ServiceUrl.ToString(),
        ["PartnerCentral:Catalog"] = "AWS",
        ["PartnerCentral:AccessKeyId"] = AccessKeyId,
        ["PartnerCentral:SecretAccessKey"] = SecretAccessKey,
        ["Processor:SolutionIds:0"] = SolutionId,
    };

    /// <summary>
    /// Starts both emulators. With <paramref name="eventBus"/> (a virtual host's bus settings), Partner Central also
    /// sends its EventBridge events to the <c>partner-central-events</c> queue there, as AWS's rule does;
    /// <paramref name="partnerCentral"/> changes its options (e.g. the events it drops).
    /// </summary>
    public static async Task<CrmEmulators> StartAsync(IReadOnlyDictionary<string, string?>? eventBus = null,
        Action<PartnerCentralEmulatorOptions>? partnerCentral = null)
    {
        var state = new HubSpotEmulatorState();
        state.SeedDemo();
        var hubSpot = await HubSpotEmulatorServer.StartAsync(state);
        var partnerCentralServer = await PartnerCentralEmulatorServer.StartAsync(options =>
        {
            options.Credentials.Add(new PartnerCentralEmulatorCredential { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey });
            partnerCentral?.Invoke(options);
        }, busSettings: eventBus);
        var solutionId = partnerCentralServer.Emulator.SeedSolution("AWS", "Switchyard end-to-end solution");
        return new CrmEmulators(hubSpot, partnerCentralServer, solutionId);
    }

    public async ValueTask DisposeAsync()
    {
        await PartnerCentral.DisposeAsync();
        await HubSpot.DisposeAsync();
    }
}
