using System.Text.Json.Nodes;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Invitations;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Tests.Conformance;
using Switchyard.Processor.Tests.PartnerCentral;

namespace Switchyard.Processor.Tests.Invitations;

/// <summary>
/// The seller answers a referral on its deal: Accept runs AWS's acceptance task, followed until it completes, and links
/// the opportunity it created; Reject needs one of AWS's reasons; every answer lands on the deal, and AWS's own report
/// of Switchyard's answer changes nothing more. Answers given in Partner Central's console, and by the auto-accept
/// rule, reach the deal too.
/// </summary>
public sealed class ReferralAnswerTests
{
    static async Task<(ProcessorOnEmulator Processor, string InvitationId, long DealId)> ReceivedAsync(
        IDictionary<string, string?>? overrides = null, TimeSpan? taskDelay = null, JsonObject? referral = null, LogCapture? logs = null)
    {
        var processor = await ReferralProcessor.StartAsync(overrides, taskDelay, logs);
        var id = processor.Referral(referral);
        await processor.ReportAsync(id);
        var deal = await processor.DealAsync(id);
        return (processor, id, deal.Id);
    }

    [Fact]
    public async Task Accept_on_the_deal_runs_one_task_followed_to_completion_and_links_the_opportunity_which_then_syncs()
    {
        var (processor, id, dealId) = await ReceivedAsync(taskDelay: TimeSpan.FromSeconds(3));
        await using var _ = processor;

        await processor.SetAsync(dealId, DealProperties.InvitationDecision, "Accept", eventId: 51);
        await ProcessorOnEmulator.UntilAsync(() => processor.Requests("StartEngagementByAcceptingInvitationTask").Count, 1, "the task started");
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Accepting");
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationAccepted>().Count, 1, "the acceptance");
        // AWS's event of the same acceptance changes nothing more.
        await processor.ReportAsync(id, "ACCEPTED");
        await processor.ConsumedAsync(2);
        await ProcessorOnEmulator.UntilAsync(() => processor.Requests("UpdateOpportunity").Count, 1, "the first sync");

        var opportunityId = processor.Emulator.Requests.Last(r => r.Operation == "ListEngagementByAcceptingInvitationTasks" && r.Json!["TaskIdentifier"] is not null)
            .Response!["TaskSummaries"]![0]!["OpportunityId"]!.GetValue<string>();
        var start = processor.Requests("StartEngagementByAcceptingInvitationTask").ShouldHaveSingleItem();
        ((string?)start["ClientToken"]).ShouldBe($"hubspot-{ReferralProcessor.Portal}-{id}-accept-51");
        ((string?)start["Identifier"]).ShouldBe(id);
        // Followed by scheduled checks: AWS said IN_PROGRESS at least once before COMPLETE.
        var statuses = processor.Emulator.Requests.Where(r => r.Operation == "ListEngagementByAcceptingInvitationTasks" && r.Json!["TaskIdentifier"] is not null)
            .Select(r => (string?)r.Response?["TaskSummaries"]?[0]?["TaskStatus"]).ToList();
        statuses.ShouldContain("IN_PROGRESS");
        statuses[^1].ShouldBe("COMPLETE");

        processor.Crm.DealProperty(dealId, DealProperties.OpportunityId).ShouldBe(opportunityId);
        processor.Crm.DealProperty(dealId, DealProperties.OpportunityTitle).ShouldBe("AnyCompany migration to AWS");
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Accepted");
        processor.Crm.DealProperty(dealId, DealProperties.SyncStatus).ShouldBe("synced");
        processor.Crm.CreatedNotes.Count(n => n.DealId == dealId && n.Body.Contains("was accepted by Switchyard", StringComparison.Ordinal)).ShouldBe(1);
        var accepted = processor.Published.Of<InvitationAccepted>().ShouldHaveSingleItem();
        accepted.Message.ShouldBe(accepted.Message with { DealId = dealId, InvitationId = id, OpportunityId = opportunityId });
        accepted.MessageId.ShouldBe(InvitationOutcomes.IdOf(ReferralProcessor.Portal, id, "accepted"));

        // The first sync: the deal's id is the opportunity's PartnerOpportunityIdentifier, and the solution is associated.
        var update = processor.Requests("UpdateOpportunity").ShouldHaveSingleItem();
        ((string?)update["Identifier"]).ShouldBe(opportunityId);
        ((string?)update["PartnerOpportunityIdentifier"]).ShouldBe(dealId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ((string?)update["Customer"]!["Account"]!["CompanyName"]).ShouldBe("AnyCompany");
        await ProcessorOnEmulator.UntilAsync(() => processor.Requests("AssociateOpportunity").Count, 1, "the solution associated");
        processor.Requests("CreateOpportunity").ShouldBeEmpty();
        processor.ShouldAllBeValid();
    }

