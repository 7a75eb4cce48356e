using System.Text.Json.Nodes;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Submission;
using Switchyard.Processor.Tests.Conformance;

namespace Switchyard.Processor.Tests.Submission;

/// <summary>
/// Review gating: in Action Required only the fields AWS opens are sent, after approval the fields it freezes keep
/// Partner Central's values; proven on the emulator, which refuses any violation, by counting and reading the updates.
/// </summary>
public sealed class ReviewGatingTests
{
    const long DealId = 4201;
    const string NewProblem = "Replace the customer's ageing warehouse with a lakehouse on AWS.";

    [Fact]
    public void The_gate_puts_back_what_the_review_status_does_not_allow_and_names_it()
    {
        JsonObject Current() => new()
        {
            ["Identifier"] = "O1",
            ["LastModifiedDate"] = "2026-01-01T00:00:00Z",
            ["Customer"] = new JsonObject { ["Account"] = new JsonObject { ["Industry"] = "Software and Internet", ["WebsiteUrl"] = "https://a.example" } },
            ["Project"] = new JsonObject { ["Title"] = "T", ["CustomerBusinessProblem"] = "Old problem, twenty characters." },
            ["LifeCycle"] = new JsonObject { ["Stage"] = "Qualified", ["TargetCloseDate"] = "2030-01-01", ["ReviewStatus"] = "x" },
        };
        JsonObject Changed()
        {
            var update = Current();
            ((JsonObject)update["LifeCycle"]!).Remove("ReviewStatus");
            update["Customer"]!["Account"]!["Industry"] = "Healthcare";
            update["Customer"]!["Account"]!["WebsiteUrl"] = "https://b.example";
            update["LifeCycle"]!["Stage"] = "Committed";
            update["LifeCycle"]!["TargetCloseDate"] = "2030-02-01";
            return update;
        }

        var actionRequired = Changed();
        ReviewGate.Apply("Action Required", Current(), actionRequired).ShouldBe(["Customer.Account.Industry", "LifeCycle.Stage"]);
        ((string?)actionRequired["Customer"]!["Account"]!["Industry"]).ShouldBe("Software and Internet");
        ((string?)actionRequired["Customer"]!["Account"]!["WebsiteUrl"]).ShouldBe("https://b.example");
        ((string?)actionRequired["LifeCycle"]!["TargetCloseDate"]).ShouldBe("2030-02-01");

        var approved = Changed();
        ReviewGate.Apply("Approved", Current(), approved).ShouldBe(["Customer.Account.Industry", "Customer.Account.WebsiteUrl"]);
        ((string?)approved["LifeCycle"]!["Stage"]).ShouldBe("Committed");
        ((string?)approved["Customer"]!["Account"]!["WebsiteUrl"]).ShouldBe("https://a.example");

        var pending = Changed();
        ReviewGate.Apply("Pending Submission", Current(), pending).ShouldBeEmpty();
        ((string?)pending["Customer"]!["Account"]!["Industry"]).ShouldBe("Healthcare");
    }

    [Fact]
    public async Task In_Action_Required_an_allowed_change_is_sent_and_a_disallowed_one_is_not_and_said_once()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync();
        var opportunityId = await CreatedAsync(processor);
        processor.Emulator.SetReviewStatus(opportunityId, "Action Required");

