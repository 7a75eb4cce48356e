using System.Text.Json.Nodes;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Tests.PartnerCentralModel;

/// <summary>AWS's model, read from botocore's file, and the validator's reading of it.</summary>
public class ServiceModelTests
{
    static readonly ServiceModel Model = ServiceModel.PartnerCentralSelling;

    static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    static IReadOnlyList<ModelViolation> Create(string members) =>
        Model.Validate("CreateOpportunity", Json($$"""{"Catalog":"AWS","ClientToken":"t"{{(members.Length == 0 ? "" : "," + members)}}}"""));

    [Fact]
    public void The_embedded_model_is_botocores_and_every_pattern_in_it_translates()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "AwsModel", "partnercentral-selling.service-2.json")))!;
        var patterns = file["shapes"]!.AsObject().Count(s => s.Value!["pattern"] is not null);

        Model.ApiVersion.ShouldBe("2022-07-26");
        Model.TargetPrefix.ShouldBe("AWSPartnerCentralSelling");
        Model.Shapes.Count.ShouldBe(file["shapes"]!.AsObject().Count);
        Model.Operations.Count.ShouldBe(file["operations"]!.AsObject().Count);
        Model.Shapes.Values.Count(s => s.Pattern is not null).ShouldBe(patterns);
        patterns.ShouldBeGreaterThan(90);
    }

    [Fact]
    public void A_valid_request_has_no_violations_and_members_the_model_does_not_know_are_ignored() =>
        Create("""
            "Origin":"Partner Referral","Customer":{"Account":{"CompanyName":"Acme","Industry":"Retail","NewMember":1}},
            "Project":{"CustomerBusinessProblem":"A problem long enough to pass.","ExpectedCustomerSpend":[{"Amount":"10.00","CurrencyCode":"EUR","Frequency":"Monthly","TargetCompany":"AWS"}]},
            "SomethingNew":{"x":true}
            """).ShouldBeEmpty();

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public void A_length_pattern_counts_code_points(int emoji, bool valid) =>
        Create($$"""
            "Project":{"CustomerBusinessProblem":"{{string.Concat(Enumerable.Repeat("😀", emoji))}}"}
            """).Count.ShouldBe(valid ? 0 : 1);

    [Theory]
    [InlineData("e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301", true)]
    [InlineData("🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪", true)]
    [InlineData("🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪🇩🇪", false)]
    [InlineData("Line one\nline two, long enough", true)]
    public void Every_code_point_of_a_combined_character_counts(string problem, bool valid) =>
        Create($$"""
            "Project":{"CustomerBusinessProblem":{{JsonValue.Create(problem).ToJsonString()}}}
            """).Count.ShouldBe(valid ? 0 : 1);

    [Theory]
    [InlineData("ClientToken", ".{1,255}", "a\nb", false)]
    [InlineData("ClientToken", ".{1,255}", "a😀b", true)]
    [InlineData("AwsAccount", @"([0-9]{12}|\w{1,12})", "café", false)]
    [InlineData("AwsAccount", @"([0-9]{12}|\w{1,12})", "acme_prod", true)]
    [InlineData("AwsAccount", @"([0-9]{12}|\w{1,12})", "١٢٣", false)]
    [InlineData("PhoneNumber", @"\+[1-9]\d{1,14}", "+4930123456", true)]
    [InlineData("PhoneNumber", @"\+[1-9]\d{1,14}", "+49301234567\n", false)]
    [InlineData("PhoneNumber", @"\+[1-9]\d{1,14}", "x+4930123456", false)]
    public void Patterns_are_Java_patterns_matched_against_the_whole_value(string shape, string pattern, string value, bool matches)
    {
        var modelPattern = Model.Shape(shape).Pattern!;

        modelPattern.Source.ShouldBe(pattern);
        modelPattern.IsMatch(value).ShouldBe(matches);
    }

    [Fact]
    public void The_email_pattern_counts_its_80_character_limit_in_code_points()
    {
        var email = Model.Shape("Email").Pattern!;

        email.IsMatch(new string('a', 68) + "@example.com").ShouldBeTrue();
        email.IsMatch(new string('a', 69) + "@example.com").ShouldBeFalse();
        email.IsMatch("Jane@example.com").ShouldBeFalse("the model's pattern has no capitals");
    }

    [Fact]
    public void Constructs_the_translation_would_misread_are_refused_rather_than_guessed()
    {
        Should.Throw<NotSupportedException>(() => new ModelPattern("(?i)abc"));
        Should.Throw<NotSupportedException>(() => new ModelPattern(@"\Qa.b\E"));
        Should.Throw<NotSupportedException>(() => new ModelPattern("[a-z&&[^b]]"));
        Should.Throw<NotSupportedException>(() => new ModelPattern(@"(a)\1"));
        new ModelPattern("[^a-z]{2}").IsMatch("😀😀").ShouldBeTrue("a negated class takes a supplementary character whole");
    }

    [Fact]
    public void Required_members_enums_and_list_sizes_are_checked_with_AWS_wording()
    {
        var spend = string.Join(",", Enumerable.Repeat("""{"CurrencyCode":"USD","Frequency":"Monthly","TargetCompany":"AWS"}""", 11));

        var violations = Create($$$"""
            "Customer":{"Account":{"Industry":"Software"}},"Project":{"ExpectedCustomerSpend":[{{{spend}}}]}
            """);

        violations.Select(v => (v.Path, v.Code)).ShouldBe(
        [
            ("Customer.Account.Industry", "INVALID_ENUM_VALUE"),
            ("Customer.Account.CompanyName", "REQUIRED_FIELD_MISSING"),
            ("Project.ExpectedCustomerSpend", "TOO_MANY_VALUES"),
        ], ignoreOrder: true);
        violations.Single(v => v.Code == "REQUIRED_FIELD_MISSING").Sentence
            .ShouldBe("Value null at 'Customer.Account.CompanyName' failed to satisfy constraint: Member must not be null");
        violations.Single(v => v.Code == "TOO_MANY_VALUES").Message.ShouldBe("Member must have length less than or equal to 10");
    }

    [Fact]
    public void A_value_of_the_wrong_JSON_type_is_its_own_kind()
    {
        var violations = Create("""
            "Customer":{"Account":"Acme"},"PrimaryNeedsFromAws":"Co-Sell - Deal Support","LifeCycle":{"Stage":7}
            """);

        violations.ShouldAllBe(v => v.Kind == ViolationKind.WrongType);
        violations.Select(v => v.Message).ShouldBe(
        [
            "Expected a list at 'PrimaryNeedsFromAws'.", "Expected a structure at 'Customer.Account'.", "Expected a string at 'LifeCycle.Stage'.",
        ], ignoreOrder: true);
    }

    [Fact]
    public void Messages_name_the_field_never_the_value()
    {
        var violations = Create("""
            "Customer":{"Account":{"CompanyName":"SecretCo-7f3a","Industry":"SecretIndustry-7f3a","WebsiteUrl":"x"},"Contacts":[{"Email":"Secret-7f3a@Example.com","Phone":"secret-7f3a"}]}
            """);

        violations.Count.ShouldBe(4);
        violations.ShouldAllBe(v => !v.Sentence.Contains("7f3a", StringComparison.Ordinal));
    }

    [Fact]
    public void The_documented_value_lists_are_read_from_the_members_documentation()
    {
        Documented("ExpectedCustomerSpend", "CurrencyCode").Values.ShouldBe(["USD", "EUR"]);
        Documented("MonetaryValue", "CurrencyCode").Values.ShouldBe(["USD", "EUR"]);
        Documented("Project", "ApnPrograms").Values!.Count.ShouldBe(16);
        Documented("Marketing", "UseCases").Values!.ShouldContain("Front End Web & Mobile");
        Documented("ExpectedContractDuration", "Value").Range.ShouldBe((1, 144));
        Model.UsStates.Values!.ShouldContain("Dist. of Columbia");
        Model.UsStates.Values!.ShouldContain("FPO, AP");
        Model.Shape("CurrencyCode").Enum!.Count.ShouldBe(168, "the model's enum is wider than what expected spend accepts");
    }

    [Fact]
    public void A_documented_list_narrows_the_models_enum_and_applies_to_each_item_of_a_list()
    {
        var violations = Create("""
            "Project":{"ApnPrograms":["Well-Architected","Nope"],"ExpectedCustomerSpend":[{"CurrencyCode":"GBP","Frequency":"Monthly","TargetCompany":"AWS"}]}
            """);

        violations.Select(v => (v.Path, v.Kind)).ShouldBe(
        [
            ("Project.ApnPrograms[1]", ViolationKind.NotDocumentedValue),
            ("Project.ExpectedCustomerSpend[0].CurrencyCode", ViolationKind.NotDocumentedValue),
        ], ignoreOrder: true);
    }

    [Theory]
    [InlineData("CreateOpportunity", """{"Catalog":"AWS","Origin":"AWS Referral"}""", "Origin")]
    [InlineData("CreateOpportunity", """{"Customer":{"Account":{"CompanyName":"X","Industry":"Other"}}}""", "Customer.Account.OtherIndustry")]
    [InlineData("UpdateOpportunity", """{"NationalSecurity":"Yes","Customer":{"Account":{"CompanyName":"X","Industry":"Retail"}}}""", "NationalSecurity")]
    [InlineData("UpdateOpportunity", """{"LifeCycle":{"Stage":"Closed Lost"}}""", "LifeCycle.ClosedLostReason")]
    [InlineData("UpdateOpportunity", """{"Project":{"AwsPartition":"aws-eusc","ExpectedCustomerSpend":[{"CurrencyCode":"USD"}]}}""", "Project.ExpectedCustomerSpend[0].CurrencyCode")]
    [InlineData("UpdateOpportunity", """{"Project":{"AwsPartition":"aws-eusc"},"SoftwareRevenue":{"Value":{"Amount":"1","CurrencyCode":"USD"}}}""", "SoftwareRevenue.Value.CurrencyCode")]
    [InlineData("UpdateOpportunity", """{"Customer":{"Account":{"CompanyName":"X","Address":{"CountryCode":"US","StateOrRegion":"CA"}}}}""", "Customer.Account.Address.StateOrRegion")]
    [InlineData("UpdateOpportunity", """{"Project":{"CompetitorName":"Akamai","OtherCompetitorNames":"Acme"}}""", "Project.OtherCompetitorNames")]
    [InlineData("UpdateOpportunity", """{"Marketing":{"AwsFundingUsed":"No","UseCases":["IoT"]}}""", "Marketing.UseCases")]
    public void Documented_rules_across_members_are_business_rules(string operation, string request, string field)
    {
        var broken = Model.CheckRules(operation, Json(request));

        broken.ShouldHaveSingleItem().Path.ShouldBe(field);
        broken[0].IsBusinessRule.ShouldBeTrue();
    }

    [Theory]
    [InlineData("CreateOpportunity", """{"Catalog":"Sandbox","Origin":"AWS Referral"}""")]
    [InlineData("UpdateOpportunity", """{"NationalSecurity":"Yes","Customer":{"Account":{"CompanyName":"X","Industry":"Government"}}}""")]
    [InlineData("UpdateOpportunity", """{"Customer":{"Account":{"CompanyName":"X","Address":{"CountryCode":"US","StateOrRegion":"California"}}}}""")]
    [InlineData("UpdateOpportunity", """{"Customer":{"Account":{"CompanyName":"X","Address":{"CountryCode":"DE","StateOrRegion":"Bayern"}}}}""")]
    [InlineData("UpdateOpportunity", """{"Project":{"AwsPartition":"aws-eusc","ExpectedCustomerSpend":[{"CurrencyCode":"EUR"}]}}""")]
    [InlineData("UpdateOpportunity", """{"Project":{"CompetitorName":"*Other","OtherCompetitorNames":"Acme"}}""")]
    [InlineData("GetOpportunity", """{"NationalSecurity":"Yes"}""")]
    public void Requests_that_keep_the_rules_pass_them(string operation, string request) =>
        Model.CheckRules(operation, Json(request)).ShouldBeEmpty();

    [Fact]
    public void Check_reports_the_shape_first_and_the_rules_only_of_a_well_formed_request()
    {
        var malformed = Json("""{"Catalog":"AWS","ClientToken":"t","Origin":"AWS Referral","NationalSecurity":"Maybe"}""");
        var wellFormed = Json("""{"Catalog":"AWS","ClientToken":"t","Origin":"AWS Referral"}""");

        Model.Check("CreateOpportunity", malformed).ShouldHaveSingleItem().Path.ShouldBe("NationalSecurity");
        Model.Check("CreateOpportunity", wellFormed).ShouldHaveSingleItem().Path.ShouldBe("Origin");
    }

    [Fact]
    public void Members_only_AWS_writes_are_in_the_model_as_LifeCycle_members()
    {
        var lifeCycle = Model.Shape("LifeCycle");

        foreach (var path in DocumentedRules.ReadOnlyMembers)
            lifeCycle.Member(path["LifeCycle.".Length..]).ShouldNotBeNull(path);
        Model.Operation("UpdateOpportunity").Input!.Member("LifeCycle")!.Shape.ShouldBeSameAs(lifeCycle);
    }

    [Fact]
    public void Timestamps_and_integers_are_checked_by_their_format_and_range()
    {
        Model.Validate("UpdateOpportunity", Json("""{"Catalog":"AWS","Identifier":"O1","LastModifiedDate":"yesterday"}"""))
            .ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.InvalidTimestamp);
        Model.Validate("UpdateOpportunity", Json("""{"Catalog":"AWS","Identifier":"O1","LastModifiedDate":"2025-06-01T10:11:12.345+02:00"}"""))
            .ShouldBeEmpty();
        Model.Validate("ListSolutions", Json("""{"Catalog":"AWS","MaxResults":101}"""))
            .ShouldHaveSingleItem().Code.ShouldBe("VALUE_OUT_OF_RANGE");
        Model.Validate("ListSolutions", Json("""{"Catalog":"AWS","MaxResults":1.5}"""))
            .ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.WrongType);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("😀", 1)]
    [InlineData("👨‍👩‍👧", 5)]
    [InlineData("", 0)]
    public void Scalar_values_are_code_points(string text, int count)
    {
        ScalarValues.Count(text).ShouldBe(count);
        ScalarValues.IndexAfter(text, count).ShouldBe(text.Length);
    }

    [Fact]
    public void Lone_surrogates_count_once_and_can_be_replaced()
    {
        ScalarValues.Count("a\ud800b\udc00").ShouldBe(4);
        ScalarValues.IndexAfter("😀😀", 1).ShouldBe(2);
        ScalarValues.WithoutLoneSurrogates("a\ud800b😀\udc00").ShouldBe("a\ufffdb😀\ufffd");
        ScalarValues.WithoutLoneSurrogates("plain").ShouldBeSameAs("plain");
    }

    [Fact]
    public void A_whole_number_built_in_code_is_an_integer_as_one_parsed_from_the_wire()
    {
        Model.Validate("ListOpportunities", new JsonObject { ["Catalog"] = "AWS", ["MaxResults"] = 20 }).ShouldBeEmpty();
        Model.Validate("ListOpportunities", new JsonObject { ["Catalog"] = "AWS", ["MaxResults"] = 101L })
            .ShouldHaveSingleItem().Code.ShouldBe("VALUE_OUT_OF_RANGE");
        Model.Validate("ListOpportunities", new JsonObject { ["Catalog"] = "AWS", ["MaxResults"] = 2.5 })
            .ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.WrongType);
    }

    [Fact]
    public void A_rejection_reason_is_one_of_the_documented_list()
    {
        // API_RejectEngagementInvitation: "Acceptable values include the following: ..."
        Documented("RejectEngagementInvitationRequest", "RejectionReason").Values.ShouldBe(
            ["Customer problem unclear", "Next steps unclear", "Unable to support", "Duplicate of partner referral", "Other"]);
        Model.Validate("RejectEngagementInvitation", Json("""{"Catalog":"AWS","Identifier":"engi-0000000000001","RejectionReason":"Other"}"""))
            .ShouldBeEmpty();
        Model.Validate("RejectEngagementInvitation", Json("""{"Catalog":"AWS","Identifier":"engi-0000000000001","RejectionReason":"Too busy"}"""))
            .ShouldHaveSingleItem().Kind.ShouldBe(ViolationKind.NotDocumentedValue);
    }

    static DocumentedConstraint Documented(string shape, string member) => Model.Shape(shape).Member(member)!.Documented!;
}
