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