        // The description is open in Action Required; the stage (and the sales activities it brings) is not.
        await ChangeAsync(processor, eventId: 1, (DealProperties.Description, NewProblem), (DealProperties.Stage, "contractsent"));
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunityUpdated>().Count, 1, "the update");
        // The update sent it back to review ("re-enters the validation phase"); AWS asks for more, and the seller
        // changes the amount, which is open too.
        ((string?)processor.Emulator.FindOpportunity(opportunityId)!["LifeCycle"]!["ReviewStatus"]).ShouldBe("Submitted");
        processor.Emulator.SetReviewStatus(opportunityId, "Action Required");
        await ChangeAsync(processor, eventId: 2, (DealProperties.Amount, "130000"));
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunityUpdated>().Count, 2, "the second update");

        var updates = Updates(processor);
        updates.Count.ShouldBe(2);
        ((string?)updates[0]["Project"]!["CustomerBusinessProblem"]).ShouldBe(NewProblem);
        updates.ShouldAllBe(u => (string?)u["LifeCycle"]!["Stage"] == "Qualified");
        processor.Published.Of<OpportunityUpdated>()[1].Message.UpdatedFields.ShouldBe(["Project.ExpectedCustomerSpend"]);
        processor.Emulator.Requests.Where(r => r.Operation == "UpdateOpportunity").ShouldAllBe(r => r.StatusCode == 200);
        processor.Crm.DealProperty(DealId, DealProperties.SyncError)!.ShouldStartWith("Not sent while Action Required: ");
        processor.Crm.DealProperty(DealId, DealProperties.SyncError)!.ShouldContain("LifeCycle.Stage");
        processor.Crm.CreatedNotes.Count(n => n.DealId == DealId && n.Body.Contains("did not send some changes", StringComparison.Ordinal)).ShouldBe(1);
        ShouldAllBeValid(processor);
    }

    [Fact]
    public async Task After_approval_the_fields_AWS_freezes_are_not_sent_and_the_others_are()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync();
        var opportunityId = await CreatedAsync(processor);
        var before = (string?)processor.Emulator.FindOpportunity(opportunityId)!["Project"]!["CustomerBusinessProblem"];
        processor.Emulator.SetReviewStatus(opportunityId, "Approved");

        await ChangeAsync(processor, eventId: 1, (DealProperties.Description, NewProblem), (DealProperties.Stage, "contractsent"));
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunityUpdated>().Count, 1, "the update");

        var sent = Updates(processor).ShouldHaveSingleItem();
        ((string?)sent["Project"]!["CustomerBusinessProblem"]).ShouldBe(before);
        ((string?)sent["LifeCycle"]!["Stage"]).ShouldBe("Committed");
        processor.Published.Of<OpportunityUpdated>().Single().Message.UpdatedFields.ShouldNotContain("Project.CustomerBusinessProblem");
        processor.Crm.DealProperty(DealId, DealProperties.SyncError)!.ShouldBe("Not sent while Approved: Project.CustomerBusinessProblem");
        ShouldAllBeValid(processor);
    }

    static async Task<string> CreatedAsync(ProcessorOnEmulator processor)
    {
        processor.Crm.AddCompany(10, "Acme Corp");
        processor.Crm.AddDeal(DealId, "Data platform #AWS", companyId: 10);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, DealId);
        await ProcessorOnEmulator.UntilAsync(() => processor.Emulator.Requests.Count(r => r.Operation == "AssociateOpportunity" && r.StatusCode == 200), 1, "the association");
        return processor.Crm.DealProperty(DealId, DealProperties.OpportunityId)!;
    }

    static async Task ChangeAsync(ProcessorOnEmulator processor, long eventId, params (string Property, string Value)[] changes)
    {
        await processor.Crm.UpdateDealAsync(DealId, changes.ToDictionary(c => c.Property, c => (string?)c.Value), TestContext.Current.CancellationToken);
        await processor.Module.Harness.Bus.Publish(new HubSpotEventReceived
        {
            EventId = eventId,
            SubscriptionId = 2,
            PortalId = ProcessorOnEmulator.Portal,
            AppId = 3,
            OccurredAt = DateTimeOffset.UtcNow,
            SubscriptionType = HubSpotSubscriptionTypes.DealPropertyChange,
            ObjectId = DealId,
            PropertyName = changes[0].Property,
        }, TestContext.Current.CancellationToken);
    }

    static List<JsonObject> Updates(ProcessorOnEmulator processor) =>
        processor.Emulator.Requests.Where(r => r.Operation == "UpdateOpportunity").Select(r => r.Json!).ToList();

    static void ShouldAllBeValid(ProcessorOnEmulator processor)
    {
        var requests = processor.Emulator.Requests;
        requests.SelectMany(r => ServiceModel.PartnerCentralSelling.Check(r.Operation!, r.Json!).Select(v => $"{r.Operation}: {v}")).ShouldBeEmpty();
        requests.Where(r => r.StatusCode != 200).Select(r => $"{r.Operation} {r.StatusCode} {r.Response?.ToJsonString()}").ShouldBeEmpty();
    }
}
