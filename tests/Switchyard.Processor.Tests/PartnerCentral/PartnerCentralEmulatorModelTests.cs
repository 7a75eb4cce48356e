using System.Text.Json.Nodes;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>
/// The emulator checks every request against AWS's model of the API and stores opportunities the way
/// UpdateOpportunity's replace semantics require, driven over HTTP by the real client.
/// </summary>
public sealed class PartnerCentralEmulatorModelTests : IAsyncLifetime
{
    PartnerCentralEmulatorHost _host = null!;
    IPartnerCentralClient _client = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    PartnerCentralEmulator Emulator => _host.Emulator;

    public async ValueTask InitializeAsync()
    {
        _host = await PartnerCentralEmulatorHost.StartAsync();
        _client = _host.CreateClient().Client;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    async Task<(string Id, JsonObject Current)> CreateAsync(CreateOpportunityRequest? request = null)
    {
        var created = await _client.CreateOpportunityAsync(request ?? Opportunities.Valid(), Cancel);
        return (created.Id, (await _client.GetOpportunityAsync(created.Id, Cancel)).Raw);
    }

    // What an update of the opportunity as read sends when it changes nothing: every member it carries.
    static JsonObject UpdateOf(JsonObject current)
    {
        var update = Switchyard.Processor.Mapping.UpdatePayload.From(current);
        update["Identifier"] = current["Id"]!.DeepClone();
        update["LastModifiedDate"] = current["LastModifiedDate"]!.DeepClone();
        return update;
    }

    async Task<JsonObject> RefusedAsync(JsonObject update, string errorType = "ValidationException")
    {
        var e = await Should.ThrowAsync<PartnerCentralException>(() => _client.UpdateOpportunityAsync(update, Cancel));
        e.ErrorType.ShouldBe(errorType);
        return Emulator.Requests[^1].Response!;
    }

    [Fact]
    public async Task Expected_spend_in_euros_is_accepted_and_in_pounds_refused_as_the_documentation_says()
    {
        var (_, current) = await CreateAsync();
        var inEuros = UpdateOf(current);
        inEuros["Project"]!["ExpectedCustomerSpend"]![0]!["CurrencyCode"] = "EUR";
        await _client.UpdateOpportunityAsync(inEuros, Cancel);
        var again = (await _client.GetOpportunityAsync((string)current["Id"]!, Cancel)).Raw;
        var inPounds = UpdateOf(again);
        inPounds["Project"]!["ExpectedCustomerSpend"]![0]!["CurrencyCode"] = "GBP";

        var answer = await RefusedAsync(inPounds);

        ((string?)again["Project"]!["ExpectedCustomerSpend"]![0]!["CurrencyCode"]).ShouldBe("EUR");
        ((string?)answer["Reason"]).ShouldBe("REQUEST_VALIDATION_FAILED");
        var error = answer["ErrorList"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)error["FieldName"]).ShouldBe("Project.ExpectedCustomerSpend[0].CurrencyCode");
        ((string?)error["Code"]).ShouldBe("INVALID_ENUM_VALUE");
        ((string?)error["Message"]).ShouldBe("Member must satisfy enum value set: [USD, EUR]");
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public async Task Lengths_count_code_points_so_an_emoji_is_one_character(int emoji, bool accepted)
    {
        var (_, current) = await CreateAsync();
        var update = UpdateOf(current);
        update["Project"]!["CustomerBusinessProblem"] = string.Concat(Enumerable.Repeat("😀", emoji));

        if (accepted)
        {
            await _client.UpdateOpportunityAsync(update, Cancel);
            return;
        }

        var answer = await RefusedAsync(update);
        var error = answer["ErrorList"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)error["FieldName"]).ShouldBe("Project.CustomerBusinessProblem");
        ((string?)error["Code"]).ShouldBe("INVALID_STRING_FORMAT");
    }

    [Fact]
    public async Task A_missing_required_member_is_named_with_AWS_wording()
    {
        var (_, current) = await CreateAsync();
        var update = UpdateOf(current);
        update["Customer"]!["Account"]!.AsObject().Remove("CompanyName");

        var answer = await RefusedAsync(update);

        ((string?)answer["__type"]).ShouldBe("com.amazonaws.partnercentralselling#ValidationException");
        ((string?)answer["Message"]).ShouldBe("1 validation error detected: Value null at 'Customer.Account.CompanyName' failed to satisfy constraint: Member must not be null");
        ((string?)answer["ErrorList"]![0]!["Code"]).ShouldBe("REQUIRED_FIELD_MISSING");
    }

