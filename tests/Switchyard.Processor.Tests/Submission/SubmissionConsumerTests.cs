using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Submission;
using Switchyard.Processor.Sync;
using Switchyard.Processor.Tests.Conformance;
using Switchyard.Processor.Tests.PartnerCentral;

namespace Switchyard.Processor.Tests.Submission;

/// <summary>
/// Submission on MassTransit's harness with the real Partner Central client against the emulator over loopback (which
/// runs the task asynchronously and checks every request against AWS's model), HubSpot in memory.
/// </summary>
public sealed class SubmissionConsumerTests
{
    const long DealId = 4101;
    static readonly ServiceModel Model = ServiceModel.PartnerCentralSelling;

    [Fact]
    public async Task Ticking_the_checkbox_starts_one_task_followed_while_in_progress_until_the_deal_is_Submitted()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync(options => options.TaskDelay = TimeSpan.FromSeconds(4));
        var opportunityId = await CreatedAsync(processor);

        await TickAsync(processor);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmitted>().Count, 1, "the opportunity submitted");

        var submitted = processor.Published.Of<OpportunitySubmitted>().Single().Message;
        submitted.OpportunityId.ShouldBe(opportunityId);
        submitted.InvolvementType.ShouldBe("Co-Sell");
        submitted.Visibility.ShouldBe("Full");
        submitted.EngagementId.ShouldNotBeNull();
        processor.Crm.DealProperty(DealId, DealProperties.SubmissionStatus).ShouldBe("Submitted");
        processor.Crm.DealProperty(DealId, DealProperties.ReviewStatus).ShouldBe("Submitted");
        processor.Crm.Calls.ShouldContain($"UpdateDeal {DealId} {DealProperties.SubmissionStatus},{DealProperties.SyncError}");
        ((string?)processor.Emulator.FindOpportunity(opportunityId)!["LifeCycle"]!["ReviewStatus"]).ShouldBe("Submitted");

        var starts = Requests(processor, "StartEngagementFromOpportunityTask");
        var start = starts.ShouldHaveSingleItem();
        ((string?)start["ClientToken"]).ShouldStartWith($"hubspot-{ProcessorOnEmulator.Portal}-deal-{DealId}-{opportunityId}-submit-");
        ((string?)start["AwsSubmission"]!["InvolvementType"]).ShouldBe("Co-Sell");
        // Followed by scheduled checks: AWS said IN_PROGRESS at least once before COMPLETE.
        var statuses = processor.Emulator.Requests.Where(r => r.Operation == "ListEngagementFromOpportunityTasks")
            .Select(r => (string?)r.Response?["TaskSummaries"]?[0]?["TaskStatus"]).ToList();
        statuses.ShouldContain("IN_PROGRESS");
        statuses[^1].ShouldBe("COMPLETE");
        ShouldAllBeValid(processor);
        processor.Published.Of<OpportunitySubmissionFailed>().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_task_in_progress_is_one_Debug_line_per_check_and_no_retry_warning_while_a_real_failure_is_still_logged_with_its_stack_trace()
    {
        var logs = new LogCapture();
        await using var processor = await ProcessorOnEmulator.StartAsync(options => options.TaskDelay = TimeSpan.FromSeconds(5), logs: logs);
        await CreatedAsync(processor);
        // A real failure: the first check of the task meets an internal error of Partner Central.
        processor.Emulator.FailNext(1, "InternalServerException", operation: "ListEngagementFromOpportunityTasks");

        await TickAsync(processor);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmitted>().Count, 1, "the opportunity submitted");

        var checks = processor.Emulator.Requests.Where(r => r.Operation == "ListEngagementFromOpportunityTasks").ToList();
        var inProgress = checks.Count(r => (string?)r.Response?["TaskSummaries"]?[0]?["TaskStatus"] == "IN_PROGRESS");
        inProgress.ShouldBeGreaterThan(0);
        checks.Count(r => r.StatusCode == 500).ShouldBe(1);
        var lines = logs.Lines;
        lines.Where(l => l.StartsWith("Debug", StringComparison.Ordinal) && l.Contains("is in progress (check", StringComparison.Ordinal)).Count().ShouldBe(inProgress);
        lines.ShouldNotContain(l => l.Contains(nameof(EngagementTaskInProgressException), StringComparison.Ordinal));
        // MassTransit's warning of a retry, with the exception and its stack trace: once, for the real failure.
        var loud = lines.Where(l => (l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal))
            && l.Contains(SubmissionRegistration.FollowEndpointName, StringComparison.Ordinal)).ToList();
        var retry = loud.ShouldHaveSingleItem();
        retry.ShouldContain("R-RETRY");
        retry.ShouldContain("InternalServerException");
        retry.ShouldContain("   at ");
        processor.Crm.DealProperty(DealId, DealProperties.SubmissionStatus).ShouldBe("Submitted");
    }

    [Fact]
    public async Task A_task_still_in_progress_at_the_last_check_goes_to_the_error_queue_at_once_without_retries()
    {
        var logs = new LogCapture();
        await using var processor = await ProcessorOnEmulator.StartAsync(options => options.TaskDelay = TimeSpan.FromHours(1), logs: logs);
        var opportunityId = await CreatedAsync(processor);
        await TickAsync(processor);
        await ProcessorOnEmulator.UntilAsync(() => Requests(processor, "ListEngagementFromOpportunityTasks").Count, 1, "the first check");
        var taskId = (string)processor.Emulator.Requests.Single(r => r.Operation == "StartEngagementFromOpportunityTask").Response!["TaskId"]!;

        var last = new FollowSubmissionTask
        {
            PortalId = ProcessorOnEmulator.Portal,
            DealId = DealId,
            OpportunityId = opportunityId,
            TaskId = taskId,
            InvolvementType = "Co-Sell",
            Visibility = "Full",
            Check = EngagementTasks.Checks.Intervals.Count,
        };
        var (fault, messageId) = await processor.FaultOfAsync(SubmissionRegistration.FollowEndpointName, last);

        fault.Exceptions.ShouldHaveSingleItem().ExceptionType.ShouldBe(typeof(EngagementTaskNotFinishedException).FullName);
        fault.Exceptions[0].Message.ShouldContain($"still in progress after {last.Check + 1} checks");
        logs.Lines.ShouldNotContain(l => l.Contains("R-RETRY", StringComparison.Ordinal) && l.Contains(messageId.ToString(), StringComparison.Ordinal));
        logs.Lines.ShouldContain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("R-FAULT", StringComparison.Ordinal) && l.Contains(messageId.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_submission_gets_the_first_task_back_by_its_client_token()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync(options => options.TaskDelay = TimeSpan.FromSeconds(2));
        await CreatedAsync(processor);
        var command = new SubmitOpportunity { PortalId = ProcessorOnEmulator.Portal, DealId = DealId, EventId = 77, SubscriptionType = "deal.propertyChange", Trigger = "checkbox" };
        var endpoint = await processor.Module.Harness.Bus.GetSendEndpoint(SyncRequests.WriteQueueAddress(processor.Module.Services));

        await endpoint.Send(command, TestContext.Current.CancellationToken);
        await endpoint.Send(command, TestContext.Current.CancellationToken);
        await ProcessorOnEmulator.UntilAsync(() => Requests(processor, "StartEngagementFromOpportunityTask").Count, 2, "both submissions");
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmitted>().Count, 1, "the opportunity submitted");

        Requests(processor, "StartEngagementFromOpportunityTask").Select(r => (string?)r["ClientToken"]).Distinct().Count().ShouldBe(1);
        processor.Emulator.Requests.Where(r => r.Operation == "StartEngagementFromOpportunityTask")
            .Select(r => (string?)r.Response?["TaskId"]).Distinct().Count().ShouldBe(1);
        processor.Crm.DealProperty(DealId, DealProperties.SubmissionStatus).ShouldBe("Submitted");
        ShouldAllBeValid(processor);
    }

    [Fact]
    public async Task An_opportunity_lacking_what_AWS_requires_is_not_sent_and_the_deal_says_what_to_fill_in_once()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync();
        var opportunityId = await CreatedAsync(processor);
        processor.Emulator.EditInConsole(opportunityId, opportunity => opportunity["Customer"]!["Account"]!.AsObject().Remove("Industry"));

        await TickAsync(processor);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmissionFailed>().Count, 1, "the submission failed");
        await TickAsync(processor, eventId: 2);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmissionFailed>().Count, 2, "the second submission failed");

        var failed = processor.Published.Of<OpportunitySubmissionFailed>()[0].Message;
        failed.Reason.ShouldBe(SubmitOpportunityConsumer.MissingRequiredFields);
        failed.OpportunityId.ShouldBe(opportunityId);
        failed.Detail.ShouldContain("Customer.Account.Industry");
        processor.Crm.DealProperty(DealId, DealProperties.SubmissionStatus).ShouldStartWith("Failed: MissingRequiredFields: ");
        processor.Crm.DealProperty(DealId, DealProperties.SyncError)!.ShouldContain("the company's Industry");
        var note = processor.Crm.CreatedNotes.Where(n => n.DealId == DealId).Select(n => n.Body).ShouldHaveSingleItem();
        note.ShouldContain("the company&#39;s Industry (Customer.Account.Industry)");
        Requests(processor, "StartEngagementFromOpportunityTask").ShouldBeEmpty();
    }

    [Fact]
    public async Task A_task_AWS_fails_ends_in_Failed_with_its_reason_a_note_and_the_outcome()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync(options => options.TaskDelay = TimeSpan.FromSeconds(3));
        var opportunityId = await CreatedAsync(processor);

        await TickAsync(processor);
        // AWS's own check at the end of the task: the opportunity lost its website while the task ran.
        await ProcessorOnEmulator.UntilAsync(() => Requests(processor, "StartEngagementFromOpportunityTask").Count, 1, "the task started");
        processor.Emulator.EditInConsole(opportunityId, opportunity => opportunity["Customer"]!["Account"]!.AsObject().Remove("WebsiteUrl"));
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmissionFailed>().Count, 1, "the submission failed");

        var failed = processor.Published.Of<OpportunitySubmissionFailed>().Single().Message;
        failed.Reason.ShouldBe("OpportunityValidationFailed");
        failed.Detail.ShouldContain("Customer.Account.WebsiteUrl is required");
        processor.Crm.DealProperty(DealId, DealProperties.SubmissionStatus).ShouldStartWith("Failed: OpportunityValidationFailed: ");
        processor.Crm.CreatedNotes.Where(n => n.DealId == DealId).ShouldContain(n => n.Body.Contains("AWS did not accept the submission", StringComparison.Ordinal));
        processor.Published.Of<OpportunitySubmitted>().ShouldBeEmpty();
        ShouldAllBeValid(processor);
    }

    [Fact]
    public async Task Entering_a_configured_stage_submits_and_other_stages_do_not()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync(options => options.TaskDelay = TimeSpan.FromSeconds(1),
            new Dictionary<string, string?> { ["Processor:Submission:Stages:0"] = "contractsent", ["Processor:Submission:DefaultInvolvementType"] = "For Visibility Only" });
        await CreatedAsync(processor);

        await ChangeAsync(processor, DealProperties.Stage, "presentationscheduled", eventId: 5);
        await ProcessorOnEmulator.UntilAsync(() => processor.Emulator.Requests.Count(r => r.Operation == "UpdateOpportunity"), 1, "the stage's update");
        await ChangeAsync(processor, DealProperties.Stage, "contractsent", eventId: 6);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<OpportunitySubmitted>().Count, 1, "the opportunity submitted");

        var start = Requests(processor, "StartEngagementFromOpportunityTask").ShouldHaveSingleItem();
        ((string?)start["ClientToken"]).ShouldEndWith("-submit-6");
        ((string?)start["AwsSubmission"]!["InvolvementType"]).ShouldBe("For Visibility Only");
        processor.Crm.DealProperty(DealId, DealProperties.SubmissionStatus).ShouldBe("Submitted");
        ShouldAllBeValid(processor);
    }

    [Fact]
    public async Task Unticking_or_a_deal_without_an_opportunity_submits_nothing()
    {
        await using var processor = await ProcessorOnEmulator.StartAsync();
        processor.Crm.AddCompany(11, "Acme Corp");
        processor.Crm.AddDeal(DealId + 1, "Not yet #AWS", companyId: 11, properties: (DealProperties.SubmitToAws, "true"));
        await CreatedAsync(processor);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, DealId + 1, DealProperties.SubmitToAws);
        await ChangeAsync(processor, DealProperties.SubmitToAws, "false", eventId: 3);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<SyncSkipped>().Count(s => s.Message.Detail.Contains("submit", StringComparison.Ordinal)), 2, "both skipped");

        var skipped = processor.Published.Of<SyncSkipped>().Select(s => s.Message).ToList();
        skipped.ShouldContain(s => s.ObjectId == DealId + 1 && s.Reason == SyncSkipReasons.NotSynced);
        skipped.ShouldContain(s => s.ObjectId == DealId && s.Reason == SyncSkipReasons.NoChanges);
        Requests(processor, "StartEngagementFromOpportunityTask").ShouldBeEmpty();
    }

    /// <summary>A tagged deal with a company, created as an opportunity and associated with the solution.</summary>
    static async Task<string> CreatedAsync(ProcessorOnEmulator processor)
    {
        processor.Crm.AddCompany(10, "Acme Corp");
        processor.Crm.AddDeal(DealId, "Data platform #AWS", companyId: 10);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, DealId);
        await ProcessorOnEmulator.UntilAsync(() => processor.Emulator.Requests.Count(r => r.Operation == "AssociateOpportunity" && r.StatusCode == 200), 1, "the association");
        return processor.Crm.DealProperty(DealId, DealProperties.OpportunityId)!;
    }

    static Task TickAsync(ProcessorOnEmulator processor, long eventId = 1) => ChangeAsync(processor, DealProperties.SubmitToAws, "true", eventId);

    static async Task ChangeAsync(ProcessorOnEmulator processor, string property, string value, long eventId)
    {
        await processor.Crm.UpdateDealAsync(DealId, new Dictionary<string, string?> { [property] = value }, TestContext.Current.CancellationToken);
        await processor.Module.Harness.Bus.Publish(new HubSpotEventReceived
        {
            EventId = eventId,
            SubscriptionId = 2,
            PortalId = ProcessorOnEmulator.Portal,
            AppId = 3,
            OccurredAt = DateTimeOffset.UtcNow,
            SubscriptionType = HubSpotSubscriptionTypes.DealPropertyChange,
            ObjectId = DealId,
            PropertyName = property,
        }, TestContext.Current.CancellationToken);
    }

    static List<JsonObject> Requests(ProcessorOnEmulator processor, string operation) =>
        processor.Emulator.Requests.Where(r => r.Operation == operation).Select(r => r.Json!).ToList();

    static void ShouldAllBeValid(ProcessorOnEmulator processor)
    {
        var requests = processor.Emulator.Requests;
        requests.SelectMany(r => Model.Check(r.Operation!, r.Json!).Select(v => $"{r.Operation}: {v}")).ShouldBeEmpty();
        requests.Where(r => r.StatusCode != 200).Select(r => $"{r.Operation} {r.StatusCode} {r.Response?.ToJsonString()}").ShouldBeEmpty();
    }
}
