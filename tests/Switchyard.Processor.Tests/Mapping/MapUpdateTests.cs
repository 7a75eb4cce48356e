using System.Text.Json.Nodes;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Mapping;

public class MapUpdateTests
{
    // GetOpportunity's answer for an opportunity created from deal 9001 and edited in Partner Central since.
    public const string Current = """
    {
      "Arn": "arn:aws:partnercentral:us-east-1::catalog/AWS/opportunity/O1234567",
      "Catalog": "AWS",
      "CreatedDate": "2025-05-01T08:00:00Z",
      "Id": "O1234567",
      "LastModifiedDate": "2025-06-01T10:11:12.345Z",
      "Customer": {
        "Account": {
          "AwsAccountId": "123456789012",
          "CompanyName": "Acme",
          "Duns": "123456789",
          "Industry": "Other",
          "OtherIndustry": "Widgets",
          "WebsiteUrl": "https://acme.example",
          "Address": { "City": "Munich", "CountryCode": "DE", "PostalCode": "80331", "StateOrRegion": "Bavaria", "StreetAddress": "Marienplatz 1" },
          "MemberAddedLater": "dropped"
        },
        "Contacts": [ { "Email": "old@acme.example", "FirstName": "Old", "LastName": "Contact" } ]
      },
      "LifeCycle": {
        "ClosedLostReason": null,
        "NextSteps": "Old next steps",
        "NextStepsHistory": [ { "Time": "2025-05-02T00:00:00Z", "Value": "Old next steps" } ],
        "ReviewComments": "Please add the customer's website.",
        "ReviewStatus": "Pending Submission",
        "ReviewStatusReason": "Missing information",
        "Stage": "Prospect",
        "TargetCloseDate": "2025-07-01"
      },
      "Marketing": { "AwsFundingUsed": "Yes", "CampaignName": "Spring", "Channels": ["Email"], "Source": "Marketing Activity", "UseCases": ["Analytics"] },
      "NationalSecurity": "No",
      "OpportunityTeam": [ { "Email": "owner@partner.example", "BusinessTitle": "OpportunityOwner" } ],
      "OpportunityType": "Expansion",
      "PartnerOpportunityIdentifier": "9001",
      "PrimaryNeedsFromAws": ["Co-Sell - Deal Support"],
      "Project": {
        "AdditionalComments": "Keep me",
        "ApnPrograms": ["Well-Architected"],
        "CompetitorName": "*Other",
        "CustomerBusinessProblem": "Old problem statement, long enough.",
        "CustomerUseCase": "SAP",
        "DeliveryModels": ["Resell"],
        "ExpectedContractDuration": { "Term": "Months", "Value": "36" },
        "ExpectedCustomerSpend": [ { "Amount": "1000.00", "CurrencyCode": "USD", "EstimationUrl": "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef", "Frequency": "Monthly", "TargetCompany": "AWS" } ],
        "OtherCompetitorNames": "Someone",
        "OtherSolutionDescription": "Custom build",
        "RelatedOpportunityIdentifier": "O7654321",
        "SalesActivities": ["Initialized discussions with customer", "Conducted POC / Demo"],
        "Title": "Original title"
      },
      "RelatedEntityIdentifiers": { "Solutions": ["S-0000001"], "AwsProducts": ["AmazonRedshift"] },
      "SoftwareRevenue": { "DeliveryModel": "Contract", "EffectiveDate": "2025-01-01", "ExpirationDate": "2026-01-01", "Value": { "Amount": "5000", "CurrencyCode": "USD" } },
      "TopLevelAddedLater": { "x": 1 }
    }
    """;

    public static OpportunityDocument Document(string json = Current) => new(JsonNode.Parse(json)!.AsObject());

    static JsonObject Update(HubSpotDeal? deal = null, HubSpotCompany? company = null, IReadOnlyList<HubSpotContact>? contacts = null, string? nextSteps = null) =>
        MappingFixtures.Mapper().MapUpdate(Document(), deal ?? MappingFixtures.Deal(9_001), company, contacts ?? [], nextSteps);

    [Fact]
    public void The_update_names_the_opportunity_and_echoes_its_LastModifiedDate_exactly()
    {
        var body = Update();

        ((string)body["Identifier"]!).ShouldBe("O1234567");
        body["LastModifiedDate"]!.ToJsonString().ShouldBe("\"2025-06-01T10:11:12.345Z\"");
        body.ContainsKey("Catalog").ShouldBeFalse();
        body.ContainsKey("Id").ShouldBeFalse();
    }

