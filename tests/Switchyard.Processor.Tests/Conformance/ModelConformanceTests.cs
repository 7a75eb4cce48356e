using System.Globalization;
using System.Text.Json.Nodes;
using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.HubSpotEvents;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Sync;
using Switchyard.Processor.Tests.Mapping;

namespace Switchyard.Processor.Tests.Conformance;

/// <summary>
/// Every request the processor sends, over a wide table of unusual but legal HubSpot data, is valid against AWS's model
/// of the API: driven through the consumers against the emulator, and through the mapping over every HubSpot industry
/// and every way a country can be written.
/// </summary>
public class ModelConformanceTests
{
    static readonly ServiceModel Model = ServiceModel.PartnerCentralSelling;

    // Text a user can type into HubSpot: scripts, emoji and their sequences, combining marks, markup, controls, sizes.
    static readonly string[] Texts =
    [
        "Acme Corp",
        "株式会社アクメ データ基盤移行",
        "شركة أكمي للتقنية",
        "एक्मे प्राइवेट लिमिटेड",
        "Ärger über Öl – Straße №5 «quoted»",
        "😀",
        "😀😀😀😀😀😀😀😀😀😀",
        "🚀 Launch 🇩🇪🇫🇷🇯🇵 👨‍👩‍👧‍👦 👍🏽",
        "e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301",
        "Z" + new string('\u0301', 300),
        "<b>bold</b> & \"quotes\" \\ back\\slash 'single'",
        "Tab\there\r\nand new\nlines\u0000\u0007 with controls",
        "\u200B\u200Dzero\u200Bwidth\uFEFF",
        "x",
        "   ",
        "",
        new string('A', 5_000),
        string.Concat(Enumerable.Repeat("😀", 3_000)),
        string.Concat(Enumerable.Repeat("🇩🇪", 1_500)),
        string.Concat(Enumerable.Repeat("e\u0301", 1_500)),
        string.Concat(Enumerable.Repeat("長い説明文", 2_000)),
    ];

    static readonly string?[] Currencies = [null, "", "USD", "usd", "EUR", " eur "];
    static readonly string?[] Amounts = [null, "", "0", "-5", "120000", "1,200.456", "1e3", "abc", "99999999999999999999999999999999999999999"];
    static readonly string?[] Stages = [null, "", "appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost", "custom-stage-42"];
    static readonly string?[] CloseDates = [null, "", "2020-01-01T00:00:00Z", "2031-12-31", "not a date", "9999-12-31T00:00:00Z", "1700000000000"];
    static readonly string?[] DealTypes = [null, "", "newbusiness", "existingbusiness", "renewal", "upsell", "???"];
    static readonly string?[] MultiSelects = [null, "", "SaaS or PaaS;Resell", "saas_or_paas", ";;;", "Co-Sell - Deal Support;nonsense", "SAP;Database", "😀;❤️"];
    static readonly string?[] Websites = [null, "", "acme.example", "https://www.acme.example/path?q=1", "mailto:x@y.z", "http://bücher.example", "not a url", "https://" + new string('w', 300) + ".com"];
    static readonly string?[] Emails = [null, "", "Jane.Doe@Example.COM", "ünïcode@example.com", "not-an-email", new string('a', 90) + "@example.com", "x@y"];
    static readonly string?[] Phones = [null, "", "+44 20 7946 0958", "(415) 555-0100 ext. 12", "030 1234567", "0049 30 1234567", "call me", "+" + new string('9', 30)];
    static readonly string?[] Zips = [null, "", "10115", "SW1A 1AA", "123456789012345678901234", "〒100-0001"];
    static readonly string?[] States = [null, "", "CA", "california", "Bavaria", "Dist. of Columbia", "ZZ", "東京都"];

    [Fact]
    public async Task Every_request_the_consumers_send_for_a_wide_table_of_HubSpot_data_is_valid_against_the_model()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync();
        var rows = SeedTable(processor.Crm);

