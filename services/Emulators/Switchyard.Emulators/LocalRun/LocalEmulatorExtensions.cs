using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Switchyard.Emulators.HubSpot;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Hosting;

namespace Switchyard.Emulators.LocalRun;

/// <summary>
/// The local run without credentials: where the configuration names no HubSpot token, the HubSpot emulator (seeded
/// with a demo deal) stands in; where it names no Partner Central keys or role, the Partner Central emulator does, in
/// the Sandbox catalog. The processor is pointed at them through ordinary settings, so nothing else changes. For
/// AllInOne, and for the processor's own host in Development; never a substitute for production credentials.
/// </summary>
public static class LocalEmulatorExtensions
{
    // Local stand-ins, accepted only by the emulator in this process.
    const string LocalAccessKeyId = "AKIDLOCALEMULATOR001";
    const string LocalSecretAccessKey = "switchyard-local-emulator-secret";

    /// <summary>Adds the settings that point the processor at the emulators it needs, and returns those emulators' modules.</summary>
    public static ISwitchyardModule[] AddEmulatorsForMissingCredentials(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var self = SelfBaseUrl(configuration);
        var settings = new Dictionary<string, string?>();
        var modules = new List<ISwitchyardModule>();

        if (string.IsNullOrWhiteSpace(configuration["HubSpot:AccessToken"]))
        {
            modules.Add(new HubSpotEmulatorModule());
            settings["HubSpot:AccessToken"] = configuration[$"{HubSpotEmulatorModule.Section}:AccessToken"] ?? HubSpotEmulatorState.DefaultAccessToken;
            settings["HubSpot:ApiBaseUrl"] = self + HubSpotEmulatorModule.PathPrefix;
            // The emulated portal's: outcomes no webhook caused (AWS's reviews, AWS referrals) carry it, as the webhooks' outcomes do.
            if (string.IsNullOrWhiteSpace(configuration["HubSpot:PortalId"]))
                settings["HubSpot:PortalId"] = HubSpotEmulatorState.DefaultPortalId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (string.IsNullOrWhiteSpace(configuration["PartnerCentral:AccessKeyId"]) && string.IsNullOrWhiteSpace(configuration["PartnerCentral:RoleArn"]))
        {
            modules.Add(new PartnerCentralEmulatorModule());
            settings[$"{PartnerCentralEmulatorOptions.Section}:Credentials:0:AccessKeyId"] = LocalAccessKeyId;
            settings[$"{PartnerCentralEmulatorOptions.Section}:Credentials:0:SecretAccessKey"] = LocalSecretAccessKey;
            settings[$"{PartnerCentralEmulatorOptions.Section}:Solutions:0:Catalog"] = "Sandbox";
            settings[$"{PartnerCentralEmulatorOptions.Section}:Solutions:0:Name"] = "Switchyard demo solution";
            settings["PartnerCentral:AccessKeyId"] = LocalAccessKeyId;
            settings["PartnerCentral:SecretAccessKey"] = LocalSecretAccessKey;
            settings["PartnerCentral:ServiceUrl"] = self + PartnerCentralEmulatorModule.Path + "/";
            settings["PartnerCentral:Catalog"] = "Sandbox";
            // The emulator numbers seeded solutions from S-0000001.
            var solutionId = configuration["Processor:SolutionIds:0"];
            settings["Processor:SolutionIds:0"] = string.IsNullOrWhiteSpace(solutionId) ? "S-0000001" : solutionId;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        return [.. modules];
    }

    /// <summary>Where this process can call itself: the first <c>Urls</c> entry, with a wildcard host as localhost.</summary>
    static string SelfBaseUrl(ConfigurationManager configuration)
    {
        var first = (configuration["Urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        return first.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }
}