    [Theory]
    [InlineData("\"2025-06-01T10:11:12Z\"")]
    [InlineData("\"2025-06-01T10:11:12.1234567+02:00\"")]
    [InlineData("\"2025-06-01T10:11:12.3Z\"")]
    [InlineData("1748772672.345")]
    public void LastModifiedDate_is_echoed_in_whatever_form_it_came(string lastModified)
    {
        var document = Document($$"""{"Id":"O1","LastModifiedDate":{{lastModified}}}""");

        var body = MappingFixtures.Mapper().MapUpdate(document, MappingFixtures.Deal(), null, []);

        // The same JSON value, not reformatted as a date (a serializer may still escape '+' as \u002B).
        JsonNode.DeepEquals(body["LastModifiedDate"], JsonNode.Parse(lastModified)).ShouldBeTrue();
        body["LastModifiedDate"]!.GetValueKind().ShouldBe(JsonNode.Parse(lastModified)!.GetValueKind());
        if (body["LastModifiedDate"]!.GetValueKind() == System.Text.Json.JsonValueKind.String)
            body["LastModifiedDate"]!.GetValue<string>().ShouldBe(JsonNode.Parse(lastModified)!.GetValue<string>());
    }

    [Fact]
    public void An_opportunity_without_LastModifiedDate_cannot_be_updated() =>
        Should.Throw<InvalidOperationException>(() =>
            MappingFixtures.Mapper().MapUpdate(Document("""{"Id":"O1"}"""), MappingFixtures.Deal(), null, []));

    [Fact]
    public void What_the_model_says_UpdateOpportunity_does_not_take_is_dropped()
    {
        var body = Update();

        foreach (var name in new[] { "Arn", "Catalog", "CreatedDate", "Id", "OpportunityTeam", "RelatedEntityIdentifiers" })
            body.ContainsKey(name).ShouldBeFalse(name);
        var lifeCycle = body["LifeCycle"]!.AsObject();
        foreach (var name in new[] { "ReviewStatus", "ReviewComments", "ReviewStatusReason", "NextStepsHistory" })
            lifeCycle.ContainsKey(name).ShouldBeFalse(name);
    }

    [Fact]
    public void Members_the_model_does_not_know_are_sent_back_as_they_came_at_any_depth()
    {
        var body = Update(MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()]);