    [Theory]
    [InlineData("Project", "CustomerUseCase", "\"Blockchain stuff\"")]
    [InlineData("Project", "ApnPrograms", "[\"Well-Architected\",\"Not a program\"]")]
    [InlineData("Project", "ExpectedContractDuration", "{\"Term\":\"Months\",\"Value\":\"145\"}")]
    public async Task Documented_value_lists_and_ranges_are_enforced(string parent, string member, string value)
    {
        var (_, current) = await CreateAsync();
        var update = UpdateOf(current);
        update[parent]![member] = JsonNode.Parse(value);

        var answer = await RefusedAsync(update);

        ((string?)answer["ErrorList"]![0]!["FieldName"]).ShouldStartWith($"{parent}.{member}");
    }

    [Theory]
    [InlineData("""{"Project":{"AwsPartition":"aws-eusc"}}""", "Project.ExpectedCustomerSpend[0].CurrencyCode")]
    [InlineData("""{"Customer":{"Account":{"Address":{"CountryCode":"US","StateOrRegion":"Bavaria"}}}}""", "Customer.Account.Address.StateOrRegion")]
    [InlineData("""{"Project":{"OtherCompetitorNames":"Acme Cloud"}}""", "Project.OtherCompetitorNames")]
    [InlineData("""{"Marketing":{"AwsFundingUsed":"No","UseCases":["Analytics"]}}""", "Marketing.UseCases")]
    public async Task Documented_rules_across_members_are_business_validation_errors(string change, string field)
    {
        var (_, current) = await CreateAsync();
        var update = UpdateOf(current);
        Merge(update, JsonNode.Parse(change)!.AsObject());

        var answer = await RefusedAsync(update);

        ((string?)answer["Reason"]).ShouldBe("BUSINESS_VALIDATION_FAILED");
        ((string?)answer["ErrorList"]![0]!["FieldName"]).ShouldBe(field);
    }

    [Fact]
    public async Task A_state_outside_the_United_States_is_free_text()
    {
        var (id, current) = await CreateAsync();
        var update = UpdateOf(current);
        Merge(update, JsonNode.Parse("""{"Customer":{"Account":{"Address":{"CountryCode":"DE","StateOrRegion":"Bayern"}}}}""")!.AsObject());

        await _client.UpdateOpportunityAsync(update, Cancel);

        ((string?)Emulator.FindOpportunity(id)!["Customer"]!["Account"]!["Address"]!["StateOrRegion"]).ShouldBe("Bayern");
    }

    [Fact]
    public async Task An_update_replaces_the_record_so_a_member_it_leaves_out_is_cleared()
    {
        var (id, current) = await CreateAsync();
        Emulator.EditInConsole(id, o => o["Project"]!["ExpectedContractDuration"] = new JsonObject { ["Term"] = "Months", ["Value"] = "24" });
        var edited = (await _client.GetOpportunityAsync(id, Cancel)).Raw;
        var update = UpdateOf(edited);
        update["Project"]!.AsObject().Remove("ExpectedContractDuration");
        update["Marketing"] = null;

        await _client.UpdateOpportunityAsync(update, Cancel);

        var stored = Emulator.FindOpportunity(id)!;
        stored["Project"]!.AsObject().ContainsKey("ExpectedContractDuration").ShouldBeFalse();
        stored.ContainsKey("Marketing").ShouldBeFalse();
        ((string?)stored["LifeCycle"]!["ReviewStatus"]).ShouldBe("Pending Submission", "members only AWS writes are not the update's to clear");
        current["Marketing"].ShouldNotBeNull();
    }

    [Fact]
    public async Task Members_the_model_does_not_know_are_ignored_not_stored()
    {
        var (id, current) = await CreateAsync();
        var update = UpdateOf(current);
        update["Unheard"] = "of";
        update["Project"]!["AlsoUnheard"] = 1;

        await _client.UpdateOpportunityAsync(update, Cancel);

        var stored = Emulator.FindOpportunity(id)!;
        stored.ContainsKey("Unheard").ShouldBeFalse();
        stored["Project"]!.AsObject().ContainsKey("AlsoUnheard").ShouldBeFalse();
    }

