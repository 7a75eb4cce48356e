using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Setup;

namespace Switchyard.Operator.Cli;

/// <summary>
/// <c>hubspot setup</c> and <c>partner-central check</c>: an installation's CRM side, set up and checked with the
/// processor's own clients and settings (<c>HubSpot:*</c>, <c>PartnerCentral:*</c>, <c>Processor:SolutionIds</c>,
/// from <c>--settings</c> or the environment), so what works here works for the processor.
/// </summary>
internal sealed class CrmCommands(OperatorCli cli)
{
    readonly Option<bool> _dryRun = new("--dry-run") { Description = "Say what would be created or changed, and change nothing" };
    readonly Option<bool> _json = new("--json") { Description = "Write JSON for scripts" };

    public Command HubSpot()
    {
        var setup = new Command("setup", "Create the deal properties Switchyard reads and writes (group aws_partner_central); safe to run again") { _dryRun, _json };
        setup.SetAction((parsed, cancellationToken) => cli.WithServicesAsync(parsed, cancellationToken, builder => builder.AddHubSpotPortalSetup(), async services =>
        {
            var portal = services.GetRequiredService<IOptions<HubSpotCrmOptions>>().Value.ApiBaseUrl;
            var dryRun = parsed.GetValue(_dryRun);
            var report = await services.GetRequiredService<HubSpotPortalSetup>().EnsureAsync(dryRun, cancellationToken);
            if (parsed.GetValue(_json))
            {
                cli.Console.Json(JsonSerializer.Serialize(new
                {
                    portal,
                    dryRun,
                    group = new { name = DealPropertyCatalog.GroupName, state = Word(report.GroupState) },
                    properties = report.Properties.Select(p => new { name = p.Name, state = Word(p.State), detail = p.Detail }),
                }, Formatting.Json));
            }
            else
            {
                cli.Console.Line($"HubSpot portal at {portal}{(dryRun ? " (dry run: nothing is changed)" : "")}");
                cli.Console.Line($"Property group {DealPropertyCatalog.GroupName}: {Word(report.GroupState)}");
                var table = new Table().AddColumns("Property", "State", "Detail");
                foreach (var property in report.Properties)
                    table.AddRow(new Text(property.Name), new Text(Word(property.State), StyleOf(property.State)), new Text(property.Detail));
                cli.Console.Out.Write(table);
                cli.Console.Line(string.Join(", ", report.Properties.GroupBy(p => p.State).OrderBy(g => g.Key)
                    .Select(g => $"{g.Count()} {Word(g.Key)}")) + $" of {report.Properties.Count} properties");
            }

            if (!report.HasConflicts)
                return ExitCodes.Success;
            foreach (var conflict in report.Properties.Where(p => p.State == PropertySetupState.Conflict))
                cli.Console.Error.WriteLine($"error: {conflict.Name} {conflict.Detail}");
            return ExitCodes.Partial;
        }));
        return new Command("hubspot", "The HubSpot portal Switchyard works in") { setup };
    }

    public Command PartnerCentral()
    {
        var check = new Command("check", "Check that the credentials reach Partner Central and may read what the processor reads (reads only)") { _json };
        check.SetAction((parsed, cancellationToken) => cli.WithServicesAsync(parsed, cancellationToken, builder => builder.AddPartnerCentralAccessCheck(), async services =>
        {
            var settings = services.GetRequiredService<IOptions<PartnerCentralOptions>>().Value;
            var solutionIds = services.GetRequiredService<IConfiguration>().GetSection("Processor:SolutionIds").Get<List<string>>() ?? [];
            var results = await services.GetRequiredService<PartnerCentralAccessCheck>().CheckAsync(solutionIds, cancellationToken);
            if (parsed.GetValue(_json))
            {
                cli.Console.Json(JsonSerializer.Serialize(new
                {
                    endpoint = settings.EffectiveServiceUrl,
                    catalog = settings.Catalog,
                    credentials = CredentialSource(settings),
                    checks = results.Select(r => new { operation = r.Operation, passed = r.Passed, detail = r.Detail }),
                    writesNotTried = PartnerCentralAccessCheck.WriteActions.Select(a => $"partnercentral:{a}"),
                }, Formatting.Json));
            }
            else
            {
                cli.Console.Line($"Partner Central at {settings.EffectiveServiceUrl}, {settings.Catalog} catalog, {CredentialSource(settings)}");
                var table = new Table().AddColumns("Operation", "Result", "Detail");
                foreach (var result in results)
                    table.AddRow(new Text(result.Operation), new Text(result.Passed ? "ok" : "FAILED", result.Passed ? new Style(Color.Green) : new Style(Color.Red)), new Text(result.Detail));
                cli.Console.Out.Write(table);
                cli.Console.Line("Writes are not tried (they would change the account); the processor also needs "
                    + string.Join(", ", PartnerCentralAccessCheck.WriteActions.Select(a => $"partnercentral:{a}")) + ".");
            }

            foreach (var failed in results.Where(r => !r.Passed))
                cli.Console.Error.WriteLine($"error: {failed.Operation}: {failed.Detail}");
            return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Partial;
        }));
        return new Command("partner-central", "The AWS Partner Central account Switchyard works in") { check };
    }

    // Which credentials sign, never the keys themselves.
    static string CredentialSource(PartnerCentralOptions settings) =>
        !string.IsNullOrWhiteSpace(settings.RoleArn) ? $"assuming {settings.RoleArn}"
        : !string.IsNullOrWhiteSpace(settings.AccessKeyId) ? "with the configured access keys"
        : "with the AWS SDK's default credentials";

    static string Word(PropertySetupState state) => state switch
    {
        PropertySetupState.Present => "present",
        PropertySetupState.Created => "created",
        PropertySetupState.OptionsAdded => "values added",
        PropertySetupState.WouldCreate => "would be created",
        PropertySetupState.WouldAddOptions => "values would be added",
        _ => "conflict",
    };

    static Style StyleOf(PropertySetupState state) => state switch
    {
        PropertySetupState.Present => Style.Plain,
        PropertySetupState.Conflict => new Style(Color.Red),
        _ => new Style(Color.Yellow),
    };
}