        body["TopLevelAddedLater"]!.ToJsonString().ShouldBe("""{"x":1}""");
        ((string)body["Customer"]!["Account"]!["MemberAddedLater"]!).ShouldBe("dropped");
    }

    [Fact]
    public void Every_member_of_the_models_update_request_is_carried_including_the_ones_the_mapping_does_not_name()
    {
        var current = JsonNode.Parse(Current)!.AsObject();
        current["Project"]!["AwsPartition"] = "aws-eusc";
        current["Project"]!["ExpectedCustomerSpend"]![0]!["CurrencyCode"] = "EUR";

        var body = MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), MappingFixtures.Deal(9_001), null, []);

        ((string)body["Project"]!["AwsPartition"]!).ShouldBe("aws-eusc");
        body["Project"]!["ExpectedContractDuration"]!.ToJsonString().ShouldBe("""{"Term":"Months","Value":"36"}""");
    }

    [Fact]
    public void Spend_of_an_opportunity_in_the_European_Sovereign_Cloud_must_be_in_euros()
    {
        var current = JsonNode.Parse(Current)!.AsObject();
        current["Project"]!["AwsPartition"] = "aws-eusc";
        var inDollars = MappingFixtures.Deal(9_001, (DealProperties.Amount, "5000"), (DealProperties.Currency, "USD"));
        var inEuros = MappingFixtures.Deal(9_001, (DealProperties.Amount, "5000"), (DealProperties.Currency, "EUR"));

        var refusal = Should.Throw<NotSyncableException>(() => MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), inDollars, null, []));
        var body = MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), inEuros, null, []);

        refusal.Code.ShouldBe(NotSyncableException.CurrencyNotAccepted);
        refusal.Reason.ShouldStartWith("Partner Central accepts expected spend in EUR for opportunities in the AWS European Sovereign Cloud (aws-eusc); this deal is in USD.");
        ((string)body["Project"]!["ExpectedCustomerSpend"]![0]!["CurrencyCode"]!).ShouldBe("EUR");
    }

    [Fact]
    public void A_company_without_a_name_cannot_be_synced_and_says_why()
    {
        var nameless = MappingFixtures.Company((CompanyProperties.Name, " \t "), (CompanyProperties.Domain, "acme.example"));

        var refusal = Should.Throw<NotSyncableException>(() => Update(company: nameless));

        refusal.Code.ShouldBe(NotSyncableException.CompanyNameMissing);
        refusal.Reason.ShouldBe("The deal's company (HubSpot company 501) has no name, and Partner Central requires the customer's company name. Give the company a name in HubSpot.");
    }

    [Fact]
    public void Fields_Switchyard_does_not_map_are_sent_back_unchanged()
    {
        var current = JsonNode.Parse(Current)!;

        var body = Update();

        JsonNode.DeepEquals(body["SoftwareRevenue"], current["SoftwareRevenue"]).ShouldBeTrue();
        ((string)body["NationalSecurity"]!).ShouldBe("No");
        var project = body["Project"]!;
        foreach (var name in new[] { "AdditionalComments", "ApnPrograms", "CompetitorName", "OtherCompetitorNames", "OtherSolutionDescription", "RelatedOpportunityIdentifier" })
            JsonNode.DeepEquals(project[name], current["Project"]![name]).ShouldBeTrue(name);
        var marketing = body["Marketing"]!;
        foreach (var name in new[] { "AwsFundingUsed", "CampaignName", "Channels", "Source", "UseCases" })
            JsonNode.DeepEquals(marketing[name], current["Marketing"]![name]).ShouldBeTrue(name);
    }

    [Fact]
    public void Without_a_company_or_contacts_the_customer_stays_as_it_is()
    {
        var body = Update();

        JsonNode.DeepEquals(body["Customer"], JsonNode.Parse("""
        {
          "Account": {
            "AwsAccountId": "123456789012", "CompanyName": "Acme", "Duns": "123456789", "Industry": "Other",
            "OtherIndustry": "Widgets", "WebsiteUrl": "https://acme.example",
            "Address": { "City": "Munich", "CountryCode": "DE", "PostalCode": "80331", "StateOrRegion": "Bavaria", "StreetAddress": "Marienplatz 1" },
            "MemberAddedLater": "dropped"
          },
          "Contacts": [ { "Email": "old@acme.example", "FirstName": "Old", "LastName": "Contact" } ]
        }
        """)).ShouldBeTrue(body["Customer"]!.ToJsonString());
    }

    [Fact]
    public void A_deal_with_nothing_to_say_changes_only_what_must_change()
    {
        var body = Update();

        ((string)body["LifeCycle"]!["Stage"]!).ShouldBe("Prospect");
        ((string)body["LifeCycle"]!["TargetCloseDate"]!).ShouldBe("2025-07-01");
        ((string)body["LifeCycle"]!["NextSteps"]!).ShouldBe("Old next steps");
        ((string)body["OpportunityType"]!).ShouldBe("Expansion");
        body["PrimaryNeedsFromAws"]!.ToJsonString().ShouldBe("""["Co-Sell - Deal Support"]""");
        ((string)body["Project"]!["CustomerBusinessProblem"]!).ShouldBe("Old problem statement, long enough.");
        ((string)body["Project"]!["CustomerUseCase"]!).ShouldBe("SAP");
        body["Project"]!["DeliveryModels"]!.ToJsonString().ShouldBe("""["Resell"]""");
        ((string)body["Project"]!["ExpectedCustomerSpend"]![0]!["EstimationUrl"]!).ShouldBe("https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef");
        ((string)body["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]!).ShouldBe("1000.00");
        ((string)body["Marketing"]!["Source"]!).ShouldBe("Marketing Activity");
    }

    [Fact]
    public void The_title_is_kept_when_the_deal_is_renamed() =>
        ((string)Update(MappingFixtures.Deal(9_001, (DealProperties.Name, "Renamed deal #AWS")))["Project"]!["Title"]!)
            .ShouldBe("Original title");

    [Fact]
    public void The_mapped_values_are_laid_over_the_current_opportunity()
    {
        var nextSteps = NextStepsText.FromNoteHtml("<p>Send the SOW on <b>Friday</b></p>");

        var body = Update(MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()], nextSteps);

        JsonNode.DeepEquals(body, JsonNode.Parse("""
        {
          "Identifier": "O1234567",
          "LastModifiedDate": "2025-06-01T10:11:12.345Z",
          "Customer": {
            "Account": {
              "AwsAccountId": "123456789012", "CompanyName": "Acme GmbH", "Duns": "123456789",
              "Industry": "Software and Internet", "WebsiteUrl": "https://www.acme.example",
              "Address": { "City": "Berlin", "CountryCode": "DE", "PostalCode": "10115", "StateOrRegion": "Berlin", "StreetAddress": "Invalidenstraße 1" },
              "MemberAddedLater": "dropped"
            },
            "Contacts": [ { "Email": "jana.schmidt@acme.example", "FirstName": "Jana", "LastName": "Schmidt", "BusinessTitle": "Head of Data", "Phone": "+49301234567" } ]
          },
          "LifeCycle": { "NextSteps": "Send the SOW on Friday", "Stage": "Technical Validation", "TargetCloseDate": "2025-09-30" },
          "Marketing": { "AwsFundingUsed": "Yes", "CampaignName": "Spring", "Channels": ["Email"], "Source": "Marketing Activity", "UseCases": ["Analytics"] },
          "NationalSecurity": "No",
          "OpportunityType": "Net New Business",
          "PartnerOpportunityIdentifier": "9001",
          "PrimaryNeedsFromAws": ["Co-Sell - Technical Consultation", "Co-Sell - Architectural Validation"],
          "Project": {
            "AdditionalComments": "Keep me",
            "ApnPrograms": ["Well-Architected"],
            "CompetitorName": "*Other",
            "CustomerBusinessProblem": "Acme runs its analytics on an ageing on-premises Hadoop cluster and wants to move to a managed data lake.",
            "CustomerUseCase": "Big Data: Data Warehouse/Data Integration/ETL/Data Lake/BI",
            "DeliveryModels": ["SaaS or PaaS", "Professional Services"],
            "ExpectedContractDuration": { "Term": "Months", "Value": "36" },
            "ExpectedCustomerSpend": [ { "Amount": "120000.00", "CurrencyCode": "EUR", "EstimationUrl": "https://calculator.aws/#/estimate?id=0123456789abcdef0123456789abcdef", "Frequency": "Monthly", "TargetCompany": "AWS" } ],
            "OtherCompetitorNames": "Someone",
            "OtherSolutionDescription": "Custom build",
            "RelatedOpportunityIdentifier": "O7654321",
            "SalesActivities": ["Initialized discussions with customer", "Conducted POC / Demo", "Customer has shown interest in solution", "In evaluation / planning stage"],
            "Title": "Original title"
          },
          "SoftwareRevenue": { "DeliveryModel": "Contract", "EffectiveDate": "2025-01-01", "ExpirationDate": "2026-01-01", "Value": { "Amount": "5000", "CurrencyCode": "USD" } },
          "TopLevelAddedLater": { "x": 1 }
        }
        """)).ShouldBeTrue(body.ToJsonString());
    }

    [Fact]
    public void An_account_value_HubSpot_lacks_does_not_clear_the_current_one()
    {
        var company = MappingFixtures.Company((CompanyProperties.Name, "Acme AG"));

        var account = Update(company: company)["Customer"]!["Account"]!;

        ((string)account["CompanyName"]!).ShouldBe("Acme AG");
        ((string)account["WebsiteUrl"]!).ShouldBe("https://acme.example");
        ((string)account["Industry"]!).ShouldBe("Other");
        ((string)account["OtherIndustry"]!).ShouldBe("Widgets");
        ((string)account["Address"]!["City"]!).ShouldBe("Munich");
    }

    [Fact]
    public void A_new_address_replaces_the_old_one_as_a_whole()
    {
        var company = MappingFixtures.Company((CompanyProperties.Name, "Acme"), (CompanyProperties.Country, "United Kingdom"), (CompanyProperties.City, "London"));

        Update(company: company)["Customer"]!["Account"]!["Address"]!.ToJsonString()
            .ShouldBe("""{"City":"London","CountryCode":"GB"}""");
    }

    [Theory]
    [InlineData("123456789", "Committed", "Committed")]
    [InlineData(null, "Committed", "Committed")]
    [InlineData("123456789", null, "Prospect")]
    [InlineData("closedwon", "Committed", "Launched")]
    public void An_unknown_HubSpot_stage_keeps_the_current_stage(string? hubSpotStage, string? currentStage, string expected)
    {
        var current = JsonNode.Parse(Current)!.AsObject();
        current["LifeCycle"]!["Stage"] = currentStage;

        var body = MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), MappingFixtures.Deal(9_001, (DealProperties.Stage, hubSpotStage)), null, []);

        ((string)body["LifeCycle"]!["Stage"]!).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "2025-07-01", "2025-07-01")]
    [InlineData(null, "2025-06-15", "2025-06-15")]
    [InlineData(null, "2025-06-14", "2025-09-13")]
    [InlineData(null, null, "2025-09-13")]
    [InlineData("2020-01-01", "2025-07-01", "2025-07-01")]
    [InlineData("2025-08-01T00:00:00Z", "2025-07-01", "2025-08-01")]
    public void The_target_close_date_comes_from_the_deal_or_stays_while_it_is_not_past(string? closeDate, string? currentDate, string expected)
    {
        var current = JsonNode.Parse(Current)!.AsObject();
        current["LifeCycle"]!["TargetCloseDate"] = currentDate;

        var body = MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), MappingFixtures.Deal(9_001, (DealProperties.CloseDate, closeDate)), null, []);

        ((string)body["LifeCycle"]!["TargetCloseDate"]!).ShouldBe(expected);
    }

    [Fact]
    public void A_lost_deal_gets_a_reason_and_keeps_one_it_has()
    {
        var lost = MappingFixtures.Deal(9_001, (DealProperties.Stage, "closedlost"));
        Update(lost)["LifeCycle"]!["ClosedLostReason"]!.GetValue<string>().ShouldBe("Other");

        var current = JsonNode.Parse(Current)!.AsObject();
        current["LifeCycle"]!["ClosedLostReason"] = "Price";
        MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), lost, null, [])["LifeCycle"]!["ClosedLostReason"]!
            .GetValue<string>().ShouldBe("Price");
    }

    [Fact]
    public void A_reopened_deal_loses_its_closed_lost_reason()
    {
        var current = JsonNode.Parse(Current)!.AsObject();
        current["LifeCycle"]!["Stage"] = "Closed Lost";
        current["LifeCycle"]!["ClosedLostReason"] = "Price";

        var body = MappingFixtures.Mapper().MapUpdate(new OpportunityDocument(current), MappingFixtures.Deal(9_001, (DealProperties.Stage, "qualifiedtobuy")), null, []);

        body["LifeCycle"]!.AsObject().ContainsKey("ClosedLostReason").ShouldBeFalse();
    }

    [Fact]
    public void Defaults_fill_only_what_the_opportunity_lacks()
    {
        var body = MappingFixtures.Mapper().MapUpdate(Document("""{"Id":"O1","LastModifiedDate":"2025-06-01T00:00:00Z","Project":{"Title":"T"}}"""), MappingFixtures.Deal(5), null, []);

        ((string)body["OpportunityType"]!).ShouldBe("Net New Business");
        body["PrimaryNeedsFromAws"]!.ToJsonString().ShouldBe("""["Co-Sell - Deal Support"]""");
        body["Project"]!["DeliveryModels"]!.ToJsonString().ShouldBe("""["SaaS or PaaS"]""");
        ((string)body["Project"]!["CustomerUseCase"]!).ShouldBe("Migration/Database Migration");
        ((string)body["Project"]!["CustomerBusinessProblem"]!).ShouldBe("Not yet described (from HubSpot deal 5)");
        ((string)body["LifeCycle"]!["Stage"]!).ShouldBe("Prospect");
        ((string)body["Marketing"]!["Source"]!).ShouldBe("None");
        ((string)body["Project"]!["Title"]!).ShouldBe("T");
    }

    [Fact]
    public void OtherIndustry_goes_when_the_industry_is_no_longer_Other_and_follows_it_when_it_is()
    {
        var software = MappingFixtures.Company((CompanyProperties.Name, "Acme"), (CompanyProperties.Industry, "COMPUTER_SOFTWARE"));
        Update(company: software)["Customer"]!["Account"]!.AsObject().ContainsKey("OtherIndustry").ShouldBeFalse();

        var research = MappingFixtures.Company((CompanyProperties.Name, "Acme"), (CompanyProperties.Industry, "RESEARCH"));
        ((string)Update(company: research)["Customer"]!["Account"]!["OtherIndustry"]!).ShouldBe("Research");
    }

    [Fact]
    public void The_update_does_not_touch_the_opportunity_it_was_made_from()
    {
        var document = Document();
        var before = document.Raw.ToJsonString();

        MappingFixtures.Mapper().MapUpdate(document, MappingFixtures.AcmeDeal(), MappingFixtures.AcmeCompany(), [MappingFixtures.AcmeContact()], "x");

        document.Raw.ToJsonString().ShouldBe(before);
    }
}
