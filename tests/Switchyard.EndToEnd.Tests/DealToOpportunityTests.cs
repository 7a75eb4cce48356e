using System.Net;
using System.Text.Json.Nodes;
using Switchyard.Contracts.Processing;
using Switchyard.Emulators.HubSpot;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The product's purpose, on a real RabbitMQ broker: a HubSpot deal tagged <c>#AWS</c> becomes a Partner Central
/// opportunity, over real HTTP to both emulators, and later changes reach it.
/// </summary>
public class DealToOpportunityTests
{
    const long DealId = HubSpotEmulatorState.DemoAwsDealId;

    [Fact]
    public async Task A_signed_webhook_for_an_AWS_deal_creates_the_mapped_opportunity_and_writes_it_back_to_the_deal()
    {
        await using var pipeline = await RabbitMqPipeline.StartAsync("deal-created");

        var opportunityId = await CreateAsync(pipeline);

        var opportunity = pipeline.Crm.PartnerCentral.Emulator.FindOpportunity(opportunityId).ShouldNotBeNull();
        opportunity["Catalog"]!.GetValue<string>().ShouldBe("AWS");
        opportunity["OpportunityType"]!.GetValue<string>().ShouldBe("Net New Business");
        opportunity["PartnerOpportunityIdentifier"]!.GetValue<string>().ShouldBe("4242");
        var account = opportunity["Customer"]!["Account"]!;
        account["CompanyName"]!.GetValue<string>().ShouldBe("Acme Corp");
        account["WebsiteUrl"]!.GetValue<string>().ShouldBe("https://www.acme.com");
        account["Industry"]!.GetValue<string>().ShouldBe("Software and Internet");
        account["Address"]!["CountryCode"]!.GetValue<string>().ShouldBe("US");
        account["Address"]!["City"]!.GetValue<string>().ShouldBe("Seattle");
        var contacts = opportunity["Customer"]!["Contacts"]!.AsArray();
        contacts.Select(c => c!["Email"]!.GetValue<string>()).ShouldBe(["jane.doe@acme.com", "raj.patel@acme.com"], ignoreOrder: true);
        contacts.Single(c => c!["Email"]!.GetValue<string>() == "jane.doe@acme.com")!["Phone"]!.GetValue<string>().ShouldBe("+12065550142");
        opportunity["LifeCycle"]!["Stage"]!.GetValue<string>().ShouldBe("Qualified");
        opportunity["LifeCycle"]!["ReviewStatus"]!.GetValue<string>().ShouldBe("Pending Submission");
        opportunity["Project"]!["Title"]!.GetValue<string>().ShouldBe("Acme cloud migration");
        var spend = opportunity["Project"]!["ExpectedCustomerSpend"]!.AsArray().ShouldHaveSingleItem()!;
        spend["Amount"]!.GetValue<string>().ShouldBe("120000.00");
        spend["CurrencyCode"]!.GetValue<string>().ShouldBe("USD");
        spend["Frequency"]!.GetValue<string>().ShouldBe("Monthly");
        opportunity["RelatedEntityIdentifiers"]!["Solutions"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe([pipeline.Crm.SolutionId]);

        var create = pipeline.Crm.PartnerCentral.Emulator.Requests.Single(r => r.Operation == "CreateOpportunity");
        create.StatusCode.ShouldBe(200);
        create.Json!["ClientToken"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        create.Json!["Origin"]!.GetValue<string>().ShouldBe("Partner Referral");

        var deal = pipeline.Crm.HubSpot.State.Deal(DealId).ShouldNotBeNull();
        deal.Property("aws_opportunity_id").ShouldBe(opportunityId);
        deal.Property("aws_opportunity_title").ShouldBe("Acme cloud migration");
        deal.Property("aws_sync_status").ShouldBe("synced");
        deal.Property("aws_review_status").ShouldBe("Pending Submission");
    }

    [Fact]
    public async Task A_changed_amount_sends_the_whole_opportunity_with_the_LastModifiedDate_Partner_Central_last_gave_it()
    {
        await using var pipeline = await RabbitMqPipeline.StartAsync("deal-changed");
        var opportunityId = await CreateAsync(pipeline);
        var before = pipeline.Crm.PartnerCentral.Emulator.FindOpportunity(opportunityId).ShouldNotBeNull();

        pipeline.Crm.HubSpot.State.Edit("deals", DealId, new Dictionary<string, string> { ["amount"] = "250000" });
        using (var response = await pipeline.SendWebhookAsync(HubSpotBatches.DealPropertyChangedBody(DealId, "amount", "250000")))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var updated = (await pipeline.Subscriber.WaitForAsync(2))[1].Json;
        updated.GetProperty("type").GetString().ShouldBe(OutcomeEventTypes.OpportunityUpdated);
        updated.GetProperty("data").GetProperty("opportunityId").GetString().ShouldBe(opportunityId);

        var update = pipeline.Crm.PartnerCentral.Emulator.Requests.Single(r => r.Operation == "UpdateOpportunity").Json!;
        update["Identifier"]!.GetValue<string>().ShouldBe(opportunityId);
        update["LastModifiedDate"]!.GetValue<string>().ShouldBe(before["LastModifiedDate"]!.GetValue<string>());
        // Partner Central clears whatever an update leaves out, so everything it holds is sent back, not just the amount.
        update["Customer"]!["Account"]!["CompanyName"]!.GetValue<string>().ShouldBe("Acme Corp");
        update["Customer"]!["Contacts"]!.AsArray().Count.ShouldBe(2);
        update["LifeCycle"]!["Stage"]!.GetValue<string>().ShouldBe("Qualified");
        update["Project"]!["CustomerBusinessProblem"]!.GetValue<string>()
            .ShouldBe(before["Project"]!["CustomerBusinessProblem"]!.GetValue<string>());

        var after = pipeline.Crm.PartnerCentral.Emulator.FindOpportunity(opportunityId).ShouldNotBeNull();
        after["Project"]!["ExpectedCustomerSpend"]![0]!["Amount"]!.GetValue<string>().ShouldBe("250000.00");
        after["Project"]!["Title"]!.GetValue<string>().ShouldBe("Acme cloud migration");
        after["Customer"]!.ToJsonString().ShouldBe(before["Customer"]!.ToJsonString());
        after["LastModifiedDate"]!.GetValue<string>().ShouldNotBe(before["LastModifiedDate"]!.GetValue<string>());
        pipeline.Crm.HubSpot.State.Deal(DealId)!.Property("aws_sync_status").ShouldBe("synced");
    }

    /// <summary>Sends the deal's creation webhook and returns the id of the opportunity the subscriber hears about.</summary>
    static async Task<string> CreateAsync(RabbitMqPipeline pipeline)
    {
        using (var response = await pipeline.SendWebhookAsync(HubSpotBatches.DealCreatedBody(DealId)))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);

        var created = (await pipeline.Subscriber.WaitForAsync(1)).ShouldHaveSingleItem().Json;
        created.GetProperty("type").GetString().ShouldBe(OutcomeEventTypes.OpportunityCreated);
        var data = created.GetProperty("data");
        data.GetProperty("dealId").GetInt64().ShouldBe(DealId);
        // The write-back is the last step before the outcome event, so the deal is complete by now. The association
        // with the solution is a write of its own, sent after the creation: the opportunity is complete once it is made.
        var opportunityId = data.GetProperty("opportunityId").GetString().ShouldNotBeNull();
        await Poll.UntilAsync(() => pipeline.Crm.PartnerCentral.Emulator.Requests.Any(r => r.Operation == "AssociateOpportunity" && r.StatusCode == 200),
            "the association with the solution");
        return opportunityId;
    }
}
