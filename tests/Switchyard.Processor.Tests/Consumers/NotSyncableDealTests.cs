using System.Text.Json.Nodes;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>
/// Deals that cannot make a request Partner Central accepts fail their sync before anything is sent to AWS, with the
/// reason on the deal, and a correction in HubSpot syncs them.
/// </summary>
public class NotSyncableDealTests
{
    [Fact]
    public async Task A_deal_in_a_currency_Partner_Central_does_not_accept_fails_before_calling_AWS()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(401, "Acme UK #AWS", properties: (DealProperties.Currency, "GBP"));

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 401);

        var failed = await processor.OutcomeAsync<SyncFailed>();
        failed.Reason.ShouldBe(NotSyncableException.CurrencyNotAccepted);
        failed.Detail.ShouldStartWith("Partner Central accepts expected spend in USD or EUR; this deal is in GBP.");
        failed.OpportunityId.ShouldBeNull();
        processor.PartnerCentral.Calls.ShouldBeEmpty();
        processor.Crm.DealProperty(401, DealProperties.SyncStatus).ShouldBe(SyncStatuses.Failed);
        processor.Crm.DealProperty(401, DealProperties.SyncError).ShouldStartWith("CurrencyNotAccepted: Partner Central accepts expected spend in USD or EUR; this deal is in GBP.");
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("this deal is in GBP");
    }

    [Fact]
    public async Task Changing_the_currency_to_one_Partner_Central_accepts_creates_the_opportunity()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddDeal(402, "Acme UK #AWS", properties: (DealProperties.Currency, "GBP"));
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 402);
        await processor.OutcomeAsync<SyncFailed>();
        processor.Crm.Deals[402] = processor.Crm.Deals[402] with
        {
            Properties = new Dictionary<string, string?>(processor.Crm.Deals[402].Properties) { [DealProperties.Currency] = "EUR" },
        };

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 402, DealProperties.Currency);

        var created = await processor.OutcomeAsync<OpportunityCreated>();
        var spend = processor.PartnerCentral.Opportunities[created.OpportunityId]["Project"]!["ExpectedCustomerSpend"]![0]!;
        ((string?)spend["CurrencyCode"]).ShouldBe("EUR");
        processor.Crm.DealProperty(402, DealProperties.SyncError).ShouldBeNull();
    }

    [Fact]
    public async Task A_deal_whose_company_has_no_name_fails_before_calling_AWS()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        processor.Crm.AddCompany(41, "  ");
        processor.Crm.AddDeal(403, "Nameless #AWS", companyId: 41);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 403);

        var failed = await processor.OutcomeAsync<SyncFailed>();
        failed.Reason.ShouldBe(NotSyncableException.CompanyNameMissing);
        failed.Detail.ShouldContain("HubSpot company 41");
        processor.PartnerCentral.Calls.ShouldBeEmpty();
        processor.Crm.CreatedNotes.ShouldHaveSingleItem().Body.ShouldContain("Give the company a name in HubSpot.");
    }

    [Fact]
    public async Task An_update_to_a_currency_Partner_Central_does_not_accept_is_not_sent()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(404);
        var before = processor.PartnerCentral.Opportunities[opportunityId].ToJsonString();
        processor.Crm.Deals[404] = processor.Crm.Deals[404] with
        {
            Properties = new Dictionary<string, string?>(processor.Crm.Deals[404].Properties) { [DealProperties.Currency] = "JPY" },
        };

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 404, DealProperties.Currency);

        var failed = await processor.OutcomeAsync<SyncFailed>();
        failed.OpportunityId.ShouldBe(opportunityId);
        failed.Detail.ShouldContain("this deal is in JPY");
        processor.PartnerCentral.Calls.ShouldBe(["GetOpportunity"]);
        processor.PartnerCentral.Opportunities[opportunityId].ToJsonString().ShouldBe(before);
    }

    [Fact]
    public async Task An_opportunity_in_the_European_Sovereign_Cloud_takes_spend_in_euros_only()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(405);
        processor.PartnerCentral.Opportunities[opportunityId]["Project"]!["AwsPartition"] = "aws-eusc";

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 405, DealProperties.Amount);

        var failed = await processor.OutcomeAsync<SyncFailed>();
        failed.Reason.ShouldBe(NotSyncableException.CurrencyNotAccepted);
        failed.Detail.ShouldStartWith("Partner Central accepts expected spend in EUR for opportunities in the AWS European Sovereign Cloud (aws-eusc); this deal is in USD.");
        processor.PartnerCentral.Updates.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_update_keeps_members_newer_than_the_model_and_members_the_mapping_does_not_name()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        var opportunityId = processor.SeedSyncedDeal(406);
        var stored = processor.PartnerCentral.Opportunities[opportunityId];
        stored["Project"]!["ExpectedContractDuration"] = new JsonObject { ["Term"] = "Months", ["Value"] = "12" };
        stored["Project"]!["CarbonFootprint"] = "Low";
        stored["Sustainability"] = new JsonObject { ["Reported"] = true };

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 406, DealProperties.Amount);

        await processor.OutcomeAsync<OpportunityUpdated>();
        var sent = processor.PartnerCentral.Updates.ShouldHaveSingleItem();
        sent["Project"]!["ExpectedContractDuration"]!.ToJsonString().ShouldBe("""{"Term":"Months","Value":"12"}""");
        ((string?)sent["Project"]!["CarbonFootprint"]).ShouldBe("Low");
        sent["Sustainability"]!.ToJsonString().ShouldBe("""{"Reported":true}""");
    }
}
