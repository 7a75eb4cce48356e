using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.HubSpotEvents;

namespace Switchyard.Processor.Tests.Conformance;

/// <summary>
/// UpdateOpportunity replaces the whole record, so an update must carry back every member it does not change: every
/// member of the model edited in AWS's console, and members AWS adds after the model Switchyard carries, survive the
/// processor's update unchanged.
/// </summary>
public partial class ConsoleEditTests
{
    static readonly ServiceModel Model = ServiceModel.PartnerCentralSelling;
    static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal) { "Catalog", "Identifier", "LastModifiedDate" };

    // Members AWS has "added since": declared to the emulator, unknown to the processor's copy of the model.
    static readonly (string Path, JsonNode Value)[] AddedByAws =
    [
        ("NextYearsMember", new JsonObject { ["Rating"] = 5, ["Tags"] = new JsonArray("a", "b") }),
        ("Project.CarbonFootprint", JsonValue.Create("Low")),
        ("Customer.Account.Segment", JsonValue.Create("Enterprise")),
        ("Customer.Contacts.PreferredLanguage", JsonValue.Create("de")),
        ("LifeCycle.Probability", JsonValue.Create(70)),
    ];

    // Values the console sets where the model alone would allow one that breaks a documented rule, or that the
    // mapping would then have reason to change (the sales activities of the stage are all there already).
    static readonly Dictionary<string, JsonNode> Chosen = new(StringComparer.Ordinal)
    {
        ["NationalSecurity"] = JsonValue.Create("No"),
        ["Customer.Account.Industry"] = JsonValue.Create("Other"),
        ["Customer.Account.Address.CountryCode"] = JsonValue.Create("US"),
        ["Customer.Account.Address.StateOrRegion"] = JsonValue.Create("Washington"),
        ["LifeCycle.Stage"] = JsonValue.Create("Closed Lost"),
        ["Project.CompetitorName"] = JsonValue.Create("*Other"),
        ["Project.AwsPartition"] = JsonValue.Create("aws-eusc"),
        ["Project.ExpectedCustomerSpend[0].CurrencyCode"] = JsonValue.Create("EUR"),
        ["SoftwareRevenue.Value.CurrencyCode"] = JsonValue.Create("EUR"),
        ["Marketing.AwsFundingUsed"] = JsonValue.Create("Yes"),
        ["Project.SalesActivities"] = new JsonArray(Model.Shape("SalesActivity").Enum!.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        ["LifeCycle.TargetCloseDate"] = JsonValue.Create($"{DateTime.UtcNow.Year + 3}-01-31"),
    };

    // Values for the model's formats, by shape.
    static readonly Dictionary<string, string> Formatted = new(StringComparer.Ordinal)
    {
        ["Email"] = "console.edit@example.com",
        ["PhoneNumber"] = "+14155550199",
        ["Date"] = "2031-01-31",
        ["AwsAccount"] = "123456789012",
        ["DunsNumber"] = "123456789",
        ["OpportunityIdentifier"] = "O7654321",
        ["EstimationUrl"] = "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef",
        ["Amount"] = "1000.00",
        ["MonetaryValueAmountString"] = "2500.50",
        ["WebsiteUrl"] = "https://console.example.com",
    };

    [Fact]
    public async Task Every_member_edited_in_the_console_and_every_member_AWS_adds_survives_an_update()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync();
        foreach (var (path, _) in AddedByAws)
            processor.Emulator.AddModelMember(path);
        processor.Crm.Deals[501] = new HubSpotDeal(501, new Dictionary<string, string?> { [DealProperties.Name] = "Console #AWS" }, [], []);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 501);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunityCreated>().Count, 1, "the opportunity");
        var opportunityId = processor.Published.Of<OpportunityCreated>()[0].Message.OpportunityId;

        var leaves = Leaves(Model.Operation("UpdateOpportunity").Input!, "").ToList();
        processor.Emulator.EditInConsole(opportunityId, opportunity =>
        {
            foreach (var (path, shape, documented) in leaves)
                Set(opportunity, path, Chosen.GetValueOrDefault(path)?.DeepClone() ?? Sample(path, shape, documented));
            Set(opportunity, "LifeCycle.ReviewComments", JsonValue.Create("Please add the customer's website."));
            Set(opportunity, "LifeCycle.ReviewStatusReason", JsonValue.Create("Missing information"));
            foreach (var (path, value) in AddedByAws)
                Set(opportunity, path.Replace("Contacts.", "Contacts[0].", StringComparison.Ordinal), value.DeepClone());
        });
        var edited = processor.Emulator.FindOpportunity(opportunityId)!;

        // A note is the change: the mapping owns the next steps, and (the deal has none of its other properties) keeps
        // everything else as it is, bar the deal's id, which it always writes.
        processor.Crm.Notes[601] = new HubSpotNote(601, "<p>Send the SOW</p>", DateTimeOffset.UtcNow, [501]);
        await processor.PublishAsync(HubSpotSubscriptionTypes.ObjectCreation, 601, objectTypeId: HubSpotEventKinds.NoteObjectTypeId);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunityUpdated>().Count + processor.Published.Of<SyncFailed>().Count, 1, "the update");

        processor.Published.Of<SyncFailed>().ShouldBeEmpty();
        processor.Published.Of<OpportunityUpdated>()[0].Message.UpdatedFields.ShouldBe(["LifeCycle.NextSteps", "PartnerOpportunityIdentifier"]);
        var after = processor.Emulator.FindOpportunity(opportunityId)!;
        var owned = new[] { "LifeCycle.NextSteps", "PartnerOpportunityIdentifier" };
        var checkedPaths = leaves.Select(l => l.Path).Except(owned)
            .Concat(["LifeCycle.ReviewComments", "LifeCycle.ReviewStatusReason", "LifeCycle.ReviewStatus"])
            .Concat(AddedByAws.Select(a => a.Path.Replace("Contacts.", "Contacts[0].", StringComparison.Ordinal)))
            .ToList();
        var changed = checkedPaths.Where(p => !JsonNode.DeepEquals(At(edited, p), At(after, p)))
            .Select(p => $"{p}: {At(edited, p)?.ToJsonString()} became {At(after, p)?.ToJsonString()}")
            .ToList();

        checkedPaths.Count.ShouldBeGreaterThan(50, "every member of the model's UpdateOpportunityRequest, and those added");
        checkedPaths.ShouldAllBe(p => At(edited, p) != null);
        changed.ShouldBeEmpty($"{changed.Count} members changed by an update that does not own them:\n{string.Join("\n", changed)}");
        ((string?)after["LifeCycle"]!["NextSteps"]).ShouldBe("Send the SOW");
        ((string?)after["PartnerOpportunityIdentifier"]).ShouldBe("501");
    }

    // Every value an update writes, as a path: structures are walked into, lists of structures through their first
    // item; bookkeeping and the members only AWS writes are left out.
    static IEnumerable<(string Path, ModelShape Shape, DocumentedConstraint? Documented)> Leaves(ModelShape shape, string prefix)
    {
        foreach (var member in shape.Members)
        {
            var path = prefix + member.Name;
            if ((prefix.Length == 0 && Bookkeeping.Contains(member.Name)) || DocumentedRules.ReadOnlyMembers.Contains(path))
                continue;
            var target = member.Shape;
            if (target.Kind is ShapeKind.Structure)
            {
                foreach (var leaf in Leaves(target, path + "."))
                    yield return leaf;
            }
            else if (target is { Kind: ShapeKind.List, Item.Kind: ShapeKind.Structure })
            {
                foreach (var leaf in Leaves(target.Item, path + "[0]."))
                    yield return leaf;
            }
            else
                yield return (path, target, member.Documented);
        }
    }

    static JsonNode Sample(string path, ModelShape shape, DocumentedConstraint? documented)
    {
        if (shape.Kind == ShapeKind.List)
            return new JsonArray(Sample(path, shape.Item!, documented));
        if (documented?.Values is [var first, ..])
            return JsonValue.Create(first);
        if (documented?.Range is var (min, max))
            return JsonValue.Create(((min + max) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (shape.Enum is [var value, ..])
            return JsonValue.Create(value);
        if (Formatted.TryGetValue(shape.Name, out var formatted))
            return JsonValue.Create(formatted);
        if (shape.Kind == ShapeKind.String && shape.Pattern is null)
            return JsonValue.Create($"Console: {path}");
        if (shape.Kind == ShapeKind.String && LengthPattern().Match(shape.Pattern!.Source) is { Success: true } length)
        {
            var text = $"Edited in the console: {path}";
            var least = int.Parse(length.Groups["min"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var most = int.Parse(length.Groups["max"].Value, System.Globalization.CultureInfo.InvariantCulture);
            return JsonValue.Create(text.PadRight(least, '.')[..Math.Min(Math.Max(text.Length, least), most)]);
        }

        throw new InvalidOperationException($"No console value for {path} ({shape.Name}): add one to {nameof(Formatted)} or {nameof(Chosen)}.");
    }

    static void Set(JsonObject root, string path, JsonNode value)
    {
        JsonNode parent = root;
        var segments = path.Split('.');
        foreach (var segment in segments[..^1])
        {
            var (name, index) = Split(segment);
            var child = parent[name];
            if (index is { } i)
            {
                var list = child as JsonArray ?? [];
                parent[name] = list;
                while (list.Count <= i)
                    list.Add(new JsonObject());
                child = list[i];
            }
            else if (child is not JsonObject)
            {
                child = new JsonObject();
                parent[name] = child;
            }

            parent = child!;
        }

        parent[segments[^1]] = value;
    }

    static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var (name, index) = Split(segment);
            node = node?[name];
            if (index is { } i)
                node = node is JsonArray list && i < list.Count ? list[i] : null;
        }

        return node;
    }

    static (string Name, int? Index) Split(string segment) =>
        segment.EndsWith(']') ? (segment[..segment.IndexOf('[', StringComparison.Ordinal)], int.Parse(segment[(segment.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)) : (segment, null);

    [GeneratedRegex(@"^\(\?s\)\.\{(?<min>[0-9]+),(?<max>[0-9]+)\}$")]
    private static partial Regex LengthPattern();
}