    [Fact]
    public async Task An_acceptance_in_progress_is_one_Debug_line_per_check_and_no_retry_warning()
    {
        var logs = new LogCapture();
        var (processor, _, dealId) = await ReceivedAsync(taskDelay: TimeSpan.FromSeconds(5), logs: logs);
        await using var _ = processor;

        await processor.SetAsync(dealId, DealProperties.InvitationDecision, "Accept", eventId: 52);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationAccepted>().Count, 1, "the acceptance");

        var inProgress = processor.Emulator.Requests.Count(r => r.Operation == "ListEngagementByAcceptingInvitationTasks"
            && (string?)r.Response?["TaskSummaries"]?[0]?["TaskStatus"] == "IN_PROGRESS");
        inProgress.ShouldBeGreaterThan(0);
        var lines = logs.Lines;
        lines.Count(l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("(acceptance of AWS referral", StringComparison.Ordinal)
            && l.Contains("is in progress (check", StringComparison.Ordinal)).ShouldBe(inProgress);
        lines.ShouldNotContain(l => l.Contains(nameof(EngagementTaskInProgressException), StringComparison.Ordinal));
        lines.ShouldNotContain(l => (l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal))
            && l.Contains(InvitationRegistration.FollowEndpointName, StringComparison.Ordinal));
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Accepted");
    }

    [Fact]
    public async Task An_acceptance_still_in_progress_at_the_last_check_goes_to_the_error_queue_at_once_without_retries()
    {
        var logs = new LogCapture();
        var (processor, id, dealId) = await ReceivedAsync(taskDelay: TimeSpan.FromHours(1), logs: logs);
        await using var _ = processor;
        await processor.SetAsync(dealId, DealProperties.InvitationDecision, "Accept", eventId: 53);
        await ProcessorOnEmulator.UntilAsync(() => processor.Requests("StartEngagementByAcceptingInvitationTask").Count, 1, "the task started");
        var taskId = (string)processor.Emulator.Requests.Single(r => r.Operation == "StartEngagementByAcceptingInvitationTask").Response!["TaskId"]!;

        var last = new FollowInvitationAcceptance { PortalId = ReferralProcessor.Portal, DealId = dealId, InvitationId = id, TaskId = taskId, Check = EngagementTasks.Checks.Intervals.Count };
        var (fault, messageId) = await processor.FaultOfAsync(InvitationRegistration.FollowEndpointName, last);

        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(EngagementTaskNotFinishedException).FullName);
        fault.Exceptions[0].Message.ShouldContain($"still in progress after {last.Check + 1} checks");
        logs.Lines.ShouldNotContain(l => l.Contains("R-RETRY", StringComparison.Ordinal) && l.Contains(messageId.ToString(), StringComparison.Ordinal));
        // The deal still says Accepting: AWS's event of the acceptance, or the next poll, finishes it.
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Accepting");
    }

    [Fact]
    public async Task A_redelivered_decision_gets_AWSs_first_task_back_by_its_client_token()
    {
        var (processor, id, dealId) = await ReceivedAsync(taskDelay: TimeSpan.FromSeconds(2));
        await using var _ = processor;
        var answer = new AnswerInvitation { PortalId = ReferralProcessor.Portal, DealId = dealId, InvitationId = id, Decision = "Accept", Trigger = DealProperties.InvitationDecision, EventId = 77 };
        var endpoint = await processor.Module.Harness.Bus.GetSendEndpoint(Sync.SyncRequests.WriteQueueAddress(processor.Module.Services));

        await endpoint.Send(answer, TestContext.Current.CancellationToken);
        await endpoint.Send(answer, TestContext.Current.CancellationToken);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationAccepted>().Count, 1, "the acceptance");
        await ProcessorOnEmulator.UntilAsync(() => processor.Module.Harness.Consumed.Select<AnswerInvitation>(TestContext.Current.CancellationToken).Count(), 2, "both answers");

        var tokens = processor.Requests("StartEngagementByAcceptingInvitationTask").Select(r => (string?)r["ClientToken"]).ToList();
        tokens.Distinct().ShouldHaveSingleItem().ShouldBe($"hubspot-{ReferralProcessor.Portal}-{id}-accept-77");
        processor.Emulator.Requests.Where(r => r.Operation == "StartEngagementByAcceptingInvitationTask")
            .Select(r => (string?)r.Response?["TaskId"]).Distinct().Count().ShouldBe(1);
        processor.Published.Of<InvitationAccepted>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Reject_waits_for_one_of_AWSs_reasons_then_rejects_once_and_AWSs_report_of_it_adds_nothing()
    {
        var (processor, id, dealId) = await ReceivedAsync();
        await using var _ = processor;

        await processor.SetAsync(dealId, DealProperties.InvitationDecision, "Reject", eventId: 61);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<SyncFailed>().Count, 1, "the missing reason said");
        var missing = processor.Published.Of<SyncFailed>().Single().Message;
        missing.Reason.ShouldBe(AnswerInvitationConsumer.RejectionReasonMissing);
        missing.Detail.ShouldContain("Customer problem unclear, Next steps unclear, Unable to support, Duplicate of partner referral, Other");
        processor.Crm.DealProperty(dealId, DealProperties.SyncError)!.ShouldStartWith("RejectionReasonMissing: ");
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Pending");
        processor.Writes().ShouldBeEmpty();

        await processor.SetAsync(dealId, DealProperties.RejectionReason, "Unable to support", eventId: 62);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationRejected>().Count, 1, "the rejection");
        await processor.ReportAsync(id, "REJECTED");
        await processor.ConsumedAsync(2);

        var reject = processor.Requests("RejectEngagementInvitation").ShouldHaveSingleItem();
        ((string?)reject["Identifier"]).ShouldBe(id);
        ((string?)reject["RejectionReason"]).ShouldBe("Unable to support");
        ((string?)processor.Emulator.FindInvitation(id)!["Status"]).ShouldBe("REJECTED");
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Rejected");
        processor.Crm.DealProperty(dealId, DealProperties.SyncError).ShouldBeNull();
        processor.Crm.CreatedNotes.Count(n => n.DealId == dealId && n.Body.Contains("<strong>rejected</strong>", StringComparison.Ordinal)).ShouldBe(1);
        var rejected = processor.Published.Of<InvitationRejected>().ShouldHaveSingleItem().Message;
        (rejected.DealId, rejected.InvitationId).ShouldBe((dealId, id));
        rejected.Detail.ShouldBe("Rejected by Switchyard: Unable to support.");
        processor.ShouldAllBeValid();
    }

    [Fact]
    public async Task An_acceptance_AWS_fails_puts_its_message_on_the_deal_with_the_referrals_status_as_AWS_has_it()
    {
        var (processor, id, dealId) = await ReceivedAsync(taskDelay: TimeSpan.FromSeconds(4));
        await using var _ = processor;

        await processor.SetAsync(dealId, DealProperties.InvitationDecision, "Accept", eventId: 71);
        await ProcessorOnEmulator.UntilAsync(() => processor.Requests("StartEngagementByAcceptingInvitationTask").Count, 1, "the task started");
        // It expires while AWS works on the acceptance.
        processor.Emulator.ExpireInvitation(id);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<SyncFailed>().Count, 1, "the failure");

        var failed = processor.Published.Of<SyncFailed>().Single().Message;
        failed.Reason.ShouldBe("InvitationValidationFailed");
        failed.Detail.ShouldContain($"Engagement invitation {id} is EXPIRED and can no longer be accepted.");
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Expired");
        processor.Crm.DealProperty(dealId, DealProperties.SyncError)!.ShouldStartWith("InvitationValidationFailed: ");
        processor.Crm.CreatedNotes.ShouldContain(n => n.DealId == dealId && n.Body.Contains("can no longer be accepted", StringComparison.Ordinal));
        processor.Crm.DealProperty(dealId, DealProperties.OpportunityId).ShouldBeNull();
        processor.Published.Of<InvitationAccepted>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_decision_on_a_referral_that_has_expired_sends_nothing_to_AWS()
    {
        var (processor, id, dealId) = await ReceivedAsync();
        await using var _ = processor;
        processor.Emulator.ExpireInvitation(id);

        await processor.SetAsync(dealId, DealProperties.InvitationDecision, "Accept", eventId: 81);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<SyncSkipped>().Count(s => s.Message.SubscriptionType == InvitationFailures.Answer), 1, "the answer skipped");

        processor.Published.Of<SyncSkipped>().Single(s => s.Message.SubscriptionType == InvitationFailures.Answer).Message.Detail.ShouldContain("EXPIRED");
        processor.Writes().ShouldBeEmpty();
    }

    [Fact]
    public async Task Accepted_in_Partner_Centrals_console_links_the_deal_to_the_opportunity_found_through_the_engagement()
    {
        var (processor, id, dealId) = await ReceivedAsync();
        await using var _ = processor;

        var opportunityId = (string)processor.Emulator.AcceptInvitationInConsole(id)["OpportunityId"]!;
        await processor.ReportAsync(id, "ACCEPTED", PartnerCentralChangeSources.Polling);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationAccepted>().Count, 1, "the acceptance");

        processor.Crm.DealProperty(dealId, DealProperties.OpportunityId).ShouldBe(opportunityId);
        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Accepted");
        processor.Crm.CreatedNotes.ShouldContain(n => n.DealId == dealId && n.Body.Contains("was accepted in Partner Central", StringComparison.Ordinal));
        processor.Published.Of<InvitationAccepted>().Single().Message.Detail!.ShouldStartWith("Accepted in Partner Central");
        processor.Requests("ListEngagementResourceAssociations").ShouldNotBeEmpty();
        processor.Requests("StartEngagementByAcceptingInvitationTask").ShouldBeEmpty();
    }

    [Fact]
    public async Task The_customers_contacts_AWS_shares_on_the_accepted_opportunity_are_put_on_the_deal()
    {
        var (processor, id, dealId) = await ReceivedAsync();
        await using var _ = processor;
        processor.Crm.AddContact(880, "raj@anycompany.example");
        var opportunityId = (string)processor.Emulator.AcceptInvitationInConsole(id)["OpportunityId"]!;
        processor.Emulator.EditInConsole(opportunityId, opportunity => opportunity["Customer"]!["Contacts"] = new JsonArray(
            new JsonObject { ["Email"] = "ada@anycompany.example", ["FirstName"] = "Ada", ["LastName"] = "Lovelace", ["BusinessTitle"] = "CTO" },
            new JsonObject { ["Email"] = "raj@anycompany.example", ["FirstName"] = "Raj" }));

        await processor.ReportAsync(id, "ACCEPTED", PartnerCentralChangeSources.Polling);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationAccepted>().Count, 1, "the acceptance");

        var contacts = processor.Crm.Deals[dealId].ContactIds.Select(c => processor.Crm.Contacts[c]).ToList();
        contacts.Select(c => c.Property(ContactProperties.Email)).ShouldBe(["raj@anycompany.example", "ada@anycompany.example"], ignoreOrder: true);
        var ada = contacts.Single(c => c.Property(ContactProperties.Email) == "ada@anycompany.example");
        (ada.Property(ContactProperties.FirstName), ada.Property(ContactProperties.LastName), ada.Property(ContactProperties.JobTitle)).ShouldBe(("Ada", "Lovelace", "CTO"));
        // The one HubSpot knew by its email is associated, not made again.
        processor.Crm.Contacts.Values.Count(c => c.Property(ContactProperties.Email) == "raj@anycompany.example").ShouldBe(1);
        processor.Crm.CreatedNotes.ShouldContain(n => n.DealId == dealId && n.Body.Contains("AWS shared 2 customer contact(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejected_in_the_console_is_said_on_the_deal_with_AWSs_reason()
    {
        var (processor, id, dealId) = await ReceivedAsync();
        await using var _ = processor;

        processor.Emulator.RejectInvitationInConsole(id, "Duplicate of partner referral");
        await processor.ReportAsync(id, "REJECTED");
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationRejected>().Count, 1, "the rejection");

        processor.Crm.DealProperty(dealId, DealProperties.InvitationStatus).ShouldBe("Rejected");
        processor.Crm.DealProperty(dealId, DealProperties.RejectionReason).ShouldBe("Duplicate of partner referral");
        processor.Published.Of<InvitationRejected>().Single().Message.Detail.ShouldBe("Rejected in Partner Central: Duplicate of partner referral.");
        processor.Writes().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_auto_accept_rule_accepts_a_referral_it_takes_and_leaves_the_others_to_the_seller()
    {
        await using var processor = await ReferralProcessor.StartAsync(new Dictionary<string, string?>
        {
            ["Processor:Invitations:AutoAccept:Enabled"] = "true",
            ["Processor:Invitations:AutoAccept:MinimumMonthlySpend"] = "5000",
            ["Processor:Invitations:AutoAccept:CountryCodes:0"] = "US",
        });
        var large = processor.Referral();
        var small = processor.Referral(JsonNode.Parse("""{"Project": {"ExpectedCustomerSpend": [{"Amount": "1000.00", "CurrencyCode": "USD", "Frequency": "Monthly", "TargetCompany": "AWS"}]}}""")!.AsObject());

        await processor.ReportAsync(large);
        await processor.ReportAsync(small);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationAccepted>().Count, 1, "the acceptance");
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationReceived>().Count, 2, "both received");

        processor.Published.Of<InvitationAccepted>().Single().Message.InvitationId.ShouldBe(large);
        ((string?)processor.Requests("StartEngagementByAcceptingInvitationTask").ShouldHaveSingleItem()["ClientToken"])
            .ShouldBe($"hubspot-{ReferralProcessor.Portal}-{large}-accept-{PartnerCentralInvitationConsumer.AutoAcceptTrigger}");
        var smallDeal = await processor.DealAsync(small);
        smallDeal.Property(DealProperties.InvitationStatus).ShouldBe("Pending");
        ((string?)processor.Emulator.FindInvitation(small)!["Status"]).ShouldBe("PENDING");
    }
}