        foreach (var row in rows)
            await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, row.DealId);
        await ProcessorOnEmulator.UntilAsync(() => Outcomes(processor, rows).Count, rows.Count, "an outcome for every deal created");

        // Changes to the deals that became opportunities: a note, a deal property, the company, a contact.
        var created = processor.Published.Of<OpportunityCreated>().Select(o => o.Message.DealId).ToHashSet();
        var followUps = 0;
        foreach (var row in rows.Where(r => created.Contains(r.DealId)))
        {
            await FollowUpAsync(processor, row);
            followUps++;
        }

        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunityUpdated>().Count + SkippedNoChanges(processor) + Failed(processor).Count,
            followUps + rows.Count(r => r.ExpectedFailure is not null), "an outcome for every change");

        // Every request sent is valid against the model and its documented rules, and every one was answered 200.
        var requests = processor.Emulator.Requests;
        var violations = requests
            .SelectMany(r => Model.Check(r.Operation!, r.Json!).Select(v => $"{r.Operation} of deal {DealOf(r)}: {v}"))
            .ToList();
        violations.ShouldBeEmpty($"{violations.Count} model violations, e.g.\n{string.Join("\n", violations.Take(20))}");
        requests.Where(r => r.StatusCode != 200).Select(r => $"{r.Operation} {r.StatusCode} {r.Response?.ToJsonString()}").ShouldBeEmpty();
        requests.Where(r => r.Operation == "CreateOpportunity").Select(r => (string?)r.Json!["ClientToken"]).Distinct().Count()
            .ShouldBe(rows.Count(r => r.ExpectedFailure is null));
        requests.Count(r => r.Operation == "UpdateOpportunity").ShouldBeGreaterThan(rows.Count / 3);

        // Deals that cannot make a valid request failed before calling AWS, each for its own reason, and no other did.
        Failed(processor).Select(f => (f.DealId, f.Reason)).ShouldBe(
            rows.Where(r => r.ExpectedFailure is not null).Select(r => ((long?)r.DealId, r.ExpectedFailure!)), ignoreOrder: true);
        (await processor.Module.Harness.Published.Any<Fault<SyncOpportunity>>(TestContext.Current.CancellationToken)).ShouldBeFalse();
        (await processor.Module.Harness.Published.Any<Fault<HubSpotEventReceived>>(TestContext.Current.CancellationToken)).ShouldBeFalse();
    }

    [Fact]
    public void Every_HubSpot_industry_and_every_way_of_writing_a_country_maps_to_valid_requests()
    {
        var mapper = MappingFixtures.Mapper();
        var current = MapUpdateTests.Document();
        var forms = Countries.All.SelectMany(CountryForms).Append("Atlantis").Append("").Append("ZZ").ToList();
        var industries = Industries.HubSpotIndustries.SelectMany(i => new[] { i.Code, i.Label, i.Label.ToUpperInvariant() })
            .Append("Underwater Basket Weaving").Append("").ToList();
        var problems = new List<string>();

        for (var i = 0; i < Math.Max(forms.Count, industries.Count); i++)
        {
            var company = MappingFixtures.Company(
                (CompanyProperties.Name, string.IsNullOrWhiteSpace(Texts[i % Texts.Length]) ? "Acme" : Texts[i % Texts.Length]),
                (CompanyProperties.Country, forms[i % forms.Count]),
                (CompanyProperties.Industry, industries[i % industries.Count]),
                (CompanyProperties.State, States[i % States.Length]),
                (CompanyProperties.Zip, Zips[i % Zips.Length]),
                (CompanyProperties.City, Texts[(i + 3) % Texts.Length]),
                (CompanyProperties.Website, Websites[i % Websites.Length]));
            var contact = MappingFixtures.Contact(i, (ContactProperties.Phone, Phones[i % Phones.Length]), (ContactProperties.FirstName, Texts[(i + 5) % Texts.Length]));
            var deal = MappingFixtures.Deal(i + 1, (DealProperties.Name, Texts[(i + 7) % Texts.Length] + " #AWS"), (DealProperties.Amount, "1000"));

            var create = mapper.MapCreate(deal, company, [contact], $"t-{i}");
            var update = mapper.MapUpdate(current, deal, company, [contact], Texts[(i + 11) % Texts.Length]);
            problems.AddRange(Check("CreateOpportunity", System.Text.Json.JsonSerializer.SerializeToNode(create, Wire)!.AsObject())
                .Select(p => $"create with country '{forms[i % forms.Count]}', industry '{industries[i % industries.Count]}': {p}"));
            problems.AddRange(Check("UpdateOpportunity", update)
                .Select(p => $"update with country '{forms[i % forms.Count]}', industry '{industries[i % industries.Count]}': {p}"));
        }

        problems.ShouldBeEmpty($"{problems.Count} violations, e.g.\n{string.Join("\n", problems.Take(20))}");
    }

    static readonly System.Text.Json.JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    static IEnumerable<string> Check(string operation, JsonObject body)
    {
        var request = (JsonObject)body.DeepClone();
        request["Catalog"] = "AWS";
        return Model.Check(operation, request).Select(v => v.ToString());
    }

    static IEnumerable<string> CountryForms(Country country) =>
        new[] { country.Alpha2, country.Alpha3, country.Name, country.Name.ToLowerInvariant(), $"  {country.Name.ToUpperInvariant()}  ", country.Alpha2.ToLowerInvariant() }
            .Concat(country.OtherNames);

    sealed record Row(long DealId, long? CompanyId, string? ExpectedFailure);

    // One deal per country (written a different way each time), with an industry, texts and property values taken
    // round-robin from the tables above; some with associations to a company or contacts that do not exist; a few that
    // cannot make a valid request and must fail before calling AWS.
    static List<Row> SeedTable(Consumers.FakeHubSpotCrm crm)
    {
        var rows = new List<Row>();
        var forms = Countries.All.Select((c, i) => CountryForms(c).ElementAt(i % 6)).ToList();
        for (var i = 0; i < forms.Count; i++)
        {
            var dealId = 10_000 + i;
            var companyId = 20_000 + i;
            var text = Texts[i % Texts.Length];
            var companyName = i % 3 == 0 ? text : $"{text} Ltd";
            long? company = (i % 11) switch
            {
                0 => null,              // no company
                1 => 29_999_999,        // an association to a company HubSpot no longer has
                _ => companyId,
            };
            if (company == companyId)
            {
                crm.Companies[companyId] = new HubSpotCompany(companyId, new Dictionary<string, string?>
                {
                    [CompanyProperties.Name] = companyName,
                    [CompanyProperties.Country] = forms[i],
                    [CompanyProperties.Industry] = Industries.HubSpotIndustries[i % Industries.HubSpotIndustries.Count].Code,
                    [CompanyProperties.City] = Texts[(i + 1) % Texts.Length],
                    [CompanyProperties.State] = States[i % States.Length],
                    [CompanyProperties.Zip] = Zips[i % Zips.Length],
                    [CompanyProperties.Address] = Texts[(i + 2) % Texts.Length],
                    [CompanyProperties.Website] = Websites[i % Websites.Length],
                    [CompanyProperties.Domain] = i % 2 == 0 ? "acme.example" : null,
                });
                crm.DealAssociations[("companies", companyId)] = [dealId];
            }

            var contactIds = new List<long>();
            for (var c = 0; c < i % 4; c++)
            {
                var contactId = 30_000 + (i * 4) + c;
                contactIds.Add(contactId);
                if (c == 2)
                    continue; // an association to a contact HubSpot no longer has
                crm.Contacts[contactId] = new HubSpotContact(contactId, new Dictionary<string, string?>
                {
                    [ContactProperties.Email] = Emails[(i + c) % Emails.Length],
                    [ContactProperties.FirstName] = Texts[(i + c + 3) % Texts.Length],
                    [ContactProperties.LastName] = Texts[(i + c + 4) % Texts.Length],
                    [ContactProperties.JobTitle] = Texts[(i + c + 5) % Texts.Length],
                    [ContactProperties.Phone] = Phones[(i + c) % Phones.Length],
                    [ContactProperties.MobilePhone] = Phones[(i + c + 1) % Phones.Length],
                });
                crm.DealAssociations[("contacts", contactId)] = [dealId];
            }

            crm.Deals[dealId] = new HubSpotDeal(dealId, new Dictionary<string, string?>
            {
                [DealProperties.Name] = $"{Texts[(i + 6) % Texts.Length]} #AWS",
                [DealProperties.Description] = Texts[(i + 7) % Texts.Length],
                [DealProperties.Stage] = Stages[i % Stages.Length],
                [DealProperties.CloseDate] = CloseDates[i % CloseDates.Length],
                [DealProperties.Amount] = Amounts[i % Amounts.Length],
                [DealProperties.Currency] = Currencies[i % Currencies.Length],
                [DealProperties.DealType] = DealTypes[i % DealTypes.Length],
                [DealProperties.DeliveryModels] = MultiSelects[i % MultiSelects.Length],
                [DealProperties.PrimaryNeeds] = MultiSelects[(i + 1) % MultiSelects.Length],
                [DealProperties.UseCase] = MultiSelects[(i + 2) % MultiSelects.Length],
            }, company is { } id ? [id] : [], contactIds);
            // A company whose name is blank cannot be synced (Customer.Account.CompanyName is required).
            var nameless = company == companyId && companyName.All(c => char.IsWhiteSpace(c) || char.IsControl(c));
            rows.Add(new Row(dealId, company == companyId ? companyId : null, nameless ? NotSyncableException.CompanyNameMissing : null));
        }

        // The deals that cannot be synced: a company without a name, spend in a currency Partner Central does not take.
        rows.Add(AddDeal(crm, 19_001, Company(crm, 29_001, ""), NotSyncableException.CompanyNameMissing));
        rows.Add(AddDeal(crm, 19_002, Company(crm, 29_002, " \t\u0007 "), NotSyncableException.CompanyNameMissing));
        rows.Add(AddDeal(crm, 19_003, null, NotSyncableException.CurrencyNotAccepted, ("GBP", "5000")));
        rows.Add(AddDeal(crm, 19_004, null, NotSyncableException.CurrencyNotAccepted, ("jpy", "1")));
        rows.Add(AddDeal(crm, 19_005, null, NotSyncableException.CurrencyNotAccepted, ("dollars", "10")));
        // In another currency but without an amount there is no spend to report: it syncs.
        rows.Add(AddDeal(crm, 19_006, null, null, ("GBP", "")));
        return rows;
    }

    static long Company(Consumers.FakeHubSpotCrm crm, long id, string name)
    {
        crm.Companies[id] = new HubSpotCompany(id, new Dictionary<string, string?>
        {
            [CompanyProperties.Name] = name,
            [CompanyProperties.Domain] = "nameless.example",
            [CompanyProperties.Country] = "DE",
        });
        return id;
    }

    static Row AddDeal(Consumers.FakeHubSpotCrm crm, long dealId, long? companyId, string? expectedFailure, (string Currency, string Amount)? spend = null)
    {
        crm.Deals[dealId] = new HubSpotDeal(dealId, new Dictionary<string, string?>
        {
            [DealProperties.Name] = "Edge case #AWS",
            [DealProperties.Amount] = spend?.Amount ?? "100",
            [DealProperties.Currency] = spend?.Currency ?? "USD",
        }, companyId is { } id ? [id] : [], []);
        return new Row(dealId, companyId, expectedFailure);
    }

    static async Task FollowUpAsync(ProcessorOnEmulator processor, Row row)
    {
        var i = (int)(row.DealId % 10_000);
        switch (i % 4)
        {
            case 0:
                processor.Crm.Notes[40_000 + i] = new HubSpotNote(40_000 + i, $"<p>{System.Net.WebUtility.HtmlEncode(Texts[(i + 9) % Texts.Length])}</p><ul><li>😀 next</li></ul>", DateTimeOffset.UtcNow, [row.DealId]);
                await processor.PublishAsync(HubSpotSubscriptionTypes.ObjectCreation, 40_000 + i, objectTypeId: HubSpotEventKinds.NoteObjectTypeId);
                break;
            case 1:
                Change(processor.Crm, row.DealId, (DealProperties.Description, Texts[(i + 13) % Texts.Length]), (DealProperties.Stage, Stages[(i + 3) % Stages.Length]),
                    (DealProperties.Amount, Amounts[(i + 1) % Amounts.Length]), (DealProperties.Currency, Currencies[(i + 2) % Currencies.Length]));
                await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, row.DealId, DealProperties.Description);
                break;
            case 2 when row.CompanyId is { } companyId:
                var company = processor.Crm.Companies[companyId];
                processor.Crm.Companies[companyId] = company with
                {
                    Properties = new Dictionary<string, string?>(company.Properties)
                    {
                        [CompanyProperties.Country] = Countries.All[(i * 7) % Countries.All.Count].Name,
                        [CompanyProperties.Name] = Texts[(i + 17) % Texts.Length] + " GmbH",
                    },
                };
                await processor.PublishAsync(HubSpotSubscriptionTypes.CompanyPropertyChange, companyId, CompanyProperties.Country);
                break;
            default:
                Change(processor.Crm, row.DealId, (DealProperties.Stage, "closedlost"), (DealProperties.CloseDate, "2020-02-02T00:00:00Z"));
                await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, row.DealId, DealProperties.Stage);
                break;
        }
    }

    static void Change(Consumers.FakeHubSpotCrm crm, long dealId, params (string Name, string? Value)[] changes)
    {
        var deal = crm.Deals[dealId];
        var properties = new Dictionary<string, string?>(deal.Properties);
        foreach (var (name, value) in changes)
            properties[name] = value;
        crm.Deals[dealId] = deal with { Properties = properties };
    }

    static HashSet<long> Outcomes(ProcessorOnEmulator processor, List<Row> rows)
    {
        var done = processor.Published.Of<OpportunityCreated>().Select(o => o.Message.DealId)
            .Concat(Failed(processor).Select(f => f.DealId ?? 0))
            .ToHashSet();
        done.IntersectWith(rows.Select(r => r.DealId));
        return done;
    }

    static List<SyncFailed> Failed(ProcessorOnEmulator processor) => processor.Published.Of<SyncFailed>().Select(f => f.Message).ToList();

    static int SkippedNoChanges(ProcessorOnEmulator processor) =>
        processor.Published.Of<SyncSkipped>().Count(s => s.Message.Reason == SyncSkipReasons.NoChanges);

    static string DealOf(Emulators.PartnerCentral.PartnerCentralEmulatorRequest request) =>
        (string?)request.Json?["PartnerOpportunityIdentifier"] ?? (string?)request.Json?["Identifier"] ?? (string?)request.Json?["OpportunityIdentifier"] ?? "?";
}