    [Fact]
    public async Task A_member_declared_added_by_AWS_is_stored_returned_and_replaced_like_the_models_own()
    {
        Emulator.AddModelMember("Project.CarbonFootprint");
        Emulator.AddModelMember("Customer.Contacts.PreferredLanguage");
        var (id, _) = await CreateAsync();
        Emulator.EditInConsole(id, o =>
        {
            o["Project"]!["CarbonFootprint"] = "Low";
            o["Customer"]!["Contacts"]![0]!["PreferredLanguage"] = "de";
        });
        var read = (await _client.GetOpportunityAsync(id, Cancel)).Raw;
        var keeping = UpdateOf(read);
        keeping["LifeCycle"]!["NextSteps"] = "Call again";

        await _client.UpdateOpportunityAsync(keeping, Cancel);
        var kept = Emulator.FindOpportunity(id)!;
        var dropping = UpdateOf(kept);
        dropping["Project"]!.AsObject().Remove("CarbonFootprint");
        await _client.UpdateOpportunityAsync(dropping, Cancel);

        ((string?)read["Project"]!["CarbonFootprint"]).ShouldBe("Low");
        ((string?)kept["Project"]!["CarbonFootprint"]).ShouldBe("Low");
        ((string?)kept["Customer"]!["Contacts"]![0]!["PreferredLanguage"]).ShouldBe("de");
        Emulator.FindOpportunity(id)!["Project"]!.AsObject().ContainsKey("CarbonFootprint").ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Emulator.AddModelMember("Project.Title"));
    }

    [Fact]
    public async Task A_console_edit_changes_the_opportunity_and_its_LastModifiedDate_and_an_invalid_one_changes_nothing()
    {
        var (id, current) = await CreateAsync();

        Emulator.EditInConsole(id, o => o["Project"]!["AdditionalComments"] = "Edited in the console");
        var edited = Emulator.FindOpportunity(id)!;
        var refusal = Should.Throw<ArgumentException>(() => Emulator.EditInConsole(id, o => o["Project"]!["CustomerBusinessProblem"] = "short"));

        ((string?)edited["Project"]!["AdditionalComments"]).ShouldBe("Edited in the console");
        ((string?)edited["LastModifiedDate"]).ShouldNotBe((string?)current["LastModifiedDate"]);
        refusal.Message.ShouldContain("Value at 'Project.CustomerBusinessProblem' failed to satisfy constraint");
        JsonNode.DeepEquals(Emulator.FindOpportunity(id), edited).ShouldBeTrue();
    }

    [Fact]
    public async Task GetOpportunity_answers_in_the_shape_of_the_models_response()
    {
        Emulator.SeedSolution("AWS", "Solution");
        var (id, _) = await CreateAsync();
        await _client.AssociateOpportunityAsync(id, "Solutions", "S-0000001", Cancel);
        await _client.AssociateOpportunityAsync(id, "AwsMarketplaceOffers", "arn:aws:aws-marketplace:us-east-1:999999999999:AWSMarketplace/Offer/offer-1", Cancel);

        var answer = (await _client.GetOpportunityAsync(id, Cancel)).Raw;

        ServiceModel.Validate(ServiceModel.PartnerCentralSelling.Operation("GetOpportunity").Output!, answer).ShouldBeEmpty();
        answer.Select(m => m.Key).ShouldBe(
            ["Catalog", "PrimaryNeedsFromAws", "NationalSecurity", "PartnerOpportunityIdentifier", "Customer", "Project", "OpportunityType",
             "Marketing", "Id", "Arn", "LastModifiedDate", "CreatedDate", "RelatedEntityIdentifiers", "LifeCycle"],
            "in the order of the model's GetOpportunityResponse");
        answer["RelatedEntityIdentifiers"]!.AsObject().Select(m => m.Key).ShouldBe(["AwsMarketplaceOffers", "AwsMarketplaceOfferSets", "Solutions", "AwsProducts"]);
    }

    [Fact]
    public async Task An_association_with_an_identifier_not_of_its_type_is_refused()
    {
        var (id, _) = await CreateAsync();

        var e = await Should.ThrowAsync<PartnerCentralException>(() => _client.AssociateOpportunityAsync(id, "AwsMarketplaceOfferSets", "offer-1", Cancel));

        e.ErrorType.ShouldBe("ValidationException");
        e.Reason.ShouldContain("Value at 'RelatedEntityIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws:aws-marketplace:");
    }

    static void Merge(JsonObject target, JsonObject change)
    {
        foreach (var (name, value) in change)
        {
            if (value is JsonObject child && target[name] is JsonObject existing)
                Merge(existing, child);
            else
                target[name] = value?.DeepClone();
        }
    }
}
