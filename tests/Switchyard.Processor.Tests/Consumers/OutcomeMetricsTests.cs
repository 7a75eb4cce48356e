using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>The meter <c>Switchyard.Processor</c> counts every outcome by kind and reason, for processing error rates.</summary>
public class OutcomeMetricsTests
{
    [Fact]
    public async Task Each_outcome_is_counted_once_by_kind_and_reason()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        using var listener = new MeterListener();
        var measured = Listen(listener, processor.Module.Services.GetRequiredService<IMeterFactory>());
        processor.Crm.AddDeal(401, "Acme cloud migration #AWS");
        processor.Crm.AddDeal(402, "Acme, not tagged");
        processor.SeedSyncedDeal(403, reviewStatus: "Submitted");
        processor.Crm.AddDeal(404, "Acme rejected #AWS");
        processor.PartnerCentral.FailNext("CreateOpportunity",
            new PartnerCentralException("ValidationException", "Customer.Account.WebsiteUrl is not a valid URL.", PartnerCentralErrorKind.Permanent));

        // One at a time: the failure above is for the first creation Partner Central sees.
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 404);
        await Poll.UntilAsync(() => !measured.IsEmpty, "the failure to be counted");
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 401);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, 402);
        await processor.PublishAsync(HubSpotSubscriptionTypes.DealPropertyChange, 403, DealProperties.Amount);

        await Poll.UntilAsync(() => measured.Count >= 4, "four outcomes to be counted");
        measured.OrderBy(m => m).ShouldBe([
            "blocked/Submitted",
            "created/",
            "failed/ValidationException",
            $"skipped/{SyncSkipReasons.NotTagged}",
        ]);
    }

    [Fact]
    public async Task Co_sell_and_referral_outcomes_are_counted_with_the_review_status_and_AWSs_reason()
    {
        await using var processor = await ProcessorUnderTest.StartAsync();
        using var listener = new MeterListener();
        var measured = Listen(listener, processor.Module.Services.GetRequiredService<IMeterFactory>());
        var bus = processor.Module.Harness.Bus;
        var cancel = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;

        await bus.Publish(new OpportunitySubmitted { PortalId = 1, DealId = 2, OpportunityId = "O1", InvolvementType = "Co-Sell", Visibility = "Full", OccurredAt = now }, cancel);
        await bus.Publish(new OpportunitySubmissionFailed { PortalId = 1, DealId = 3, Reason = "ValidationError", Detail = "...", OccurredAt = now }, cancel);
        await bus.Publish(new OpportunityReviewChanged { PortalId = 1, DealId = 2, OpportunityId = "O1", OldStatus = "Submitted", NewStatus = "Approved", OccurredAt = now }, cancel);
        await bus.Publish(new InvitationReceived { PortalId = 1, DealId = 4, InvitationId = "engi-1", OccurredAt = now }, cancel);
        await bus.Publish(new InvitationAccepted { PortalId = 1, DealId = 4, InvitationId = "engi-1", OccurredAt = now }, cancel);
        await bus.Publish(new InvitationRejected { PortalId = 1, DealId = 5, InvitationId = "engi-2", OccurredAt = now }, cancel);
        await bus.Publish(new InvitationExpired { PortalId = 1, DealId = 6, InvitationId = "engi-3", OccurredAt = now }, cancel);

        await Poll.UntilAsync(() => measured.Count >= 7, "seven outcomes to be counted");
        measured.OrderBy(m => m, StringComparer.Ordinal).ShouldBe([
            "invitation_accepted/",
            "invitation_expired/",
            "invitation_received/",
            "invitation_rejected/",
            "review_changed/Approved",
            "submission_failed/ValidationError",
            "submitted/",
        ]);
    }

    /// <summary>The outcomes counted on the processor's own meter (not another test's), as "kind/reason".</summary>
    static ConcurrentQueue<string> Listen(MeterListener listener, IMeterFactory scope)
    {
        var measured = new ConcurrentQueue<string>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProcessorMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == ProcessorMetrics.OutcomesName)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? outcome = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                    outcome = tag.Value as string;
                else if (tag.Key == "reason")
                    reason = tag.Value as string;
            }

            for (var i = 0; i < value; i++)
                measured.Enqueue($"{outcome}/{reason}");
        });
        listener.Start();
        return measured;
    }
}
