using System.Text.Json.Nodes;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>The client against the emulator over loopback: every operation, and the semantics callers rely on.</summary>
public sealed class PartnerCentralClientTests : IAsyncLifetime
{
    PartnerCentralEmulatorHost _host = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    PartnerCentralEmulator Emulator => _host.Emulator;

    public async ValueTask InitializeAsync() => _host = await PartnerCentralEmulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_created_opportunity_comes_back_whole_from_GetOpportunity()
    {
        var client = _host.CreateClient().Client;

        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        var opportunity = await client.GetOpportunityAsync(created.Id, Cancel);

        created.Id.ShouldMatch("^O[0-9]{7,}$");
        created.PartnerOpportunityIdentifier.ShouldBe("4242");
        opportunity.Id.ShouldBe(created.Id);
        opportunity.ReviewStatus.ShouldBe("Pending Submission");
        opportunity.Title.ShouldBe("Example Corp data platform");
        opportunity.LastModifiedDate!.GetValue<string>().ShouldBe(created.LastModifiedDate);
        var raw = opportunity.Raw;
        ((string?)raw["Catalog"]).ShouldBe("AWS");
        ((string?)raw["CreatedDate"]).ShouldBe(created.LastModifiedDate);
        ((string?)raw["Customer"]!["Account"]!["CompanyName"]).ShouldBe("Example Corp");
        ((string?)raw["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]).ShouldBe("1200.00");
        ((string?)raw["LifeCycle"]!["NextStepsHistory"]![0]!["Value"]).ShouldBe("Kick-off call");
        raw["RelatedEntityIdentifiers"]!["Solutions"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task Timestamps_are_RFC_3339_in_UTC_with_milliseconds()
    {
        var created = await _host.CreateClient().Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        created.LastModifiedDate!.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
    }

    [Fact]
    public async Task Every_request_is_signed_for_partnercentral_selling_and_names_its_operation_and_catalog()
    {
        var client = _host.CreateClient(new Dictionary<string, string?> { ["Catalog"] = "Sandbox" }).Client;
        Emulator.SeedSolution("Sandbox", "Data platform");

        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        await client.GetOpportunityAsync(created.Id, Cancel);
        await client.ListSolutionsAsync(Cancel);

        var requests = Emulator.Requests;
        requests.Select(r => r.Operation).ShouldBe(["CreateOpportunity", "GetOpportunity", "ListSolutions"]);
        foreach (var request in requests)
        {
            request.StatusCode.ShouldBe(200);
            request.AccessKeyId.ShouldBe(PartnerCentralEmulatorHost.AccessKeyId);
            request.Header("Content-Type").ShouldBe("application/x-amz-json-1.0");
            request.Header("X-Amz-Target").ShouldBe($"AWSPartnerCentralSelling.{request.Operation}");
            request.Header("Authorization")!.ShouldStartWith($"AWS4-HMAC-SHA256 Credential={PartnerCentralEmulatorHost.AccessKeyId}/");
            request.Header("Authorization")!.ShouldContain("/us-east-1/partnercentral-selling/aws4_request");
            ((string?)request.Json!["Catalog"]).ShouldBe("Sandbox");
        }
    }

    [Fact]
    public async Task Requests_are_PascalCase_without_nulls()
    {
        await _host.CreateClient().Client.CreateOpportunityAsync(Opportunities.Valid() with { Marketing = null, NationalSecurity = null }, Cancel);

        var body = Emulator.Requests.Single().Body;
        body.ShouldContain("\"ClientToken\":\"deal-4242\"");
        body.ShouldContain("\"CustomerBusinessProblem\":");
        body.ShouldNotContain("null");
        body.ShouldNotContain("Marketing");
    }

    [Fact]
    public async Task Sending_back_the_read_document_with_a_change_updates_the_opportunity()
    {
        var client = _host.CreateClient().Client;
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        var read = await client.GetOpportunityAsync(created.Id, Cancel);

        var update = (JsonObject)read.Raw.DeepClone();
        update["Identifier"] = read.Id;
        update["LifeCycle"]!["Stage"] = "Qualified";
        update["LifeCycle"]!["NextSteps"] = "Technical deep dive";
        var updated = await client.UpdateOpportunityAsync(update, Cancel);
        var after = await client.GetOpportunityAsync(created.Id, Cancel);

        updated.Id.ShouldBe(created.Id);
        updated.LastModifiedDate.ShouldNotBe(created.LastModifiedDate);
        after.LastModifiedDate!.GetValue<string>().ShouldBe(updated.LastModifiedDate);
        ((string?)after.Raw["LifeCycle"]!["Stage"]).ShouldBe("Qualified");
        after.ReviewStatus.ShouldBe("Pending Submission");
        after.Raw["LifeCycle"]!["NextStepsHistory"]!.AsArray().Count.ShouldBe(2);
        ((string?)after.Raw["Customer"]!["Account"]!["CompanyName"]).ShouldBe("Example Corp");
        ((string?)after.Raw["CreatedDate"]).ShouldBe(created.LastModifiedDate);
        // The caller's copy is left as it was.
        update["Catalog"]!.GetValue<string>().ShouldBe("AWS");
        read.Raw["Identifier"].ShouldBeNull();
    }

    [Fact]
    public async Task A_field_left_out_of_an_update_is_null_afterwards_so_callers_must_send_the_whole_opportunity()
    {
        var client = _host.CreateClient().Client;
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        await client.UpdateOpportunityAsync(new JsonObject
        {
            ["Identifier"] = created.Id,
            ["LastModifiedDate"] = created.LastModifiedDate,
            ["Project"] = new JsonObject { ["Title"] = "Example Corp data platform", ["CustomerBusinessProblem"] = "Only the project was sent in this update." },
        }, Cancel);
        var after = await client.GetOpportunityAsync(created.Id, Cancel);

        after.Raw["Customer"].ShouldBeNull();
        after.Raw["PartnerOpportunityIdentifier"].ShouldBeNull();
        after.Raw["Project"]!["ExpectedCustomerSpend"].ShouldBeNull();
        after.Raw["LifeCycle"]!["Stage"].ShouldBeNull();
        ((string?)after.Raw["Project"]!["CustomerBusinessProblem"]).ShouldBe("Only the project was sent in this update.");
        // What AWS owns survives.
        after.ReviewStatus.ShouldBe("Pending Submission");
        after.Raw["LifeCycle"]!["NextStepsHistory"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_update_with_a_stale_LastModifiedDate_is_a_conflict()
    {
        var client = _host.CreateClient().Client;
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        var read = await client.GetOpportunityAsync(created.Id, Cancel);
        var update = (JsonObject)read.Raw.DeepClone();
        update["Identifier"] = read.Id;
        await client.UpdateOpportunityAsync(update, Cancel);

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.UpdateOpportunityAsync(update, Cancel));

        e.Kind.ShouldBe(PartnerCentralErrorKind.Conflict);
        e.ErrorType.ShouldBe("ConflictException");
        e.Reason.ShouldContain("LastModifiedDate");
        Emulator.Requests[^1].StatusCode.ShouldBe(409);
    }

    [Theory]
    [InlineData("Submitted")]
    [InlineData("In review")]
    public async Task An_opportunity_in_review_refuses_updates_as_a_validation_error(string reviewStatus)
    {
        var client = _host.CreateClient().Client;
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        Emulator.SetReviewStatus(created.Id, reviewStatus);
        var read = await client.GetOpportunityAsync(created.Id, Cancel);
        var update = (JsonObject)read.Raw.DeepClone();
        update["Identifier"] = read.Id;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.UpdateOpportunityAsync(update, Cancel));

        read.ReviewStatus.ShouldBe(reviewStatus);
        e.ErrorType.ShouldBe("ValidationException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
        e.Reason.ShouldContain(reviewStatus);
    }

    [Fact]
    public async Task An_approved_opportunity_keeps_its_title()
    {
        var client = _host.CreateClient().Client;
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);
        Emulator.SetReviewStatus(created.Id, "Approved");
        var read = await client.GetOpportunityAsync(created.Id, Cancel);
        var update = (JsonObject)read.Raw.DeepClone();
        update["Identifier"] = read.Id;
        update["Project"]!["Title"] = "A new title";

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.UpdateOpportunityAsync(update, Cancel));

        e.ErrorType.ShouldBe("ValidationException");
        e.Reason.ShouldContain("Project.Title");
    }

    [Fact]
    public async Task The_same_client_token_returns_the_same_opportunity_instead_of_a_second_one()
    {
        var client = _host.CreateClient().Client;

        var first = await client.CreateOpportunityAsync(Opportunities.Valid("deal-7"), Cancel);
        var second = await client.CreateOpportunityAsync(Opportunities.Valid("deal-7"), Cancel);

        second.ShouldBe(first);
        Emulator.Opportunities.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_client_token_reused_with_another_body_is_refused_as_a_conflict()
    {
        var client = _host.CreateClient().Client;
        await client.CreateOpportunityAsync(Opportunities.Valid("deal-8"), Cancel);

        var e = await Should.ThrowAsync<PartnerCentralException>(() =>
            client.CreateOpportunityAsync(Opportunities.Valid("deal-8") with { OpportunityType = "Expansion" }, Cancel));

        e.ErrorType.ShouldBe("ConflictException");
        e.Reason.ShouldBe("Conflicting client token submitted for a new request body.");
        Emulator.Opportunities.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_validation_error_is_permanent_and_carries_the_services_message()
    {
        var client = _host.CreateClient().Client;
        var request = Opportunities.Valid() with
        {
            Project = Opportunities.Valid().Project! with { CustomerBusinessProblem = "Too short" },
            Customer = new Customer { Account = new Account { Industry = "Software" } },
        };

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.CreateOpportunityAsync(request, Cancel));

        e.ErrorType.ShouldBe("ValidationException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
        e.Reason.ShouldStartWith("3 validation errors detected: ");
        e.Reason.ShouldContain("Value at 'Customer.Account.Industry' failed to satisfy constraint: Member must satisfy enum value set");
        e.Reason.ShouldContain("Value null at 'Customer.Account.CompanyName' failed to satisfy constraint: Member must not be null");
        e.Reason.ShouldContain("Value at 'Project.CustomerBusinessProblem' failed to satisfy constraint: Member must satisfy regular expression pattern: (?s).{20,2000}");
        e.Message.ShouldBe($"ValidationException: {e.Reason}");
        Emulator.Opportunities.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_opportunity_is_visible_only_in_the_catalog_it_was_created_in()
    {
        var aws = _host.CreateClient().Client;
        var sandbox = _host.CreateClient(new Dictionary<string, string?> { ["Catalog"] = "Sandbox" }).Client;
        var created = await aws.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        var e = await Should.ThrowAsync<PartnerCentralException>(() => sandbox.GetOpportunityAsync(created.Id, Cancel));

        e.ErrorType.ShouldBe("ResourceNotFoundException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
        (await aws.GetOpportunityAsync(created.Id, Cancel)).Id.ShouldBe(created.Id);
        // Client tokens are per catalog too: the same token in the sandbox is a new opportunity.
        (await sandbox.CreateOpportunityAsync(Opportunities.Valid(), Cancel)).Id.ShouldNotBe(created.Id);
    }

    [Fact]
    public async Task An_associated_solution_is_listed_on_the_opportunity_and_changes_its_LastModifiedDate()
    {
        var client = _host.CreateClient().Client;
        var solution = Emulator.SeedSolution("AWS", "Data platform");
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        await client.AssociateOpportunityAsync(created.Id, "Solutions", solution, Cancel);
        var after = await client.GetOpportunityAsync(created.Id, Cancel);

        after.Raw["RelatedEntityIdentifiers"]!["Solutions"]!.AsArray().Select(n => (string?)n).ShouldBe([solution]);
        after.LastModifiedDate!.GetValue<string>().ShouldNotBe(created.LastModifiedDate);
    }

    [Fact]
    public async Task Associating_a_solution_the_catalog_does_not_have_is_refused()
    {
        var client = _host.CreateClient().Client;
        var sandboxSolution = Emulator.SeedSolution("Sandbox", "Sandbox only");
        var created = await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel);

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.AssociateOpportunityAsync(created.Id, "Solutions", sandboxSolution, Cancel));

        e.ErrorType.ShouldBe("ResourceNotFoundException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
    }

    [Fact]
    public async Task ListSolutions_follows_NextToken_through_every_page_of_the_catalog()
    {
        var expected = Enumerable.Range(1, 250).Select(i => Emulator.SeedSolution("AWS", $"Solution {i}", i % 3 == 0 ? "Draft" : "Active")).ToList();
        Emulator.SeedSolution("Sandbox", "Not in the AWS catalog");

        var solutions = await _host.CreateClient().Client.ListSolutionsAsync(Cancel);

        solutions.Select(s => s.Id).Order(StringComparer.Ordinal).ShouldBe(expected);
        solutions.Single(s => s.Id == expected[2]).ShouldBe(new SolutionSummary(expected[2], "Solution 3", "Draft", "Software Product"));
        var pages = Emulator.Requests.Where(r => r.Operation == "ListSolutions").ToList();
        pages.Count.ShouldBe(3);
        pages[0].Json!["NextToken"].ShouldBeNull();
        pages[1].Json!["NextToken"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ListSolutions_of_an_empty_catalog_is_empty() =>
        (await _host.CreateClient().Client.ListSolutionsAsync(Cancel)).ShouldBeEmpty();

    [Theory]
    [InlineData("ThrottlingException", null, 429, PartnerCentralErrorKind.Transient)]
    [InlineData("ThrottlingException", 400, 400, PartnerCentralErrorKind.Transient)]
    [InlineData("InternalServerException", null, 500, PartnerCentralErrorKind.Transient)]
    [InlineData("ServiceUnavailableException", 503, 503, PartnerCentralErrorKind.Transient)]
    [InlineData("AccessDeniedException", null, 403, PartnerCentralErrorKind.Permanent)]
    [InlineData("ServiceQuotaExceededException", null, 402, PartnerCentralErrorKind.Permanent)]
    [InlineData("ResourceNotFoundException", null, 404, PartnerCentralErrorKind.Permanent)]
    [InlineData("ConflictException", null, 409, PartnerCentralErrorKind.Conflict)]
    public async Task Each_error_type_is_handled_as_its_kind(string errorType, int? status, int expectedStatus, PartnerCentralErrorKind kind)
    {
        var client = _host.CreateClient().Client;
        Emulator.FailNext(1, errorType, status);

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe(errorType);
        e.Kind.ShouldBe(kind);
        Emulator.Requests.Single().StatusCode.ShouldBe(expectedStatus);
        (await client.ListSolutionsAsync(Cancel)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_throttled_create_succeeds_when_retried_with_the_same_token()
    {
        var client = _host.CreateClient().Client;
        Emulator.FailNext(2, "ThrottlingException", operation: "CreateOpportunity");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var e = await Should.ThrowAsync<PartnerCentralException>(() => client.CreateOpportunityAsync(Opportunities.Valid(), Cancel));
            e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
            e.Reason.ShouldBe("Rate exceeded");
        }

        (await client.CreateOpportunityAsync(Opportunities.Valid(), Cancel)).Id.ShouldStartWith("O");
        Emulator.Opportunities.Count.ShouldBe(1);
    }
}
